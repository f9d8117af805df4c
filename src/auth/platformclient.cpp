#include "platformclient.h"

namespace mall::auth {

namespace {

api::ApiClient::Options platformOptions()
{
    api::ApiClient::Options options;
    options.skipAuth = true; // the platform knows devices, not our tokens
    return options;
}

} // namespace

PlatformClient::PlatformClient(api::ApiClient &api, QString deviceId)
    : m_api(api)
    , m_deviceId(std::move(deviceId))
{}

void PlatformClient::login(std::function<void(const api::ApiResult &, const QString &)> done)
{
    m_api.call(
        "POST", QStringLiteral("/wx/login"), QJsonObject{{QLatin1String("deviceId"), m_deviceId}},
        [done = std::move(done)](const api::ApiResult &result) {
            done(result, result.object().value(QLatin1String("code")).toString());
        },
        platformOptions());
}

void PlatformClient::phoneNumber(const QString &phone,
                                 std::function<void(const api::ApiResult &)> done)
{
    m_api.call(
        "POST", QStringLiteral("/wx/getPhoneNumber"),
        QJsonObject{{QLatin1String("deviceId"), m_deviceId}, {QLatin1String("phone"), phone}},
        std::move(done), platformOptions());
}

void PlatformClient::userProfile(const QString &nickname, const QString &avatarUrl, int gender,
                                 std::function<void(const api::ApiResult &)> done)
{
    QJsonObject body{{QLatin1String("deviceId"), m_deviceId},
                     {QLatin1String("nickname"), nickname},
                     {QLatin1String("gender"), gender}};
    if (!avatarUrl.isEmpty())
        body.insert(QLatin1String("avatarUrl"), avatarUrl);
    m_api.call("POST", QStringLiteral("/wx/getUserProfile"), body, std::move(done),
               platformOptions());
}

} // namespace mall::auth
