#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

// The answer to one test request, with the envelope already taken apart.
struct HttpReply
{
    int status = 0; // 0: no HTTP answer (connection failed or dropped)
    QByteArray body;
    QString code; // envelope "code", empty if the body is no envelope
    QString message;
    QJsonValue data;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QJsonObject object() const { return data.toObject(); }
    QByteArray header(const QByteArray &name) const;
};

// Blocking HTTP for tests: one real request over loopback, the event loop
// spun until it finishes (or 15 s pass).
class HttpClient
{
public:
    explicit HttpClient(QUrl base);

    HttpReply get(const QString &path, const QByteArray &token = {});
    HttpReply post(const QString &path, const QJsonObject &body, const QByteArray &token = {});
    HttpReply put(const QString &path, const QJsonObject &body, const QByteArray &token = {});
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body,
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});

    QUrl url(const QString &path) const;

private:
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

QList<QPair<QByteArray, QByteArray>> bearer(const QByteArray &token);
