#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

namespace mall::server {

// The backend's side of the phone-number button: decrypt encryptedData with
// the session_key it holds for the user and check the watermark.
struct DecodedPhone
{
    QString phone;
};

struct PhonePayloadError
{
    enum class Kind
    {
        StaleKey,  // does not decrypt to JSON with our key: SESSION_KEY_EXPIRED
        Malformed, // decrypts, but not into a phone payload
        ForeignApp,
        Expired,
    } kind;
    QString message;
};

// Watermarks older than this are refused.
constexpr qint64 kPhonePayloadMaxAge = 10 * 60;

std::variant<DecodedPhone, PhonePayloadError>
decodePhonePayload(const QByteArray &encryptedDataBase64, const QByteArray &ivBase64,
                   const QByteArray &sessionKeyBase64, const QString &appId, qint64 now);

} // namespace mall::server
