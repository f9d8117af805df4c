#pragma once

#include "protocol/errorcode.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace mall::server {

// What a handler answers. Most answers are envelopes; media and the OAuth
// page are raw bodies.
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json; charset=utf-8");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray code = QByteArrayLiteral("OK"); // the envelope code, for logs and stats

    static ApiResponse ok(const QJsonValue &data = QJsonValue(QJsonValue::Object));
    static ApiResponse error(protocol::ErrorCode code, const QString &message);
    // An envelope with an explicit status and code string (auth-fail styles, faults).
    static ApiResponse envelope(int status, const QByteArray &code, const QString &message,
                                const QJsonValue &data = QJsonValue());
    static ApiResponse raw(int status, const QByteArray &contentType, const QByteArray &body);

    ApiResponse &withHeader(const QByteArray &name, const QByteArray &value);
};

// If-None-Match against one entity tag, with the weak comparison of RFC 9110
// section 13.1.2: a list of tags, "W/" prefixes, or "*".
bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag);

} // namespace mall::server
