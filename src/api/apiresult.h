#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkReply>
#include <QString>

namespace mall::api {

// The outcome of one API call, in the protocol's terms: either an envelope
// (with its HTTP status and code), or no answer at all (a network error).
struct ApiResult
{
    int httpStatus = 0; // 0: no HTTP answer
    QString code;       // envelope code; empty when there was no envelope
    QString message;    // envelope message, or the network error text
    QJsonValue data;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    int retryAfterSeconds = 0; // from Retry-After on 429

    bool ok() const { return httpStatus >= 200 && httpStatus < 300 && code == u"OK"; }
    bool isNetworkFailure() const { return httpStatus == 0; }
    bool isServerBusy() const { return httpStatus >= 500; }
    QJsonObject object() const { return data.toObject(); }
};

} // namespace mall::api
