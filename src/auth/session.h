#pragma once

#include "api/apiclient.h"
#include "net/fuseline.h"
#include "net/singleflight.h"
#include "net/tokenprovider.h"
#include "platformclient.h"
#include "tokenstore.h"

#include <QJsonObject>

namespace mall::auth {

// The user's session: its tokens, who the user is and how far they have
// come (auth step), and every way of getting or renewing a login. It is the
// network layer's TokenProvider: refresh() renews through the refresh token
// and falls back to a silent login, and reports only after the new tokens
// are stored.
class Session : public net::TokenProvider
{
    Q_OBJECT

public:
    using Done = std::function<void(const api::ApiResult &)>;

    Session(api::ApiClient &api, TokenStore &store, const QString &deviceId,
            QObject *parent = nullptr);

    QByteArray accessToken() const override { return m_accessToken; }
    QByteArray refreshToken() const { return m_refreshToken; }
    void refresh() override;

    // Platform code -> /api/auth/wx-login. Single flight behind a fuse line:
    // ten callers at once make one /wx/login.
    void silentLogin(Done done = {});

    QJsonObject user() const { return m_user; }
    qint64 uid() const;
    int authStep() const;
    QString deviceId() const { return m_platform.deviceId(); }

    // Settings of the fuse in front of silent login (the seeds' defaults).
    void setSilentLoginFuse(const net::FuseLine::Settings &settings);

    struct RefreshOutcome
    {
        RefreshResult result = RefreshResult::Failed;
        QString detail;
    };

signals:
    void userChanged();

private:
    enum class Origin
    {
        Login,
        Refresh
    };
    void runSilentLogin(const std::function<void(const api::ApiResult &)> &done);
    void runRefresh(const std::function<void(const RefreshOutcome &)> &done);
    // Takes a token pair from a login or refresh answer, stores it, then
    // calls `then` (with the store's verdict).
    void adoptPair(const api::ApiResult &result, Origin origin, std::function<void()> then);
    void dropSession(std::function<void()> then);

    api::ApiClient &m_api;
    TokenStore &m_store;
    PlatformClient m_platform;
    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QJsonObject m_user;
    net::SingleFlight<api::ApiResult> m_silentFlight;
    net::SingleFlight<RefreshOutcome> m_refreshFlight;
    net::FuseLine m_silentFuse;
};

} // namespace mall::auth
