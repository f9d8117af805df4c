#include "jwtpayload.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace mall::protocol {

namespace {

// JWT segments are base64url without padding; anything else is malformed.
std::optional<QByteArray> decodeSegment(QByteArrayView segment)
{
    const auto result = QByteArray::fromBase64Encoding(
        segment.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                   QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded;
}

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    // Whole, and within 2^53 (where a double still holds every integer):
    // a cast of anything larger to qint64 is undefined, and claims feed
    // arithmetic (exp - iat) that must not overflow either.
    const double d = value.toDouble();
    return std::trunc(d) == d && std::fabs(d) <= 9007199254740992.0;
}

} // namespace

std::optional<QJsonObject> readJwtPayload(const QByteArray &token)
{
    // A compact JWS has exactly three segments: header.payload.signature.
    if (token.count('.') != 2)
        return std::nullopt;
    const qsizetype first = token.indexOf('.');
    const qsizetype second = token.indexOf('.', first + 1);
    const QByteArrayView payloadSegment =
        QByteArrayView(token).sliced(first + 1, second - first - 1);
    if (payloadSegment.isEmpty() || payloadSegment.contains('='))
        return std::nullopt;

    const auto json = decodeSegment(payloadSegment);
    if (!json)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

std::optional<AccessClaims> accessClaimsFrom(const QJsonObject &payload)
{
    const QJsonValue sub = payload.value(QLatin1String("sub"));
    const QJsonValue sid = payload.value(QLatin1String("sid"));
    const QJsonValue step = payload.value(QLatin1String("step"));
    const QJsonValue iat = payload.value(QLatin1String("iat"));
    const QJsonValue exp = payload.value(QLatin1String("exp"));
    // "sub" is a string per RFC 7519; the uid is its decimal value, digits only.
    const QString subText = sub.toString();
    bool uidOk = !subText.isEmpty() && std::all_of(subText.cbegin(), subText.cend(), [](QChar c) {
        return c.isDigit() && c.unicode() < 128;
    });
    const qint64 uid = uidOk ? subText.toLongLong(&uidOk) : 0;
    if (!uidOk || !sid.isString() || !isInteger(step) || !isInteger(iat) || !isInteger(exp))
        return std::nullopt;
    const int stepValue = step.toInt();
    if (stepValue < 1 || stepValue > 3)
        return std::nullopt;
    return AccessClaims{uid, sid.toString(), stepValue, static_cast<qint64>(iat.toDouble()),
                        static_cast<qint64>(exp.toDouble())};
}

} // namespace mall::protocol
