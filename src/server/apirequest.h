#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace mall::server {

// A request copied out of QHttpServerRequest (which cannot be copied or kept),
// so that it can be handled later (delay faults) and by plain functions.
struct ApiRequest
{
    QByteArray method; // upper case: GET, POST, ...
    QString path;      // decoded, without the query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;
    QHash<QString, QString> pathParams; // filled in by the router

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(QByteArrayView name) const;
    QString pathParam(const QString &name) const { return pathParams.value(name); }

    // "http://host:port" as the client addressed us, for absolute URLs.
    QString origin() const;

    // Messages are Chinese unless the client asks for English.
    bool prefersEnglish() const;
    QString text(const char *chinese, const char *english) const;
};

} // namespace mall::server
