#include "authgate.h"

#include "netlog.h"
#include "protocol/jwtpayload.h"

#include <QMetaObject>

#include <algorithm>

namespace mall::net {

using Kind = AuthGate::Pass::Kind;
using RefreshResult = TokenProvider::RefreshResult;

AuthGate::AuthGate(NetworkSettings settings, TokenProvider *provider, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_fuse(m_settings.refreshFuse)
{
    qRegisterMetaType<mall::net::TokenProvider::RefreshResult>();
    m_monotonic.start();
    m_watchdog.setSingleShot(true);
    m_watchdog.setInterval(m_settings.refreshTimeoutMs);
    connect(&m_watchdog, &QTimer::timeout, this, &AuthGate::onWatchdog);
    if (provider)
        setTokenProvider(provider);
}

void AuthGate::setTokenProvider(TokenProvider *provider)
{
    if (m_provider)
        m_provider->disconnect(this);
    m_provider = provider;
    connect(provider, &TokenProvider::refreshStarted, this, &AuthGate::onRefreshStarted);
    connect(provider, &TokenProvider::refreshFinished, this, &AuthGate::onRefreshFinished);
    connect(provider, &TokenProvider::accessTokenChanged, this, &AuthGate::onAccessTokenChanged);
    const QMutexLocker lock(&m_mutex);
    cacheTokenLocked(provider->accessToken(), false);
}

bool AuthGate::isApiUrl(const QUrl &url) const
{
    const QMutexLocker lock(&m_mutex);
    const QUrl &origin = m_settings.apiOrigin;
    return url.scheme() == origin.scheme() && url.host() == origin.host() &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               origin.port(origin.scheme() == QLatin1String("https") ? 443 : 80);
}

QUrl AuthGate::apiOrigin() const
{
    const QMutexLocker lock(&m_mutex);
    return m_settings.apiOrigin;
}

protocol::AuthFailStyle AuthGate::authFailStyle() const
{
    const QMutexLocker lock(&m_mutex);
    return m_settings.authFailStyle;
}

void AuthGate::setAuthFailStyle(protocol::AuthFailStyle style)
{
    const QMutexLocker lock(&m_mutex);
    m_settings.authFailStyle = style;
}

NetworkSettings AuthGate::settings() const
{
    const QMutexLocker lock(&m_mutex);
    return m_settings;
}

int AuthGate::refreshCount() const
{
    const QMutexLocker lock(&m_mutex);
    return m_refreshes;
}

qint64 AuthGate::accessExpiresAt() const
{
    const QMutexLocker lock(&m_mutex);
    return m_expiresAt;
}

void AuthGate::holdChanged(int delta)
{
    m_held.fetch_add(delta);
    QMetaObject::invokeMethod(this, &AuthGate::stateChanged, Qt::QueuedConnection);
}

void AuthGate::cacheTokenLocked(const QByteArray &token, bool freshFromRefresh)
{
    if (token != m_token) {
        ++m_generation;
        m_tokenRefused = false;
    }
    m_token = token;
    m_expiresAt = 0;
    m_lifetimeMs = 0;
    m_minAgeMs = 0;
    const auto payload = protocol::readJwtPayload(token);
    const auto claims = payload ? protocol::accessClaimsFrom(*payload) : std::nullopt;
    if (!claims || claims->expiresAt <= claims->issuedAt)
        return;
    // exp and iat are at most 2^53 (readJwtPayload), so their difference
    // is too; capped at a year before it becomes milliseconds, so it cannot
    // overflow (a longer-lived token is refreshed a minute early like any).
    constexpr qint64 kYearSecs = 366 * 24 * 3600;
    m_expiresAt = claims->expiresAt;
    m_lifetimeMs = std::min(claims->expiresAt - claims->issuedAt, kYearSecs) * 1000;
    // However the clocks disagree, a token just refreshed is not due again
    // before half its life has passed here.
    if (freshFromRefresh)
        m_minAgeMs = m_lifetimeMs / 2;
    m_tokenAge.start();
}

qint64 refreshLeadMs(qint64 lifetimeMs, int refreshLeadSeconds, qint64 clockUncertaintyMs)
{
    // The configured lead, or an eighth of a short token's life (enough for
    // a request to reach the server in time), plus what the clock may be
    // off by; but never more than half the life, or a token that lives
    // shorter than the lead would be refreshed as soon as it arrived.
    const qint64 lead = std::min<qint64>(qint64(refreshLeadSeconds) * 1000, lifetimeMs / 8);
    return std::clamp<qint64>(lead + clockUncertaintyMs, 0, lifetimeMs / 2);
}

bool AuthGate::refreshDueLocked() const
{
    if (m_token.isEmpty() || m_lifetimeMs == 0)
        return false;
    if (m_minAgeMs > 0 && m_tokenAge.elapsed() < m_minAgeMs)
        return false;
    if (m_monotonic.elapsed() < m_noProactiveUntilMs)
        return false;
    const qint64 lead =
        refreshLeadMs(m_lifetimeMs, m_settings.refreshLeadSeconds, m_clock.uncertaintyMs());
    return m_clock.serverNowMs() >= m_expiresAt * 1000 - lead;
}

bool AuthGate::refreshDue() const
{
    const QMutexLocker lock(&m_mutex);
    return refreshDueLocked();
}

AuthGate::Pass AuthGate::startRefreshLocked(bool proactive)
{
    if (!m_fuse.tryPass()) {
        qCWarning(lcNet, "refresh refused: the fuse is blown for %lld ms", m_fuse.restoresInMs());
        return Pass{Kind::Fail,
                    {},
                    0,
                    0,
                    FailureReason::FuseBlown,
                    QStringLiteral("too many token refreshes; try again in a few seconds")};
    }
    m_refreshing = true;
    m_proactiveRefresh = proactive;
    if (!proactive)
        m_tokenRefused = true;
    ++m_epoch;
    ++m_refreshes;
    qCInfo(lcNet, "refresh %llu started (%s)", m_epoch,
           proactive ? "ahead of expiry" : "token refused");
    QMetaObject::invokeMethod(this, &AuthGate::runRefresh, Qt::QueuedConnection);
    return Pass{Kind::Wait, {}, 0, m_epoch, FailureReason::None, {}};
}

AuthGate::Pass AuthGate::admit(bool lowPriority)
{
    const QMutexLocker lock(&m_mutex);
    if (m_refreshing)
        return Pass{Kind::Wait, {}, 0, m_epoch, FailureReason::None, {}};
    if (!lowPriority && !m_sessionDead && refreshDueLocked()) {
        Pass pass = startRefreshLocked(true);
        if (pass.kind == Kind::Wait)
            return pass;
        // Fuse blown: the token is probably still good for a moment; use it.
    }
    return Pass{Kind::Send, m_token, m_generation, 0, FailureReason::None, {}};
}

AuthGate::Pass AuthGate::authFailed(quint64 generation, bool lowPriority)
{
    const QMutexLocker lock(&m_mutex);
    if (m_refreshing)
        return Pass{Kind::Wait, {}, 0, m_epoch, FailureReason::None, {}};
    if (generation != m_generation) {
        // Refused with a token that is no longer current: the refresh has
        // already happened, just try again with the new one.
        return Pass{Kind::Send, m_token, m_generation, 0, FailureReason::None, {}};
    }
    if (m_sessionDead) {
        return Pass{Kind::Fail,
                    {},
                    0,
                    0,
                    FailureReason::SessionExpired,
                    QStringLiteral("the session has expired; please log in")};
    }
    if (lowPriority) {
        return Pass{Kind::Fail,
                    {},
                    0,
                    0,
                    FailureReason::RefreshFailed,
                    QStringLiteral("low-priority request refused for auth")};
    }
    return startRefreshLocked(false);
}

void AuthGate::runRefresh()
{
    m_watchdog.start();
    if (!m_provider) {
        onRefreshFinished(RefreshResult::Failed, QStringLiteral("no token provider"));
        return;
    }
    m_provider->refresh();
}

void AuthGate::onRefreshStarted()
{
    {
        const QMutexLocker lock(&m_mutex);
        if (m_refreshing)
            return;
        // Not counted and not fused: the provider is starting up, and API
        // requests simply wait for it rather than race it.
        m_refreshing = true;
        m_providerRefresh = true;
        m_proactiveRefresh = false;
        ++m_epoch;
    }
    m_watchdog.start();
    emit stateChanged();
}

void AuthGate::onWatchdog()
{
    {
        const QMutexLocker lock(&m_mutex);
        if (!m_refreshing)
            return;
    }
    // Whatever the provider reports later is taken then (a late success
    // still brings its token in); waiting requests are answered now.
    qCWarning(lcNet, "refresh %llu did not finish in %d ms; failing the requests held for it",
              m_epoch, m_watchdog.interval());
    onRefreshFinished(RefreshResult::Failed, QStringLiteral("the refresh did not finish in time"));
}

void AuthGate::onRefreshFinished(RefreshResult result, const QString &detail)
{
    quint64 epoch = 0;
    bool becameDead = false;
    {
        const QMutexLocker lock(&m_mutex);
        if (!m_refreshing && result != RefreshResult::Refreshed &&
            result != RefreshResult::SessionExpired)
            return; // a provider-initiated failure nobody waits for
        // A token restored at start-up is as old as it is; only one fresh
        // from a refresh gets the "not again before half its life" guard.
        const bool fresh = !m_providerRefresh;
        m_watchdog.stop();
        if (result == RefreshResult::Failed && m_proactiveRefresh)
            m_noProactiveUntilMs = m_monotonic.elapsed() + m_settings.proactiveBackoffMs;
        m_refreshing = false;
        m_providerRefresh = false;
        m_proactiveRefresh = false;
        epoch = m_epoch;
        if (result == RefreshResult::Refreshed) {
            m_sessionDead = false;
            cacheTokenLocked(m_provider ? m_provider->accessToken() : QByteArray(), fresh);
        } else if (result == RefreshResult::SessionExpired) {
            becameDead = !m_sessionDead;
            m_sessionDead = true;
            cacheTokenLocked(m_provider ? m_provider->accessToken() : QByteArray(), false);
        }
    }
    bool usable = false;
    {
        const QMutexLocker lock(&m_mutex);
        usable = !m_token.isEmpty() && !m_tokenRefused && !m_sessionDead;
    }
    qCInfo(lcNet) << "refresh" << epoch << "finished:" << result;
    emit refreshFinished(epoch, result, detail, usable);
    if (becameDead)
        emit sessionExpired();
    emit stateChanged();
}

void AuthGate::onAccessTokenChanged()
{
    {
        const QMutexLocker lock(&m_mutex);
        const QByteArray token = m_provider ? m_provider->accessToken() : QByteArray();
        cacheTokenLocked(token, false);
        if (!token.isEmpty())
            m_sessionDead = false; // a new login
    }
    emit stateChanged();
}

} // namespace mall::net
