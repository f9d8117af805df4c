#include "apireply.h"

#include "apinetworkmanager.h"
#include "netlog.h"
#include "protocol/envelope.h"

#include <QDateTime>
#include <QTimer>

namespace mall::net {

using Kind = AuthGate::Pass::Kind;
using protocol::AuthFailStyle;

namespace {

QByteArray verbFor(QNetworkAccessManager::Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation:
        return "HEAD";
    case QNetworkAccessManager::GetOperation:
        return "GET";
    case QNetworkAccessManager::PutOperation:
        return "PUT";
    case QNetworkAccessManager::PostOperation:
        return "POST";
    case QNetworkAccessManager::DeleteOperation:
        return "DELETE";
    default:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    }
}

// An upload body Qt cannot rewind. Qt's HTTP layer silently sends a request
// again when a kept-alive connection drops before the answer; for a POST the
// server may already have carried out, that would be a second order. With a
// body it cannot reset, Qt fails the request instead, and the retry policy
// above decides.
class OneShotBody : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; } // the point of this class
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_position + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min<qint64>(maxSize, m_data.size() - m_position);
        if (count <= 0)
            return -1;
        memcpy(data, m_data.constData() + m_position, size_t(count));
        m_position += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

bool isIdempotent(const QByteArray &verb)
{
    return verb == "GET" || verb == "HEAD" || verb == "PUT" || verb == "DELETE" ||
           verb == "OPTIONS" || verb == "TRACE";
}

// Failures where the request may never have reached the server, or its
// answer never reached us: the ones worth another try, when that is safe.
bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
        return true;
    default:
        return false;
    }
}

QString describe(const QNetworkRequest &request)
{
    return request.url().toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
}

} // namespace

ApiReply::ApiReply(ApiNetworkManager *manager, AuthGate *gate,
                   QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                   QByteArray body)
    : QNetworkReply(manager)
    , m_manager(manager)
    , m_gate(gate)
    , m_request(request)
    , m_verb(verbFor(operation, request))
    , m_body(std::move(body))
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    // Connected before the first admission, so no refresh result is missed.
    connect(gate, &AuthGate::refreshFinished, this, &ApiReply::onRefreshFinished,
            Qt::QueuedConnection);
    // Started at once, like Qt's own replies; only an answer that is known
    // right away (a refusal at the gate) waits for the event loop, so the
    // caller has connected its slots before finished() comes.
    m_starting = true;
    queueForSlot();
    m_starting = false;
}

ApiReply::~ApiReply()
{
    setWaiting(false);
    releaseInner();
    if (m_manager)
        m_manager->forget(this);
}

void ApiReply::detach()
{
    setWaiting(false);
    releaseInner();
    m_phase = Phase::Done;
    m_finishedEmitted = true;
    m_manager = nullptr;
}

void ApiReply::setWaiting(bool waiting)
{
    if (waiting == m_holding)
        return;
    m_holding = waiting;
    if (m_gate)
        m_gate->holdChanged(waiting ? 1 : -1);
}

void ApiReply::releaseInner()
{
    if (!m_inner)
        return;
    QNetworkReply *inner = m_inner;
    m_inner = nullptr;
    inner->disconnect(this);
    if (!inner->isFinished())
        inner->abort();
    inner->deleteLater();
    if (m_manager)
        m_manager->releaseSlot(this);
}

qint64 ApiReply::bytesAvailable() const
{
    return m_pending.size() + QNetworkReply::bytesAvailable();
}

qint64 ApiReply::readData(char *data, qint64 maxSize)
{
    const qint64 count = std::min<qint64>(maxSize, m_pending.size());
    if (count == 0)
        return m_phase == Phase::Done ? -1 : 0;
    memcpy(data, m_pending.constData(), size_t(count));
    m_pending.remove(0, count);
    return count;
}

void ApiReply::abort()
{
    if (m_phase == Phase::Done)
        return;
    if (m_manager)
        m_manager->dequeue(this);
    fail(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"),
         FailureReason::None);
}

void ApiReply::close()
{
    // Like Qt's own replies: closing an unfinished reply cancels it (QML's
    // image loader cancels jobs this way).
    abort();
    QNetworkReply::close();
}

void ApiReply::queueForSlot()
{
    if (m_phase == Phase::Done || !m_manager)
        return;
    m_phase = Phase::Queued;
    m_manager->requestSlot(this);
}

void ApiReply::slotGranted()
{
    if (m_phase != Phase::Queued)
        return;
    if (m_external || !m_gate) {
        send({}, 0);
        return;
    }
    handlePass(m_gate->admit(lowPriority()));
}

