#pragma once

#include "apirequest.h"
#include "apiresponse.h"
#include "router.h"
#include "servercontext.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

namespace mall::server {

// The HTTP side of the server: turns each QHttpServerRequest into an
// ApiRequest, applies the cross-cutting rules (body limit, /dev gating,
// injected faults, stats, logging) and writes the answer itself, with a
// Date header from the server clock that clients use to correct skew.
class HttpFrontend : public QAbstractHttpServer
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

    HttpFrontend(ServerContext &context, const Router &router, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ApiResponse answer(ApiRequest &request);
    static ApiResponse faultResponse(const ApiRequest &request, const Fault &fault);
    // A fault's delay is over (or there was none): drop, answer with the
    // fault, or process and hold the answer.
    void applyFault(ApiRequest request, QPointer<QTcpSocket> socket, const Fault &fault,
                    qint64 startedMs);
    void respond(ApiRequest request, QPointer<QTcpSocket> socket, const Fault *fault,
                 qint64 startedMs);
    void write(QTcpSocket *socket, const ApiRequest &request, const ApiResponse &response,
               qint64 startedMs, bool closeAfter = false);

    ServerContext &m_context;
    const Router &m_router;
};

} // namespace mall::server
