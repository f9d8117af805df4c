#include "bodyreader.h"
#include "loginflow.h"
#include "profilesignature.h"
#include "routes.h"
#include "securerandom.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace mall::server {

using protocol::ErrorCode;

namespace {

ApiResponse me(ServerContext &, const ApiRequest &request, const AuthedUser &authed)
{
    return ApiResponse::ok(authed.user.toJson(request.origin()));
}

ApiResponse authorizeProfile(ServerContext &context, const ApiRequest &request,
                             const AuthedUser &me)
{
    BodyReader body(request.body);
    // rawData may carry a data-URL avatar; the 1 MiB body limit bounds it.
    const QString rawData = body.string("rawData", 1024 * 1024);
    const QString signature = body.string("signature", 64);
    if (!body.ok())
        return badRequest(request, body.error());
    if (me.principal.openid.isEmpty())
        return badRequest(request, QStringLiteral("this session has no platform identity"));

    // The signature proves the profile came from the platform for this user's
    // current session_key; a mismatch is answered like a stale key, because
    // the backend cannot tell the two apart.
    const QByteArray sessionKey = context.users.identitySessionKey(me.principal.openid);
    if (sessionKey.isEmpty() || !constantTimeEquals(profileSignature(rawData.toUtf8(), sessionKey),
                                                    signature.toLatin1().toLower())) {
        return ApiResponse::error(
            ErrorCode::SessionKeyExpired,
            request.text("授权已过期，请再点一次", "Authorization expired, please tap again"));
    }

    BodyReader profile(rawData.toUtf8());
    const QString nickname = profile.string("nickName", 32).trimmed();
    const std::optional<qint64> gender = profile.optionalInteger("gender");
    const QString avatarUrl =
        profile.optionalString("avatarUrl", 2 * 1024 * 1024).value_or(QString());
    if (!profile.ok())
        return badRequest(request, QStringLiteral("rawData: ") + profile.error());
    if (nickname.isEmpty())
        return badRequest(request, QStringLiteral("rawData: nickName must not be empty"));
    if (gender && (*gender < 0 || *gender > 2))
        return badRequest(request, QStringLiteral("rawData: gender must be 0, 1 or 2"));

    Transaction transaction(context.db);
    QString avatarPath;
    if (!avatarUrl.isEmpty()) {
        const AvatarStore::Copied copied =
            context.avatars.copyIn(avatarUrl, request, context.clock.now());
        if (!copied.error.isEmpty())
            return badRequest(request, copied.error);
        avatarPath = copied.path;
    }
    context.users.setProfile(me.user.uid, nickname, avatarPath,
                             gender ? std::optional<int>(int(*gender)) : std::nullopt);
    transaction.commit();
    return ApiResponse::ok(context.users.find(me.user.uid)->toJson(request.origin()));
}

ApiResponse setPassword(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    BodyReader body(request.body);
    const QString password = body.string("password", 128);
    if (!body.ok())
        return badRequest(request, body.error());
    if (password.size() < 8) {
        return badRequest(
            request, request.text("密码至少 8 位", "The password needs at least 8 characters"));
    }
    context.users.setPasswordHash(authed.user.uid, context.passwords.hash(password));
    return ApiResponse::ok();
}

ApiResponse avatar(ServerContext &context, const ApiRequest &request)
{
    const QString name = request.pathParam(QStringLiteral("name"));
    const auto picture = context.avatars.find(name);
    if (!picture)
        return ApiResponse::error(ErrorCode::NotFound,
                                  request.text("图片不存在", "No such picture"));
    // Names are content hashes, so a picture never changes under its URL.
    const QByteArray etag = '"' + name.toLatin1() + '"';
    const QByteArray cacheControl = "public, max-age=31536000, immutable";
    // A 304 repeats the validators and caching rules of the 200 (RFC 9110 15.4.5).
    if (etagMatches(request.header("If-None-Match"), etag)) {
        return ApiResponse::raw(304, {}, {})
            .withHeader("ETag", etag)
            .withHeader("Cache-Control", cacheControl);
    }
    return ApiResponse::raw(200, picture->contentType, picture->data)
        .withHeader("ETag", etag)
        .withHeader("Cache-Control", cacheControl);
}

} // namespace

void registerUserRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/user/me"), withUser(context, 1, me));
    router.add("POST", QStringLiteral("/api/user/profile"), withUser(context, 2, authorizeProfile));
    router.add("PUT", QStringLiteral("/api/user/password"), withUser(context, 2, setPassword));
    router.add("GET", QStringLiteral("/media/avatars/{name}"), withContext(context, avatar));
}

} // namespace mall::server
