#include "bodyreader.h"
#include "loginflow.h"
#include "protocol/phonenumber.h"
#include "routes.h"

#include <QJsonObject>

namespace mall::server {

using protocol::ErrorCode;

namespace {

constexpr int kMaxDeviceId = 128;

ApiResponse unknownDevice(const ApiRequest &request)
{
    return ApiResponse::error(
        ErrorCode::NotFound,
        request.text("设备未登录平台", "Unknown device: call /wx/login first"));
}

ApiResponse login(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString deviceId = body.string("deviceId", kMaxDeviceId);
    if (!body.ok())
        return badRequest(request, body.error());
    if (deviceId.trimmed().isEmpty())
        return badRequest(request, QStringLiteral("field \"deviceId\" must not be empty"));
    return ApiResponse::ok(QJsonObject{
        {QLatin1String("code"), QString::fromLatin1(context.platform.login(deviceId))}});
}

ApiResponse phoneNumber(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString deviceId = body.string("deviceId", kMaxDeviceId);
    const QString phone = body.string("phone", 32);
    // QA knobs, honoured only on a --dev server: forge a foreign or old watermark.
    const std::optional<QString> appId = body.optionalString("watermarkAppid", 64);
    const std::optional<qint64> timestamp = body.optionalInteger("watermarkTimestamp");
    if (!body.ok())
        return badRequest(request, body.error());
    if (!protocol::isValidPhone(phone))
        return badRequest(request, request.text("手机号格式不正确", "Not a valid phone number"));
    const bool forge = context.config.dev;
    const auto payload = context.platform.phonePayload(
        deviceId, phone, forge && appId ? *appId : context.config.appId,
        forge && timestamp ? *timestamp : context.clock.now());
    if (!payload)
        return unknownDevice(request);
    return ApiResponse::ok(QJsonObject{
        {QLatin1String("encryptedData"), QString::fromLatin1(payload->encryptedData)},
        {QLatin1String("iv"), QString::fromLatin1(payload->iv)},
    });
}

ApiResponse userProfile(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString deviceId = body.string("deviceId", kMaxDeviceId);
    const QString nickname = body.string("nickname", 32);
    const std::optional<QString> avatarUrl = body.optionalString("avatarUrl", 2 * 1024 * 1024);
    const std::optional<qint64> gender = body.optionalInteger("gender");
    if (!body.ok())
        return badRequest(request, body.error());
    if (gender && (*gender < 0 || *gender > 2))
        return badRequest(request, QStringLiteral("field \"gender\" must be 0, 1 or 2"));
    // Without a picture of their own, users get the platform's avatar.
    const QString avatar =
        avatarUrl.value_or(request.origin() + QStringLiteral("/wx/avatar/") +
                           context.platform.openidForDevice(deviceId) + QStringLiteral(".png"));
    const auto payload =
        context.platform.profilePayload(deviceId, nickname, avatar, int(gender.value_or(0)));
    if (!payload)
        return unknownDevice(request);
    return ApiResponse::ok(QJsonObject{
        {QLatin1String("rawData"), QString::fromUtf8(payload->rawData)},
        {QLatin1String("signature"), QString::fromLatin1(payload->signature)},
    });
}

ApiResponse avatar(ServerContext &, const ApiRequest &request)
{
    const QString name = request.pathParam(QStringLiteral("name"));
    if (!name.endsWith(QLatin1String(".png")) || name.size() > 80)
        return ApiResponse::error(ErrorCode::NotFound,
                                  request.text("图片不存在", "No such picture"));
    return ApiResponse::raw(200, "image/png", PlatformSimulator::avatarPng(name.chopped(4)))
        .withHeader("Cache-Control", "public, max-age=86400");
}

} // namespace

void registerPlatformRoutes(Router &router, ServerContext &context)
{
    router.add("POST", QStringLiteral("/wx/login"), withContext(context, login));
    router.add("POST", QStringLiteral("/wx/getPhoneNumber"), withContext(context, phoneNumber));
    router.add("POST", QStringLiteral("/wx/getUserProfile"), withContext(context, userProfile));
    router.add("GET", QStringLiteral("/wx/avatar/{name}"), withContext(context, avatar));
}

} // namespace mall::server
