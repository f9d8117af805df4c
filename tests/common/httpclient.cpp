#include "httpclient.h"

#include "protocol/envelope.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QPair<QByteArray, QByteArray>> bearer(const QByteArray &token)
{
    if (token.isEmpty())
        return {};
    return {{QByteArrayLiteral("Authorization"), "Bearer " + token}};
}

HttpClient::HttpClient(QUrl base)
    : m_base(std::move(base))
{
    // Tests look at redirects themselves.
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QUrl HttpClient::url(const QString &path) const
{
    return m_base.resolved(QUrl(path));
}

HttpReply HttpClient::get(const QString &path, const QByteArray &token)
{
    return send("GET", path, {}, bearer(token));
}

HttpReply HttpClient::post(const QString &path, const QJsonObject &body, const QByteArray &token)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), bearer(token));
}

HttpReply HttpClient::put(const QString &path, const QJsonObject &body, const QByteArray &token)
{
    return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact), bearer(token));
}

HttpReply HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QBuffer *buffer = nullptr;
    if (!body.isEmpty()) {
        buffer = new QBuffer;
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
    }
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, buffer);
    if (buffer)
        buffer->setParent(reply);

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();

    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = QStringLiteral("timed out");
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    if (const auto envelope = mall::protocol::parseEnvelope(result.body)) {
        result.code = envelope->code;
        result.message = envelope->message;
        result.data = envelope->data;
    }
    reply->deleteLater();
    return result;
}
