#pragma once

#include "fuseline.h"
#include "networksettings.h"
#include "requestattributes.h"
#include "serverclock.h"
#include "tokenprovider.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>

namespace mall::net {

// How long before `exp` a token of that lifetime is refreshed.
qint64 refreshLeadMs(qint64 lifetimeMs, int refreshLeadSeconds, qint64 clockUncertaintyMs);

// The one place that decides, for every API request, whether it goes out now
// and with which token, and that runs the single refresh when tokens fail.
//
// One gate serves all ApiNetworkManagers of a session, whatever thread they
// live in (QML loads images from a thread of its own): its decisions are
// taken under a mutex, and refresh results go out as a signal carrying the
// refresh's epoch, to which waiting replies are connected before they ask,
// so none can miss the result it waits for.
class AuthGate : public QObject
{
    Q_OBJECT

public:
    AuthGate(NetworkSettings settings, TokenProvider *provider, QObject *parent = nullptr);
    // For owners that must make the gate before its provider.
    void setTokenProvider(TokenProvider *provider);

    // What a request should do next.
    struct Pass
    {
        enum class Kind
        {
            Send,
            Wait,
            Fail
        } kind = Kind::Send;
        QByteArray token;       // Send: attach this (may be empty: no session yet)
        quint64 generation = 0; // Send: which token that is
        quint64 epoch = 0;      // Wait: the refresh to wait for
        FailureReason reason = FailureReason::None; // Fail
        QString message;                            // Fail
    };

    // A request about to go on the wire. Low-priority traffic never starts a
    // refresh, but it does wait for one under way.
    Pass admit(bool lowPriority);
    // A request sent with token `generation` was refused for auth.
    Pass authFailed(quint64 generation, bool lowPriority);

    bool isApiUrl(const QUrl &url) const;
    QUrl apiOrigin() const;
    protocol::AuthFailStyle authFailStyle() const;
    void setAuthFailStyle(protocol::AuthFailStyle style);
    NetworkSettings settings() const;
    ServerClock &serverClock() { return m_clock; }

    // For the QA panel.
    int refreshCount() const;
    int heldCount() const { return m_held.load(); }
    void holdChanged(int delta);
    qint64 accessExpiresAt() const;
    // The next request (not low-priority) would refresh ahead of expiry.
    bool refreshDue() const;

signals:
    // `tokenStillUsable`: a failed refresh left a token the server has not
    // refused (a refresh ahead of expiry failed); requests may go with it.
    void refreshFinished(quint64 epoch, mall::net::TokenProvider::RefreshResult result,
                         const QString &detail, bool tokenStillUsable);
    // The session is gone and no refresh can bring it back: show login.
    void sessionExpired();
    void stateChanged();

private:
    // With m_mutex held.
    Pass startRefreshLocked(bool proactive);
    void cacheTokenLocked(const QByteArray &token, bool freshFromRefresh);
    bool refreshDueLocked() const;

    void runRefresh();
    void onWatchdog();
    void onRefreshStarted();
    void onRefreshFinished(TokenProvider::RefreshResult result, const QString &detail);
    void onAccessTokenChanged();

    mutable QMutex m_mutex;
    NetworkSettings m_settings;
    QPointer<TokenProvider> m_provider;
    ServerClock m_clock;
    FuseLine m_fuse;

    QByteArray m_token;
    quint64 m_generation = 1;
    qint64 m_expiresAt = 0;  // server seconds; 0: unknown
    qint64 m_lifetimeMs = 0; // exp - iat; 0: never proactively
    qint64 m_minAgeMs = 0;   // a refreshed token is not refreshed again before this age
    QElapsedTimer m_tokenAge;
    bool m_refreshing = false;
    bool m_providerRefresh = false;  // the running refresh was started by the provider
    bool m_proactiveRefresh = false; // the running refresh was started ahead of expiry
    bool m_tokenRefused = false;     // the server refused the current token
    QElapsedTimer m_monotonic;
    qint64 m_noProactiveUntilMs = 0;
    QTimer m_watchdog;
    quint64 m_epoch = 0;
    bool m_sessionDead = false;
    int m_refreshes = 0;
    std::atomic<int> m_held{0};
};

} // namespace mall::net
