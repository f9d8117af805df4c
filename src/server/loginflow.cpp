#include "loginflow.h"

namespace mall::server {

using protocol::ErrorCode;

ApiResponse answerLogin(ServerContext &context, const ApiRequest &request, qint64 uid,
                        const QString &openid)
{
    const TokenPair pair = context.tokens.startSession(uid, openid);
    context.stats.countLogin();
    const User user = context.users.find(uid).value_or(User{});
    return ApiResponse::ok(context.tokens.pairJson(pair, user.toJson(request.origin())));
}

PhoneAccount accountForPhone(ServerContext &context, const std::optional<AuthedUser> &caller,
                             const QString &phone)
{
    const std::optional<qint64> existing = context.users.uidForPhone(phone);
    if (caller) {
        // The session the login was made from is replaced by the new one.
        context.tokens.revokeFamily(caller->principal.sid);
        if (caller->user.step() == 1) {
            if (existing) {
                context.users.absorbGuest(caller->user.uid, *existing);
                return {*existing, caller->principal.openid};
            }
            context.users.setPhone(caller->user.uid, phone);
            return {caller->user.uid, caller->principal.openid};
        }
        if (existing && *existing == caller->user.uid)
            return {*existing, caller->principal.openid};
    }
    if (existing)
        return {*existing, QString()};
    return {context.users.createMember(phone, context.clock.now()), QString()};
}

ApiResponse badRequest(const ApiRequest &request, const QString &detail)
{
    Q_UNUSED(request);
    return ApiResponse::error(ErrorCode::BadRequest, detail);
}

ApiResponse rateLimited(const ApiRequest &request, qint64 retryAfter)
{
    return ApiResponse::error(
               ErrorCode::RateLimited,
               request.prefersEnglish()
                   ? QStringLiteral("Too many attempts, try again in %1 s").arg(retryAfter)
                   : QStringLiteral("操作过于频繁，请 %1 秒后再试").arg(retryAfter))
        .withHeader("Retry-After", QByteArray::number(retryAfter));
}

} // namespace mall::server
