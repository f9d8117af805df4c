#include "session.h"

#include "authlog.h"

#include <QNetworkRequest>

namespace mall::auth {

using net::TokenProvider;

namespace {

api::CallOptions authCallOptions()
{
    api::CallOptions options;
    // Login and refresh calls carry no access token and must never wait
    // behind the gate they are meant to open.
    options.skipAuth = true;
    options.priority = QNetworkRequest::HighPriority;
    return options;
}

// A failure that says nothing about the session: try again later.
bool isTransient(const api::ApiResult &result)
{
    return result.isNetworkFailure() || result.isServerBusy() || result.code.isEmpty();
}

} // namespace

api::ApiResult localFailure(const QString &code, const QString &message)
{
    api::ApiResult result;
    result.code = code;
    result.message = message;
    return result;
}

Session::Session(api::ApiClient &api, TokenStore &store, UserCache *cache, const QString &deviceId,
                 QObject *parent)
    : TokenProvider(parent)
    , m_api(api)
    , m_store(store)
    , m_cache(cache)
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

Session::RefreshOutcome Session::outcomeOfLogin(const api::ApiResult &login)
{
    if (login.ok())
        return {RefreshResult::Refreshed, {}};
    if (isTransient(login))
        return {RefreshResult::Failed, login.message};
    return {RefreshResult::SessionExpired, login.message};
}

void Session::init()
{
    if (m_initStarted)
        return;
    m_initStarted = true;
    // Shown before any network call: who the user was last time.
    if (m_cache) {
        const QJsonObject cached = m_cache->user();
        if (!cached.isEmpty())
            setUser(cached);
    }
    emit refreshStarted(); // API requests wait for us instead of racing us
    m_store.load([this](std::optional<StoredTokens> tokens, const QString &error) {
        if (!error.isEmpty())
            qCWarning(lcAuth).noquote() << "could not read the stored tokens:" << error;
        if (tokens && !tokens->refreshToken.isEmpty()) {
            qCInfo(lcAuth, "session restored from the token store");
            setTokens(*tokens);
            becomeReady(RefreshResult::Refreshed, {});
            // Bring the cached user up to date (through the network layer,
            // so an expired token is refreshed on the way).
            m_api.get(QStringLiteral("/api/user/me"), [this](const api::ApiResult &me) {
                if (me.ok())
                    acceptUser(me.object());
            });
            return;
        }
        silentLogin([this](const api::ApiResult &login) {
            const RefreshOutcome outcome = outcomeOfLogin(login);
            becomeReady(outcome.result, outcome.detail);
        });
    });
}

void Session::becomeReady(RefreshResult result, const QString &detail)
{
    emit refreshFinished(result, detail);
    if (!m_ready) {
        m_ready = true;
        emit readyChanged();
    }
}

void Session::silentLogin(Done done)
{
    m_silentFlight.run(
        [this](auto finish) {
            if (!m_silentFuse.tryPass()) {
                finish(localFailure(QString(),
                                    QStringLiteral("silent login refused: too many attempts")));
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
        if (!platform.ok()) {
            done(platform);
            return;
        }
        if (code.isEmpty()) {
            done(localFailure(QString(), QStringLiteral("the platform gave no login code")));
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
                adoptPair(login, Origin::Login, [done, login](bool accepted) {
                    done(accepted
                             ? login
                             : localFailure(QString(), QStringLiteral("no tokens in the answer")));
                });
            },
            authCallOptions());
    });
}

void Session::refreshLogin(Done done)
{
    dropSession([this, done = std::move(done)] { silentLogin(done); });
}

void Session::refresh()
{
    // refreshFinished() comes once per run: a call while one runs just joins it.
    if (m_refreshFlight.isRunning())
        return;
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
            const RefreshOutcome outcome = outcomeOfLogin(login);
            if (outcome.result == RefreshResult::SessionExpired)
                dropSession([done, outcome] { done(outcome); });
            else
                done(outcome);
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
                adoptPair(result, Origin::Refresh, [done](bool accepted) {
                    done({accepted ? RefreshResult::Refreshed : RefreshResult::Failed,
                          accepted ? QString() : QStringLiteral("no tokens in the answer")});
                });
            } else if (result.code == u"REFRESH_REUSED") {
                // The family was revoked: that session is over, for safety.
                // A silent login is still tried: it proves this device's
                // platform identity, which a copied refresh token does not
                // carry, and it is how a client that crashed between the
                // rotation and storing the new pair gets back in.
                qCWarning(lcAuth, "refresh token reuse reported: dropping the session");
                dropSession(viaSilentLogin);
            } else if (result.code == u"REFRESH_INVALID") {
                qCInfo(lcAuth, "refresh token no longer valid: logging in silently");
                viaSilentLogin();
            } else {
                done({RefreshResult::Failed, result.message});
            }
        },
        authCallOptions());
}

