#pragma once

#include "api/apiclient.h"
#include "net/fuseline.h"
#include "net/singleflight.h"
#include "net/tokenprovider.h"
#include "platformclient.h"
#include "tokenstore.h"
#include "usercache.h"

#include <QJsonObject>

#include <memory>

namespace mall::auth {

// The user's session: its tokens, who the user is and how far they have come
// (auth step), and the logins that do not need the user: silent login, its
// refresh-login wrapper, logout. It is the network layer's TokenProvider:
// refresh() renews through the refresh token and falls back to a silent
// login, and reports only after the new tokens are stored.
//
// The seeds' onLoad-before-onLaunch problem: init() restores what it can,
// and until the session is ready the network layer holds API requests
// instead of letting them race the login.
class Session : public net::TokenProvider
{
    Q_OBJECT
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(int authStep READ authStep NOTIFY userChanged)
    Q_PROPERTY(QJsonObject user READ user NOTIFY userChanged)

public:
    using Done = std::function<void(const api::ApiResult &)>;

    // `cache` may be null (no user cache: tests, tools).
    Session(api::ApiClient &api, TokenStore &store, UserCache *cache, const QString &deviceId,
            QObject *parent = nullptr);

    // Restore the cached user at once, the tokens from the store, else log in
    // silently; ready() afterwards. Calling it again does nothing.
    void init();
    bool isReady() const { return m_ready; }

    QByteArray accessToken() const override { return m_accessToken; }
    QByteArray refreshToken() const { return m_refreshToken; }
    void refresh() override;

    // Platform code -> /api/auth/wx-login. Single flight behind a fuse line:
    // ten callers at once make one /wx/login.
    void silentLogin(Done done = {});
    // Forget the session, then log in silently (the seeds' refreshLogin).
    void refreshLogin(Done done = {});
    // End the session on the server and here, then start over as a guest.
    void logout(Done done = {});
    // Before a phone or profile authorization: is the backend's session_key
    // still the platform's? If not (or unsure), a silent login renews it.
    // `done(true)` when a fresh key can be relied on.
    void ensureSessionKey(std::function<void(bool ok, const api::ApiResult &why)> done);

    // For the login flows: take a token-pair answer (store it, then tell
    // everyone), or a new User object (profile authorization).
    void acceptLogin(const api::ApiResult &pairAnswer, Done done);
    void acceptUser(const QJsonObject &user);

    QJsonObject user() const { return m_user; }
    qint64 uid() const;
    int authStep() const;
    QString deviceId() const { return m_platform.deviceId(); }
    bool isPersistent() const { return m_store.isPersistent(); }
    api::ApiClient &api() { return m_api; }
    PlatformClient &platform() { return m_platform; }

    void setSilentLoginFuse(const net::FuseLine::Settings &settings);

signals:
    void userChanged();
    void readyChanged();
    void loggedOut();

private:
    enum class Origin
    {
        Login,
        Refresh,
        Restore
    };
    struct RefreshOutcome
    {
        RefreshResult result = RefreshResult::Failed;
        QString detail;
    };

    void runSilentLogin(const std::function<void(const api::ApiResult &)> &done);
    void runRefresh(const std::function<void(const RefreshOutcome &)> &done);
    void adoptPair(const api::ApiResult &result, Origin origin,
                   std::function<void(bool accepted)> then);
    void setTokens(const StoredTokens &tokens);
    void setUser(const QJsonObject &user);
    void dropSession(std::function<void()> then);
    void becomeReady(RefreshResult result, const QString &detail);
    static RefreshOutcome outcomeOfLogin(const api::ApiResult &login);

    api::ApiClient &m_api;
    TokenStore &m_store;
    UserCache *m_cache;
    PlatformClient m_platform;
    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QJsonObject m_user;
    bool m_initStarted = false;
    bool m_ready = false;
    net::SingleFlight<api::ApiResult> m_silentFlight;
    net::SingleFlight<RefreshOutcome> m_refreshFlight;
    net::FuseLine m_silentFuse;
};

// An ApiResult for a problem found before any request was made.
api::ApiResult localFailure(const QString &code, const QString &message);

} // namespace mall::auth
