#include "requestauth.h"

namespace mall::server {

using protocol::AuthFailStyle;
using protocol::ErrorCode;

ApiResponse authFailure(ServerContext &context, const ApiRequest &request)
{
    context.stats.countAuthFailure();
    const QString message = request.text("登录已失效", "Your session has expired");
    switch (context.config.authFailStyle) {
    case AuthFailStyle::Status401:
        return ApiResponse::error(ErrorCode::AuthFail, message)
            .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    case AuthFailStyle::Status403:
        return ApiResponse::envelope(403, protocol::errorCodeName(ErrorCode::AuthFail), message);
    case AuthFailStyle::Body400:
        return ApiResponse::envelope(400, "401", message);
    }
    Q_UNREACHABLE();
}

namespace {

QByteArray bearerToken(const ApiRequest &request)
{
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.size() <= 7 || header.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return {};
    return header.mid(7).trimmed();
}

std::optional<AuthedUser> resolve(ServerContext &context, const QByteArray &token)
{
    const std::optional<Principal> principal = context.tokens.authenticate(token);
    if (!principal)
        return std::nullopt;
    const std::optional<User> user = context.users.find(principal->uid);
    if (!user)
        return std::nullopt;
    return AuthedUser{*principal, *user};
}

} // namespace

std::optional<Principal> presentedPrincipal(ServerContext &context, const ApiRequest &request)
{
    const QByteArray token = bearerToken(request);
    return token.isEmpty() ? std::nullopt : context.tokens.authenticate(token);
}

std::variant<AuthedUser, ApiResponse> requireUser(ServerContext &context, const ApiRequest &request,
                                                  int minimumStep)
{
    const QByteArray token = bearerToken(request);
    const std::optional<AuthedUser> authed =
        token.isEmpty() ? std::nullopt : resolve(context, token);
    if (!authed)
        return authFailure(context, request);
    const int step = authed->user.step();
    if (step < minimumStep && minimumStep >= 2 && step < 2) {
        return ApiResponse::error(ErrorCode::NeedMember,
                                  request.text("请先登录", "Please log in with your phone first"));
    }
    if (step < minimumStep) {
        return ApiResponse::error(
            ErrorCode::NeedMemberInfo,
            request.text("请先授权头像昵称", "Please authorize your profile first"));
    }
    return *authed;
}

std::variant<std::optional<AuthedUser>, ApiResponse> optionalUser(ServerContext &context,
                                                                  const ApiRequest &request)
{
    if (request.header("Authorization").isEmpty())
        return std::optional<AuthedUser>();
    const QByteArray token = bearerToken(request);
    const std::optional<AuthedUser> authed =
        token.isEmpty() ? std::nullopt : resolve(context, token);
    if (!authed)
        return authFailure(context, request);
    return authed;
}

} // namespace mall::server
