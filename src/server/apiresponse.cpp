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

bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    const auto opaque = [](QByteArray tag) {
        tag = tag.trimmed();
        return tag.startsWith("W/") ? tag.mid(2) : tag;
    };
    for (const QByteArray &candidate : ifNoneMatch.split(',')) {
        const QByteArray tag = candidate.trimmed();
        if (tag == "*" || (!tag.isEmpty() && opaque(tag) == opaque(etag)))
            return true;
    }
    return false;
}

} // namespace mall::server