void ApiReply::handlePass(const AuthGate::Pass &pass)
{
    switch (pass.kind) {
    case Kind::Send:
        send(pass.token, pass.generation);
        return;
    case Kind::Wait:
        if (m_manager)
            m_manager->releaseSlot(this);
        m_phase = Phase::Waiting;
        m_waitEpoch = pass.epoch;
        setWaiting(true);
        return;
    case Kind::Fail:
        if (m_manager)
            m_manager->releaseSlot(this);
        fail(pass.reason == FailureReason::SessionExpired
                 ? QNetworkReply::AuthenticationRequiredError
                 : QNetworkReply::TemporaryNetworkFailureError,
             pass.message, pass.reason);
        return;
    }
}

void ApiReply::send(const QByteArray &token, quint64 generation)
{
    QNetworkRequest attempt = m_request;
    // Redirects are followed here, so that the token can be dropped when one
    // leaves the API origin (Qt's own redirect handling keeps the headers).
    attempt.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (attempt.transferTimeout() == 0)
        attempt.setTransferTimeout(m_manager->transferTimeoutMs());
    if (!m_external && !token.isEmpty())
        attempt.setRawHeader("Authorization", "Bearer " + token);
    else if (!m_external)
        attempt.setRawHeader("Authorization", QByteArray());
    m_generation = generation;
    m_streaming = false;
    m_phase = Phase::InFlight;

    QNetworkAccessManager *transport = m_manager->transport();
    QNetworkReply *inner = nullptr;
    if (!mayResend()) {
        attempt.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        attempt.setHeader(QNetworkRequest::ContentLengthHeader, m_body.size());
        auto *body = new OneShotBody(m_body);
        inner = transport->sendCustomRequest(attempt, m_verb, body);
        body->setParent(inner);
    } else if (m_verb == "GET") {
        inner = transport->get(attempt);
    } else if (m_verb == "HEAD") {
        inner = transport->head(attempt);
    } else if (m_verb == "DELETE" && m_body.isEmpty()) {
        inner = transport->deleteResource(attempt);
    } else {
        inner = transport->sendCustomRequest(attempt, m_verb, m_body);
    }
    m_inner = inner;
    connect(inner, &QNetworkReply::metaDataChanged, this, &ApiReply::onInnerMetaData);
    connect(inner, &QNetworkReply::readyRead, this, &ApiReply::onInnerReadyRead);
    connect(inner, &QNetworkReply::finished, this, &ApiReply::onInnerFinished);
    connect(inner, &QNetworkReply::uploadProgress, this, &QNetworkReply::uploadProgress);
    connect(inner, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (m_streaming)
            emit downloadProgress(received, total);
    });
}

bool ApiReply::mayBuffer(int status) const
{
    if (status >= 300 && status < 400)
        return redirectPolicy() != QNetworkRequest::ManualRedirectPolicy; // followed, not shown
    if (m_external || !m_gate)
        return false;
    switch (m_gate->authFailStyle()) {
    case AuthFailStyle::Status401:
        return status == 401;
    case AuthFailStyle::Status403:
        return status == 403;
    case AuthFailStyle::Body400:
        return status == 400;
    }
    return false;
}

bool ApiReply::isAuthFailure(int status, const QByteArray &body) const
{
    if (m_external || !m_gate)
        return false;
    const auto envelope = protocol::parseEnvelope(body);
    const QString code = envelope ? envelope->code : QString();
    switch (m_gate->authFailStyle()) {
    case AuthFailStyle::Status401:
        // REFRESH_INVALID/REUSED speak of a refresh token, not the one we sent.
        return status == 401 && !code.startsWith(u"REFRESH_");
    case AuthFailStyle::Status403:
        // 403 also means "missing step" (NEED_MEMBER) and whatever a proxy
        // or firewall refuses: only the envelope code says "token".
        return status == 403 && code == u"AUTH_FAIL";
    case AuthFailStyle::Body400:
        return status == 400 && code == u"401";
    }
    return false;
}

void ApiReply::onInnerMetaData()
{
    if (!m_inner)
        return;
    const int status = m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_gate && !m_external) {
        m_gate->serverClock().observeDateHeader(m_inner->rawHeader("Date"),
                                                QDateTime::currentMSecsSinceEpoch());
    }
    if (status != 0 && !mayBuffer(status)) {
        // This answer is the caller's: show its headers and stream its body.
        m_streaming = true;
        commitMetaData();
    }
}

void ApiReply::onInnerReadyRead()
{
    if (!m_streaming || !m_inner)
        return;
    m_pending += m_inner->readAll();
    emit readyRead();
}

void ApiReply::commitMetaData()
{
    const auto headers = m_inner->rawHeaderPairs();
    for (const auto &[name, value] : headers)
        setRawHeader(name, value);
    for (const auto attribute :
         {QNetworkRequest::HttpStatusCodeAttribute, QNetworkRequest::HttpReasonPhraseAttribute,
          QNetworkRequest::SourceIsFromCacheAttribute, QNetworkRequest::Http2WasUsedAttribute,
          QNetworkRequest::ConnectionEncryptedAttribute}) {
        setAttribute(attribute, m_inner->attribute(attribute));
    }
    setUrl(m_inner->url());
    emit metaDataChanged();
}

