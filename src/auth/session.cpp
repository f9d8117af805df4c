#include "session.h"

#include "authlog.h"

#include <QNetworkRequest>

namespace mall::auth {

using net::TokenProvider;

namespace {

api::ApiClient::Options authCallOptions()
{
    api::ApiClient::Options options;
    // Login and refresh calls carry no access token and must never wait
    // behind the gate they are meant to open.
    options.skipAuth = true;
    options.priority = QNetworkRequest::HighPriority;
    return options;
}

// A failure that says nothing about the session: try again later.
bool isTransient(const api::ApiResult &result)
{
    return result.isNetworkFailure() || result.isServerBusy();
}

} // namespace

Session::Session(api::ApiClient &api, TokenStore &store, const QString &deviceId, QObject *parent)
    : TokenProvider(parent)
    , m_api(api)
    , m_store(store)
    , m_platform(api, deviceId)
{}

qint64 Session::uid() const
{
    return m_user.value(QLatin1String("uid")).toInteger();
}

int Session::authStep() const
{
    return m_user.value(QLatin1String("step")).toInt();
}

void Session::setSilentLoginFuse(const net::FuseLine::Settings &settings)
{
    m_silentFuse = net::FuseLine(settings);
}

void Session::silentLogin(Done done)
{
    m_silentFlight.run(
        [this](auto finish) {
            if (!m_silentFuse.tryPass()) {
                api::ApiResult refused;
                refused.message = QStringLiteral("silent login refused: too many attempts");
                finish(refused);
                return;
            }
            runSilentLogin(finish);
        },
        [done = std::move(done)](const api::ApiResult &result) {
            if (done)
                done(result);
        });
}

void Session::runSilentLogin(const std::function<void(const api::ApiResult &)> &done)
{
    m_platform.login([this, done](const api::ApiResult &platform, const QString &code) {
        if (!platform.ok() || code.isEmpty()) {
            done(platform);
            return;
        }
        m_api.call(
            "POST", QStringLiteral("/api/auth/wx-login"),
            QJsonObject{{QLatin1String("code"), code}},
            [this, done](const api::ApiResult &login) {
                if (!login.ok()) {
                    qCWarning(lcAuth).noquote()
                        << "silent login failed:" << login.code << login.message;
                    done(login);
                    return;
                }
                adoptPair(login, Origin::Login, [done, login] { done(login); });
            },
            authCallOptions());
    });
}

void Session::refresh()
{
    m_refreshFlight.run([this](auto finish) { runRefresh(finish); },
                        [this](const RefreshOutcome &outcome) {
                            emit refreshFinished(outcome.result, outcome.detail);
                        });
}

void Session::runRefresh(const std::function<void(const RefreshOutcome &)> &done)
{
    // With the refresh token dead, gone or refused, a silent login is the
    // way back: the platform identity brings back the same user.
    const auto viaSilentLogin = [this, done] {
        silentLogin([this, done](const api::ApiResult &login) {
            if (login.ok()) {
                done({RefreshResult::Refreshed, {}});
            } else if (isTransient(login) || login.code.isEmpty()) {
                done({RefreshResult::Failed, login.message});
            } else {
                dropSession([done, login] {
                    done({RefreshResult::SessionExpired, login.message});
                });
            }
        });
    };
    if (m_refreshToken.isEmpty()) {
        viaSilentLogin();
        return;
    }
    m_api.call(
        "POST", QStringLiteral("/api/auth/refresh"),
        QJsonObject{{QLatin1String("refreshToken"), QString::fromLatin1(m_refreshToken)}},
        [this, done, viaSilentLogin](const api::ApiResult &result) {
            if (result.ok()) {
                adoptPair(result, Origin::Refresh, [done] {
                    done({RefreshResult::Refreshed, {}});
                });
            } else if (result.code == u"REFRESH_REUSED") {
                // Someone else used this session: it is over, for safety.
                qCWarning(lcAuth, "refresh token reuse reported: dropping the session");
                dropSession([done, result] {
                    done({RefreshResult::SessionExpired, result.message});
                });
            } else if (result.code == u"REFRESH_INVALID") {
                qCInfo(lcAuth, "refresh token no longer valid: logging in silently");
                viaSilentLogin();
            } else {
                done({RefreshResult::Failed, result.message});
            }
        },
        authCallOptions());
}

void Session::adoptPair(const api::ApiResult &result, Origin origin, std::function<void()> then)
{
    const QJsonObject data = result.object();
    const StoredTokens tokens{data.value(QLatin1String("accessToken")).toString().toLatin1(),
                              data.value(QLatin1String("refreshToken")).toString().toLatin1()};
    const QJsonObject user = data.value(QLatin1String("user")).toObject();
    // Stored first: a token the server rotated must be on disk before anyone
    // relies on it, or a crash now would leave only the dead one behind.
    m_store.save(tokens, [this, tokens, user, origin,
                          then = std::move(then)](bool ok, const QString &error) {
        if (!ok)
            qCWarning(lcAuth).noquote() << "could not store the tokens:" << error;
        m_accessToken = tokens.accessToken;
        m_refreshToken = tokens.refreshToken;
        const bool userChanged = user != m_user;
        m_user = user;
        if (origin == Origin::Login)
            emit accessTokenChanged();
        if (userChanged)
            emit this->userChanged();
        then();
    });
}

void Session::dropSession(std::function<void()> then)
{
    m_store.clear([this, then = std::move(then)](bool, const QString &) {
        m_accessToken.clear();
        m_refreshToken.clear();
        m_user = {};
        emit userChanged();
        then();
    });
}

} // namespace mall::auth
