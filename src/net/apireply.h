#pragma once

#include "authgate.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace mall::net {

class ApiNetworkManager;

// The reply a caller gets for an API request: one QNetworkReply that stays
// the same while, underneath, the request waits for a refresh, is replayed
// with a new token, follows redirects or is retried after a network error.
// The caller sees only the final answer, and `finished` exactly once.
class ApiReply : public QNetworkReply
{
    Q_OBJECT

public:
    ApiReply(ApiNetworkManager *manager, AuthGate *gate, QNetworkAccessManager::Operation operation,
             const QNetworkRequest &request, QByteArray body);
    ~ApiReply() override;

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

    // Called by the manager: the request may go on the wire now.
    void slotGranted();
    // Called by the manager as it goes away: drop everything, emit nothing.
    void detach();

    QNetworkRequest::Priority priority() const { return m_request.priority(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    enum class Phase
    {
        Queued,
        Waiting,
        InFlight,
        Backoff,
        Done
    };

    void queueForSlot();
    void handlePass(const AuthGate::Pass &pass);
    void send(const QByteArray &token, quint64 generation);
    void onRefreshFinished(quint64 epoch, mall::net::TokenProvider::RefreshResult result,
                           const QString &detail, bool tokenStillUsable);
    void onInnerMetaData();
    void onInnerReadyRead();
    void onInnerFinished();

    bool isAuthFailure(int status, const QByteArray &body) const;
    bool mayBuffer(int status) const;
    bool followRedirect(int status);
    QNetworkRequest::RedirectPolicy redirectPolicy() const;
    bool retryAfterNetworkError(QNetworkReply::NetworkError error);
    bool mayResend() const;
    void commitMetaData();
    void deliverFinal();
    void deliverLate();
    void fail(QNetworkReply::NetworkError error, const QString &message, FailureReason reason);
    void emitFinishedOnce();
    void releaseInner();
    void setWaiting(bool waiting);
    bool lowPriority() const { return m_request.priority() == QNetworkRequest::LowPriority; }

    QPointer<ApiNetworkManager> m_manager;
    QPointer<AuthGate> m_gate;
    QNetworkRequest m_request; // the current target (changes on redirects)
    QByteArray m_verb;
    QByteArray m_body;
    bool m_external = false; // left the API origin: no token, no auth handling
    Phase m_phase = Phase::Queued;
    bool m_holding = false;
    quint64 m_generation = 0;
    quint64 m_waitEpoch = 0;
    int m_authReplays = 0;
    int m_networkRetries = 0;
    int m_redirects = 0;
    QPointer<QNetworkReply> m_inner;
    bool m_streaming = false; // the current attempt's answer is the final one
    QByteArray m_pending;     // bytes for the caller to read
    bool m_finishedEmitted = false;
    bool m_starting = false; // inside the constructor
};

} // namespace mall::net
