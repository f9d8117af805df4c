#include "phonepayload.h"

#include "aescbc.h"
#include "protocol/phonenumber.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace mall::server {

namespace {

std::optional<QByteArray> strictBase64(const QByteArray &text)
{
    const auto result =
        QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded;
}

} // namespace

std::variant<DecodedPhone, PhonePayloadError>
decodePhonePayload(const QByteArray &encryptedDataBase64, const QByteArray &ivBase64,
                   const QByteArray &sessionKeyBase64, const QString &appId, qint64 now)
{
    using Kind = PhonePayloadError::Kind;
    const auto cipher = strictBase64(encryptedDataBase64);
    const auto iv = strictBase64(ivBase64);
    if (!cipher || !iv || iv->size() != 16 || cipher->isEmpty() || cipher->size() % 16 != 0)
        return PhonePayloadError{Kind::Malformed,
                                 QStringLiteral("encryptedData or iv is malformed")};

    const QByteArray key = QByteArray::fromBase64(sessionKeyBase64);
    const auto plain = aes128CbcDecrypt(key, *iv, *cipher);
    // CBC without a MAC cannot tell a stale key from a tampered payload: any
    // payload that does not open to a JSON object is answered as a stale
    // session key, so the client logs in silently and asks for a new tap.
    const QJsonDocument document = plain ? QJsonDocument::fromJson(*plain) : QJsonDocument();
    if (!document.isObject())
        return PhonePayloadError{Kind::StaleKey,
                                 QStringLiteral("payload does not decrypt with the session key")};

    const QJsonObject object = document.object();
    const QJsonObject watermark = object.value(QLatin1String("watermark")).toObject();
    if (watermark.value(QLatin1String("appid")).toString() != appId)
        return PhonePayloadError{Kind::ForeignApp, QStringLiteral("watermark appid is not ours")};
    const qint64 stamp = watermark.value(QLatin1String("timestamp")).toInteger(-1);
    if (stamp < 0 || now - stamp > kPhonePayloadMaxAge || stamp - now > 60)
        return PhonePayloadError{Kind::Expired, QStringLiteral("payload watermark is too old")};

    const QString phone = object.value(QLatin1String("purePhoneNumber")).toString();
    // Not a regular expression: '$' also matches before a final newline.
    if (!protocol::isValidPhone(phone))
        return PhonePayloadError{Kind::Malformed, QStringLiteral("payload has no valid phone")};
    return DecodedPhone{phone};
}

} // namespace mall::server
