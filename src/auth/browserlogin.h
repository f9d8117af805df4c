#pragma once

#include "session.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QOAuthHttpServerReplyHandler;

namespace mall::auth {

// Desktop login in the system browser (RFC 8252): the platform's authorize
// page, a redirect to a loopback listener of ours, and the code traded for
// tokens with a PKCE verifier (S256) that never left this process.
// QtNetworkAuth 6.4 provides the loopback listener; its authorization-code
// flow has no PKCE and speaks plain OAuth, so the exchange is done here.
class BrowserLogin : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTimeoutMs = 5 * 60 * 1000;

    explicit BrowserLogin(Session &session, QObject *parent = nullptr);
    ~BrowserLogin() override;

    // Calls `openBrowser` with the authorize URL (the app uses
    // QDesktopServices; tests and mallctl play the browser themselves), then
    // `done` once: logged in, refused, timed out or cancelled.
    void start(const std::function<void(const QUrl &)> &openBrowser, Session::Done done);
    void cancel();
    bool isRunning() const { return bool(m_done); }

private:
    void onCallback(const QVariantMap &values);
    void finish(const api::ApiResult &result);

    Session &m_session;
    QPointer<QOAuthHttpServerReplyHandler> m_listener;
    QTimer m_timeout;
    QByteArray m_verifier;
    QString m_state;
    QString m_redirectUri;
    Session::Done m_done;
};

} // namespace mall::auth
