#pragma once

#include "authgate.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSet>

namespace mall::net {

class ApiReply;

// The one QNetworkAccessManager every caller uses: C++ get/post/put/
// deleteResource/sendCustomRequest, and QML XMLHttpRequest and Image through
// ApiNetworkManagerFactory. Requests to the API origin come back as ApiReply
// proxies that get the token from the AuthGate and survive refreshes,
// replays, redirects and retries underneath; anything else passes through
// untouched and never sees the token.
//
// API requests wait in this manager's own queue (by priority) and at most
// NetworkSettings::maxInFlight are on the wire: a refresh that starts while
// many requests are queued still holds all those not yet sent.
class ApiNetworkManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    explicit ApiNetworkManager(AuthGate *gate, QObject *parent = nullptr);
    ~ApiNetworkManager() override;

    AuthGate *gate() const { return m_gate; }
    int queuedCount() const;
    int inFlightCount() const { return int(m_inFlight.size()); }
    int transferTimeoutMs() const { return m_transferTimeoutMs; }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    friend class ApiReply;
    QNetworkAccessManager *transport() { return m_transport; }
    void requestSlot(ApiReply *reply);
    void releaseSlot(ApiReply *reply);
    void dequeue(ApiReply *reply);
    void forget(ApiReply *reply);
    void pump();

    QPointer<AuthGate> m_gate;
    QNetworkAccessManager *m_transport;
    QList<ApiReply *> m_queue; // kept in priority order, FIFO within a priority
    QSet<ApiReply *> m_queued; // the same, for membership
    QSet<ApiReply *> m_inFlight;
    QSet<ApiReply *> m_replies;
    bool m_pumping = false;
    int m_maxInFlight = 24;
    int m_transferTimeoutMs = 30000;
};

} // namespace mall::net
