#include "apiclient.h"

#include "net/requestattributes.h"
#include "protocol/envelope.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace mall::api {

ApiClient::ApiClient(QNetworkAccessManager *manager, QUrl baseUrl)
    : m_manager(manager)
    , m_baseUrl(std::move(baseUrl))
{}

ApiResult ApiClient::resultOf(QNetworkReply *reply)
{
    ApiResult result;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A reply Qt gave up on (timeout, abort) is closed: nothing to read.
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    if (result.httpStatus == 0) {
        result.networkError = reply->error();
        result.message = reply->errorString();
        return result;
    }
    QString parseError;
    if (const auto envelope = protocol::parseEnvelope(body, &parseError)) {
        result.code = envelope->code;
        result.message = envelope->message;
        result.data = envelope->data;
    } else {
        // A proxy's error page, a truncated body: say so, keep the status.
        result.message = QStringLiteral("unreadable answer (HTTP %1): %2")
                             .arg(result.httpStatus)
                             .arg(parseError);
    }
    result.networkError = reply->error();
    result.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
    return result;
}

void ApiClient::call(const QByteArray &method, const QString &path, const QJsonObject &body,
                     Callback done, const Options &options)
{
    if (!m_manager) {
        ApiResult result;
        result.networkError = QNetworkReply::UnknownNetworkError;
        result.message = QStringLiteral("no network manager");
        done(result);
        return;
    }
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Accept-Language", m_language);
    request.setPriority(options.priority);
    if (options.skipAuth)
        request.setAttribute(QNetworkRequest::Attribute(net::SkipAuthAttribute), true);
    if (!options.idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", options.idempotencyKey);

    const bool hasBody = method != "GET" && method != "HEAD";
    const QByteArray payload =
        hasBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray();
    QNetworkReply *reply = m_manager->sendCustomRequest(request, method, payload);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(resultOf(reply));
    });
}

} // namespace mall::api
