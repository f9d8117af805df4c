#pragma once

#include "api/apiclient.h"

#include <QString>

namespace mall::auth {

// The client side of the platform (what wx.login, the phone button and
// getUserProfile are in a mini-program), spoken to the platform simulator.
class PlatformClient
{
public:
    PlatformClient(api::ApiClient &api, QString deviceId);

    QString deviceId() const { return m_deviceId; }

    // wx.login: a one-time code for /api/auth/wx-login.
    void login(std::function<void(const api::ApiResult &, const QString &code)> done);
    // The phone-number button: the encrypted payload for /api/auth/bind-phone.
    void phoneNumber(const QString &phone, std::function<void(const api::ApiResult &)> done);
    // getUserProfile: rawData and signature for /api/user/profile.
    void userProfile(const QString &nickname, const QString &avatarUrl, int gender,
                     std::function<void(const api::ApiResult &)> done);

private:
    api::ApiClient &m_api;
    QString m_deviceId;
};

} // namespace mall::auth
