// decodePhonePayload: the server's side of the phone-number button.
//
// Random bytes almost never decrypt, so each input is used twice:
//  1. as the plaintext the platform would encrypt: it is sealed with a fixed
//     session key and IV, base64-encoded and decoded again, which reaches the
//     JSON, watermark and phone checks;
//  2. as the attacker-controlled request fields themselves: the text up to the
//     first newline is encryptedData, the rest is iv (base64 text, unchecked).

#include "fuzzcheck.h"

#include "server/aescbc.h"
#include "server/phonepayload.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace mall::server;

namespace {

// The documented sample session key, the server's default appid, and a fixed
// "now", so seeds with a watermark near it stay valid.
const QByteArray kSessionKeyBase64 = QByteArrayLiteral("HyVFkGl5F5OQWJZZaNzBBg==");
const QString kAppId = QStringLiteral("wx5d1mall0c1ient7");
constexpr qint64 kNow = 1795243819;
const QByteArray kIv = QByteArrayLiteral("0123456789abcdef");

bool isMainlandPhone(const QString &phone)
{
    if (phone.size() != 11 || phone.at(0) != QLatin1Char('1'))
        return false;
    for (QChar c : phone) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = mall::fuzz::bytes(data, size);
    const QByteArray key = QByteArray::fromBase64(kSessionKeyBase64);

    // 1. A payload sealed with the right key.
    const auto sealed = aes128CbcEncrypt(key, kIv, input);
    FUZZ_CHECK(sealed && !sealed->isEmpty() && sealed->size() % 16 == 0);
    FUZZ_CHECK(aes128CbcDecrypt(key, kIv, *sealed) == input);
    const auto result =
        decodePhonePayload(sealed->toBase64(), kIv.toBase64(), kSessionKeyBase64, kAppId, kNow);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(input, &parseError);
    const bool object = parseError.error == QJsonParseError::NoError && document.isObject();
    if (const auto *phone = std::get_if<DecodedPhone>(&result)) {
        FUZZ_CHECK(object);
        FUZZ_CHECK(isMainlandPhone(phone->phone));
        const QJsonObject watermark =
            document.object().value(QLatin1String("watermark")).toObject();
        FUZZ_CHECK(watermark.value(QLatin1String("appid")).toString() == kAppId);
        const qint64 stamp = watermark.value(QLatin1String("timestamp")).toInteger(-1);
        FUZZ_CHECK(stamp >= kNow - kPhonePayloadMaxAge && stamp <= kNow + 60);
    } else {
        // Our own key opens it, so it is "stale" exactly when it is not JSON.
        const auto &error = std::get<PhonePayloadError>(result);
        FUZZ_CHECK((error.kind == PhonePayloadError::Kind::StaleKey) == !object);
        FUZZ_CHECK(!error.message.isEmpty());
    }

    // 2. The raw request fields.
    const qsizetype newline = input.indexOf('\n');
    const QByteArray encryptedData = newline < 0 ? input : input.left(newline);
    const QByteArray iv = newline < 0 ? QByteArray() : input.mid(newline + 1);
    const auto raw = decodePhonePayload(encryptedData, iv, kSessionKeyBase64, kAppId, kNow);
    if (const auto *phone = std::get_if<DecodedPhone>(&raw))
        FUZZ_CHECK(isMainlandPhone(phone->phone));
    return 0;
}
