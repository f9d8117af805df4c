#include "apinetworkmanager.h"

#include "apireply.h"
#include "netlog.h"
#include "requestattributes.h"

namespace mall::net {

ApiNetworkManager::ApiNetworkManager(AuthGate *gate, QObject *parent)
    : QNetworkAccessManager(parent)
    , m_gate(gate)
    , m_transport(new QNetworkAccessManager(this))
{
    // The attempts underneath ApiReplies go through a private manager, so
    // that this manager's finished() reports only the replies callers hold.
    m_transport->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    if (gate) {
        const NetworkSettings settings = gate->settings();
        m_maxInFlight = std::max(1, settings.maxInFlight);
        m_transferTimeoutMs = settings.transferTimeoutMs;
    }
    // Requests that bypass the gate (logins, the refresh itself, other
    // origins) time out too: a refresh that never answers must end.
    setTransferTimeout(m_transferTimeoutMs);
}

ApiNetworkManager::~ApiNetworkManager()
{
    // Replies are children and die with us; make sure none of them touches
    // the queue or emits anything on the way out.
    m_queue.clear();
    m_queued.clear();
    m_inFlight.clear();
    const QSet<ApiReply *> replies = std::exchange(m_replies, {});
    for (ApiReply *reply : replies)
        reply->detach();
}

int ApiNetworkManager::queuedCount() const
{
    return int(m_queue.size());
}

QNetworkReply *ApiNetworkManager::createRequest(Operation operation, const QNetworkRequest &request,
                                                QIODevice *outgoingData)
{
    const bool skipAuth = request.attribute(QNetworkRequest::Attribute(SkipAuthAttribute)).toBool();
    if (!m_gate || skipAuth || !m_gate->isApiUrl(request.url()))
        return QNetworkAccessManager::createRequest(operation, request, outgoingData);

    // The body is read now, whole, so that a replay sends the very same bytes.
    QByteArray body;
    if (outgoingData) {
        if (!outgoingData->isOpen())
            outgoingData->open(QIODevice::ReadOnly);
        body = outgoingData->readAll();
    }
    auto *reply = new ApiReply(this, m_gate, operation, request, std::move(body));
    m_replies.insert(reply);
    return reply;
}

void ApiNetworkManager::requestSlot(ApiReply *reply)
{
    if (m_inFlight.contains(reply) || m_queued.contains(reply))
        return;
    m_queued.insert(reply);
    // Higher priority first; equal priorities keep their order.
    auto position = std::find_if(m_queue.begin(), m_queue.end(), [reply](ApiReply *queued) {
        return queued->priority() > reply->priority();
    });
    m_queue.insert(position, reply);
    pump();
}

void ApiNetworkManager::releaseSlot(ApiReply *reply)
{
    if (m_inFlight.remove(reply))
        pump();
}

void ApiNetworkManager::dequeue(ApiReply *reply)
{
    if (m_queued.remove(reply))
        m_queue.removeOne(reply);
}

void ApiNetworkManager::forget(ApiReply *reply)
{
    m_replies.remove(reply);
    dequeue(reply);
    releaseSlot(reply);
}

void ApiNetworkManager::pump()
{
    // slotGranted() can release the slot again at once (a request told to
    // wait for a refresh); the loop below handles that, without recursing.
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_queue.isEmpty() && m_inFlight.size() < m_maxInFlight) {
        ApiReply *next = m_queue.takeFirst();
        m_queued.remove(next);
        m_inFlight.insert(next);
        next->slotGranted();
    }
    m_pumping = false;
}

} // namespace mall::net