void Session::ensureSessionKey(std::function<void(bool, const api::ApiResult &)> done)
{
    m_api.call("POST", QStringLiteral("/api/auth/check-session"), QJsonObject(),
               [this, done = std::move(done)](const api::ApiResult &check) {
                   if (check.ok() && check.object().value(QLatin1String("valid")).toBool()) {
                       done(true, check);
                       return;
                   }
                   if (!check.ok() && isTransient(check)) {
                       done(false, check);
                       return;
                   }
                   qCInfo(lcAuth, "session key stale: logging in silently to renew it");
                   silentLogin([done](const api::ApiResult &login) { done(login.ok(), login); });
               });
}

void Session::acceptLogin(const api::ApiResult &pairAnswer, Done done)
{
    adoptPair(pairAnswer, Origin::Login, [pairAnswer, done = std::move(done)](bool accepted) {
        if (done)
            done(accepted ? pairAnswer
                          : localFailure(QString(), QStringLiteral("no tokens in the answer")));
    });
}

void Session::acceptUser(const QJsonObject &user)
{
    setUser(user);
}

void Session::adoptPair(const api::ApiResult &result, Origin origin,
                        std::function<void(bool accepted)> then)
{
    const QJsonObject data = result.object();
    const StoredTokens tokens{data.value(QLatin1String("accessToken")).toString().toLatin1(),
                              data.value(QLatin1String("refreshToken")).toString().toLatin1()};
    const QJsonObject user = data.value(QLatin1String("user")).toObject();
    if (tokens.accessToken.isEmpty() || tokens.refreshToken.isEmpty() ||
        user.value(QLatin1String("uid")).toInteger() <= 0) {
        // An OK without a usable pair is no login.
        qCWarning(lcAuth, "a login answer without tokens was refused");
        then(false);
        return;
    }
    // Stored first: a token the server rotated must be safe before anyone
    // relies on it, or a crash now would leave only the dead one behind.
    m_store.save(tokens, [this, tokens, user, origin,
                          then = std::move(then)](bool ok, const QString &error) {
        if (!ok)
            qCWarning(lcAuth).noquote() << "could not store the tokens:" << error;
        setTokens(tokens);
        if (origin == Origin::Login)
            emit accessTokenChanged();
        setUser(user);
        then(true);
    });
}

void Session::setTokens(const StoredTokens &tokens)
{
    m_accessToken = tokens.accessToken;
    m_refreshToken = tokens.refreshToken;
}

void Session::setUser(const QJsonObject &user)
{
    if (user == m_user)
        return;
    m_user = user;
    if (m_cache) {
        if (user.isEmpty())
            m_cache->clear();
        else
            m_cache->setUser(user);
    }
    emit userChanged();
}

void Session::dropSession(std::function<void()> then)
{
    m_store.clear([this, then = std::move(then)](bool ok, const QString &error) {
        if (!ok)
            qCWarning(lcAuth).noquote() << "could not remove the stored tokens:" << error;
        setTokens({});
        setUser({});
        emit accessTokenChanged();
        then();
    });
}

void Session::logout(Done done)
{
    const QByteArray refreshToken = m_refreshToken;
    const auto finish = [this, done = std::move(done)] {
        dropSession([this, done] {
            emit loggedOut();
            // Browsing goes on as a guest (the server gave this device's
            // identity to a new guest).
            silentLogin(done);
        });
    };
    if (refreshToken.isEmpty()) {
        finish();
        return;
    }
    m_api.call("POST", QStringLiteral("/api/auth/logout"),
               QJsonObject{{QLatin1String("refreshToken"), QString::fromLatin1(refreshToken)}},
               [finish](const api::ApiResult &result) {
                   // Whatever the server said, this device forgets the session.
                   if (!result.ok())
                       qCWarning(lcAuth).noquote()
                           << "logout on the server failed:" << result.message;
                   finish();
               });
}

} // namespace mall::auth
