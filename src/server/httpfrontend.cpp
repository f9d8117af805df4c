#include "httpfrontend.h"

#include "protocol/httpdate.h"
#include "serverlog.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTimer>

namespace mall::server {

using protocol::ErrorCode;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

QByteArray reasonPhrase(int status)
{
    const QMetaEnum statuses = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    const char *key = statuses.valueToKey(status);
    return key ? QByteArray(key) : QByteArrayLiteral("Status");
}

// Judged on the path as the router sees it (empty segments dropped): a
// check on the raw text let "//dev/stats" (sent as /%2Fdev/stats) through to
// a route the router then matched as /dev/stats.
bool isDevPath(const QString &path)
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return !segments.isEmpty() && segments.first() == QLatin1String("dev");
}

} // namespace

HttpFrontend::HttpFrontend(ServerContext &context, const Router &router, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_context(context)
    , m_router(router)
{}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    ApiRequest copy;
    copy.method = methodName(request.method());
    copy.path = request.url().path();
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.peer = request.remoteAddress();

    // HTTP/1.1 requires Host. Qt 6.4's parser drops every header of a request
    // whose header block is oversized (too many, or too long) and still hands
    // the request over; its body would then be read as a second request on
    // this connection (request smuggling behind a proxy). Refuse and close.
    if (copy.header("Host").isEmpty()) {
        write(socket, copy,
              ApiResponse::error(ErrorCode::BadRequest,
                                 copy.text("请求头无效", "Missing or oversized request headers")),
              startedMs, true);
        return true;
    }

    // Faults never touch /dev, so QA can always reach the controls.
    std::optional<Fault> fault;
    if (!isDevPath(copy.path))
        fault = m_context.faults.take(copy.method, copy.path);
    if (fault)
        m_context.stats.countFaultApplied(fault->pathPrefix);
    if (!fault || (fault->delayMs == 0 && !fault->drop && !fault->holdAnswerMs)) {
        respond(std::move(copy), socket, fault ? &*fault : nullptr, startedMs);
        return true;
    }
    // Delays, drops and held answers happen later, from the event loop (not
    // inside the server's own socket handling); the socket may be gone by then.
    QTimer::singleShot(
        fault->delayMs, this,
        [this, copy = std::move(copy), socket = QPointer<QTcpSocket>(socket), fault = *fault,
         startedMs]() mutable { applyFault(std::move(copy), socket, fault, startedMs); });
    return true;
}

void HttpFrontend::applyFault(ApiRequest request, QPointer<QTcpSocket> socket, const Fault &fault,
                              qint64 startedMs)
{
    if (!socket)
        return;
    if (!fault.holdAnswerMs) {
        if (fault.drop) {
            qCInfo(lcServer).noquote() << request.method << request.path << "dropped (fault)";
            socket->abort();
            return;
        }
        respond(std::move(request), socket, &fault, startedMs);
        return;
    }
    // Processed now, so what the request changes (a rotated refresh token, a
    // placed order) is committed before the client hears anything: the
    // window in which a client can crash, or lose the answer, after the
    // server has acted.
    ApiResponse response = answer(request);
    if (fault.status != 0)
        response = faultResponse(request, fault);
    QTimer::singleShot(*fault.holdAnswerMs, this,
                       [this, request = std::move(request), socket, drop = fault.drop,
                        response = std::move(response), startedMs] {
                           if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                               return;
                           if (drop) {
                               qCInfo(lcServer).noquote() << request.method << request.path
                                                          << "processed, answer dropped (fault)";
                               socket->abort();
                               return;
                           }
                           write(socket, request, response, startedMs);
                       });
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything, including unknown routes.
    Q_UNUSED(request);
    Q_UNUSED(socket);
}

void HttpFrontend::respond(ApiRequest request, QPointer<QTcpSocket> socket, const Fault *fault,
                           qint64 startedMs)
{
    const ApiResponse response =
        fault && fault->status != 0 ? faultResponse(request, *fault) : answer(request);
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
        write(socket, request, response, startedMs);
}

ApiResponse HttpFrontend::faultResponse(const ApiRequest &request, const Fault &fault)
{
    return ApiResponse::envelope(
        fault.status, fault.code,
        request.text("系统繁忙，请稍后再试", "Injected fault: the server is busy"));
}

ApiResponse HttpFrontend::answer(ApiRequest &request)
{
    if (request.body.size() > kMaxBodyBytes) {
        return ApiResponse::error(
            ErrorCode::PayloadTooLarge,
            request.text("请求体超过 1 MiB", "The request body is over 1 MiB"));
    }
    // /dev exists only on a --dev server and only for loopback peers; to
    // anyone else it is indistinguishable from a path that does not exist.
    const bool hiddenDev =
        isDevPath(request.path) && (!m_context.config.dev || !request.peer.isLoopback());
    const Router::Match match =
        hiddenDev ? Router::Match{} : m_router.match(request.method, request.path);
    switch (match.kind) {
    case Router::Match::Kind::NoSuchPath:
        return ApiResponse::error(ErrorCode::NotFound,
                                  request.text("接口不存在", "No such endpoint"));
    case Router::Match::Kind::WrongMethod:
        return ApiResponse::error(ErrorCode::MethodNotAllowed,
                                  request.text("不支持的请求方法", "Method not allowed"))
            .withHeader("Allow", match.allowedMethods.join(", "));
    case Router::Match::Kind::Found:
        break;
    }
    if (!isDevPath(request.path))
        m_context.stats.countRequest(match.pattern);
    request.pathParams = match.params;
    try {
        return (*match.handler)(request);
    } catch (const DatabaseError &error) {
        qCCritical(lcServer).noquote()
            << request.method << match.pattern << "database error:" << error.what();
    } catch (const std::exception &error) {
        qCCritical(lcServer).noquote()
            << request.method << match.pattern << "failed:" << error.what();
    }
    return ApiResponse::error(
        ErrorCode::ServerBusy,
        request.text("系统繁忙，请稍后再试", "The server is busy, try again later"));
}

void HttpFrontend::write(QTcpSocket *socket, const ApiRequest &request, const ApiResponse &response,
                         qint64 startedMs, bool closeAfter)
{
    const bool headOnly = request.method == "HEAD";
    const bool close = closeAfter || request.header("Connection").toLower() == "close";
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                      reasonPhrase(response.status) + "\r\n";
    const auto add = [&head](const QByteArray &name, const QByteArray &value) {
        head += name + ": " + value + "\r\n";
    };
    add("Date",
        protocol::formatHttpDate(QDateTime::fromSecsSinceEpoch(m_context.clock.now(), Qt::UTC)));
    if (!response.contentType.isEmpty())
        add("Content-Type", response.contentType);
    // 204 and 304 carry no body and so no length (RFC 9110 8.6).
    if (response.status != 204 && response.status != 304)
        add("Content-Length", QByteArray::number(response.body.size()));
    bool hasCacheControl = false;
    for (const auto &[name, value] : response.headers) {
        add(name, value);
        hasCacheControl =
            hasCacheControl || name.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    }
    if (!hasCacheControl)
        add("Cache-Control", "no-store");
    if (close)
        add("Connection", "close");
    socket->write(head + "\r\n");
    if (!headOnly)
        socket->write(response.body);
    if (close)
        socket->disconnectFromHost();

    // Paths only: queries can carry codes, and bodies and headers carry tokens.
    qCInfo(lcServer).noquote() << request.method << request.path << response.status << response.code
                               << (QDateTime::currentMSecsSinceEpoch() - startedMs) << "ms";
}

} // namespace mall::server
