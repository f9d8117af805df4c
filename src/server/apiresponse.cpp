#include "apiresponse.h"

#include "protocol/envelope.h"

namespace mall::server {

ApiResponse ApiResponse::ok(const QJsonValue &data)
{
    return envelope(200, QByteArrayLiteral("OK"), QString(), data);
}

ApiResponse ApiResponse::error(protocol::ErrorCode code, const QString &message)
{
    return envelope(protocol::defaultHttpStatus(code), protocol::errorCodeName(code), message);
}

ApiResponse ApiResponse::envelope(int status, const QByteArray &code, const QString &message,
                                  const QJsonValue &data)
{
    ApiResponse response;
    response.status = status;
    response.code = code;
    response.body =
        protocol::serializeEnvelope(protocol::Envelope{QString::fromLatin1(code), message, data});
    return response;
}

ApiResponse ApiResponse::raw(int status, const QByteArray &contentType, const QByteArray &body)
{
    ApiResponse response;
    response.status = status;
    response.contentType = contentType;
    response.body = body;
    return response;
}

ApiResponse &ApiResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

} // namespace mall::server