void ApiReply::onInnerFinished()
{
    QNetworkReply *inner = m_inner;
    if (!inner)
        return;
    const int status = inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QNetworkReply::NetworkError error = inner->error();
    // Our own aborts disconnect first and never get here; a cancel that does
    // is Qt's transfer timeout (Qt 6.4 reports it as OperationCanceledError).
    if (error == QNetworkReply::OperationCanceledError)
        error = QNetworkReply::TimeoutError;
    // Qt wanted to send a OneShotBody again after the connection closed: for
    // the caller, the connection closed before the answer.
    if (error == QNetworkReply::ContentReSendError)
        error = QNetworkReply::RemoteHostClosedError;
    const auto drain = [inner] { return inner->isOpen() ? inner->readAll() : QByteArray(); };

    if (m_streaming) {
        m_pending += drain();
        setError(error, inner->errorString());
        releaseInner();
        deliverFinal();
        return;
    }
    const QByteArray body = drain();

    if (status == 0) {
        // No HTTP answer at all.
        const QString message =
            error == QNetworkReply::TimeoutError
                ? QStringLiteral("the server did not answer in time")
            : error == QNetworkReply::RemoteHostClosedError
                ? QStringLiteral("the connection closed before the server answered")
                : inner->errorString();
        releaseInner();
        if (error == QNetworkReply::NoError)
            error = QNetworkReply::ProtocolFailure; // never report "no answer" as success
        if (!retryAfterNetworkError(error))
            fail(error, message, FailureReason::None);
        return;
    }
    if (status >= 300 && status < 400 && followRedirect(status))
        return;
    if (isAuthFailure(status, body) && m_authReplays == 0) {
        ++m_authReplays;
        const quint64 generation = m_generation;
        qCDebug(lcNet).noquote() << m_verb << describe(m_request) << "refused for auth";
        releaseInner();
        const AuthGate::Pass pass = m_gate->authFailed(generation, lowPriority());
        m_phase = Phase::Queued;
        if (pass.kind == Kind::Send)
            m_manager->requestSlot(this);
        else
            handlePass(pass); // Wait or Fail; it releases the slot we no longer hold
        return;
    }
    // The caller's answer after all (a refusal after the replay included):
    // headers, body, then finished.
    const bool refusedAgain = isAuthFailure(status, body);
    commitMetaData();
    if (m_phase == Phase::Done)
        return; // aborted from metaDataChanged()
    m_pending = body;
    if (refusedAgain) {
        setError(QNetworkReply::AuthenticationRequiredError,
                 QStringLiteral("the server refused the token again after a refresh"));
    } else {
        setError(error, inner->errorString());
    }
    releaseInner();
    if (!m_pending.isEmpty()) {
        emit readyRead();
        if (m_phase == Phase::Done)
            return; // aborted from readyRead()
    }
    deliverFinal();
}

QNetworkRequest::RedirectPolicy ApiReply::redirectPolicy() const
{
    const QVariant value = m_request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    if (value.isValid())
        return QNetworkRequest::RedirectPolicy(value.toInt());
    return m_manager ? m_manager->redirectPolicy() : QNetworkRequest::NoLessSafeRedirectPolicy;
}

bool ApiReply::followRedirect(int status)
{
    const QNetworkRequest::RedirectPolicy policy = redirectPolicy();
    const QByteArray location = m_inner->rawHeader("Location");
    if (policy == QNetworkRequest::ManualRedirectPolicy || location.isEmpty())
        return false;
    const QUrl target = m_request.url().resolved(QUrl::fromEncoded(location));
    const QString scheme = target.scheme();
    if (!target.isValid() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        releaseInner();
        fail(QNetworkReply::ProtocolUnknownError,
             QStringLiteral("refusing a redirect to %1").arg(scheme), FailureReason::None);
        return true;
    }
    if (m_redirects >= m_request.maximumRedirectsAllowed()) {
        releaseInner();
        fail(QNetworkReply::TooManyRedirectsError, QStringLiteral("too many redirects"),
             FailureReason::None);
        return true;
    }
    const bool downgrade =
        m_request.url().scheme() == QLatin1String("https") && scheme == QLatin1String("http");
    const bool sameOrigin = scheme == m_request.url().scheme() &&
                            target.host() == m_request.url().host() &&
                            target.port() == m_request.url().port();
    if (downgrade || (policy == QNetworkRequest::SameOriginRedirectPolicy && !sameOrigin)) {
        releaseInner();
        fail(QNetworkReply::InsecureRedirectError, QStringLiteral("redirect not allowed"),
             FailureReason::None);
        return true;
    }

    ++m_redirects;
    releaseInner();
    if (!m_external && m_gate && !m_gate->isApiUrl(target)) {
        // Leaving the API origin: from here on, no token ever goes along.
        m_external = true;
        m_request.setRawHeader("Authorization", QByteArray());
    }
    if (status == 303 || ((status == 301 || status == 302) && m_verb == "POST")) {
        m_verb = m_verb == "HEAD" ? "HEAD" : "GET";
        m_body.clear();
        m_request.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
    }
    m_request.setUrl(target);
    m_phase = Phase::Queued;
    emit redirected(target);
    // The caller may abort() here: that is how a redirect is refused.
    if (m_phase == Phase::Done)
        return true;
    if (policy == QNetworkRequest::UserVerifiedRedirectPolicy) {
        // Go on only when the caller says so with redirectAllowed().
        m_phase = Phase::Waiting;
        connect(this, &QNetworkReply::redirectAllowed, this, &ApiReply::queueForSlot,
                Qt::SingleShotConnection);
        return true;
    }
    m_manager->requestSlot(this);
    return true;
}

bool ApiReply::retryAfterNetworkError(QNetworkReply::NetworkError error)
{
    if (!m_gate || !isTransient(error))
        return false;
    const NetworkSettings settings = m_gate->settings();
    if (!mayResend() || m_networkRetries >= settings.maxNetworkRetries)
        return false;
    const int delay = settings.retryBaseDelayMs * (1 << m_networkRetries);
    ++m_networkRetries;
    qCInfo(lcNet).noquote() << m_verb << describe(m_request) << "network error" << error
                            << "- retry" << m_networkRetries << "in" << delay << "ms";
    m_phase = Phase::Backoff;
    QTimer::singleShot(delay, this, &ApiReply::queueForSlot);
    return true;
}

bool ApiReply::mayResend() const
{
    // A POST without an Idempotency-Key may have been carried out already:
    // sending it again could order twice.
    return isIdempotent(m_verb) || m_request.hasRawHeader("Idempotency-Key");
}

void ApiReply::onRefreshFinished(quint64 epoch, TokenProvider::RefreshResult result,
                                 const QString &detail, bool tokenStillUsable)
{
    if (m_phase != Phase::Waiting || !m_holding || epoch < m_waitEpoch)
        return;
    setWaiting(false);
    switch (result) {
    case TokenProvider::RefreshResult::Refreshed:
        queueForSlot();
        return;
    case TokenProvider::RefreshResult::Failed:
        // A refresh ahead of expiry failed, but the token still works: go
        // with it. Only a request the server has refused fails here.
        if (tokenStillUsable && m_authReplays == 0) {
            queueForSlot();
            return;
        }
        fail(QNetworkReply::TemporaryNetworkFailureError,
             QStringLiteral("could not refresh the session: %1").arg(detail),
             FailureReason::RefreshFailed);
        return;
    case TokenProvider::RefreshResult::SessionExpired:
        fail(QNetworkReply::AuthenticationRequiredError,
             QStringLiteral("the session has expired; please log in"),
             FailureReason::SessionExpired);
        return;
    }
}

void ApiReply::fail(QNetworkReply::NetworkError error, const QString &message, FailureReason reason)
{
    if (m_phase == Phase::Done)
        return;
    setWaiting(false);
    releaseInner();
    if (reason != FailureReason::None)
        setAttribute(FailureReasonAttribute, int(reason));
    setError(error, message);
    qCDebug(lcNet).noquote() << m_verb << describe(m_request) << "failed:" << message;
    deliverFinal();
}

void ApiReply::deliverFinal()
{
    m_phase = Phase::Done;
    setFinished(true);
    if (m_starting) {
        QMetaObject::invokeMethod(this, &ApiReply::deliverLate, Qt::QueuedConnection);
        return;
    }
    if (error() != QNetworkReply::NoError)
        emit errorOccurred(error());
    emitFinishedOnce();
}

void ApiReply::deliverLate()
{
    if (m_finishedEmitted)
        return;
    if (error() != QNetworkReply::NoError)
        emit errorOccurred(error());
    emitFinishedOnce();
}

void ApiReply::emitFinishedOnce()
{
    if (m_finishedEmitted)
        return;
    if (m_starting) {
        QMetaObject::invokeMethod(this, &ApiReply::emitFinishedOnce, Qt::QueuedConnection);
        return;
    }
    m_finishedEmitted = true;
    // QNetworkAccessManager connected this signal to its own finished(reply)
    // when the reply came out of createRequest().
    emit finished();
    const QVariant autoDelete =
        m_request.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute);
    if (autoDelete.isValid() ? autoDelete.toBool() : (m_manager && m_manager->autoDeleteReplies()))
        deleteLater();
}

} // namespace mall::net
