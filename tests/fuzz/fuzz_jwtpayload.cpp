// readJwtPayload and accessClaimsFrom: what the client reads out of every
// access token it is handed (and the server, after verifying the signature).
//
// The input is the token text. When it also happens to be a JSON object, it is
// handed to accessClaimsFrom directly as well, so the claim checks are reached
// without the fuzzer having to find base64url first.

#include "fuzzcheck.h"

#include "protocol/jwtpayload.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

using namespace mall::protocol;

namespace {

void checkClaims(const QJsonObject &payload)
{
    const auto claims = accessClaimsFrom(payload);
    if (!claims)
        return;
    FUZZ_CHECK(claims->step >= 1 && claims->step <= 3);
    FUZZ_CHECK(claims->uid >= 0);
    // The uid is "sub" read as decimal digits: printing it back gives "sub"
    // without its leading zeros.
    QString sub = payload.value(QLatin1String("sub")).toString();
    while (sub.size() > 1 && sub.startsWith(QLatin1Char('0')))
        sub.remove(0, 1);
    FUZZ_CHECK(QString::number(claims->uid) == sub);
    FUZZ_CHECK(claims->sid == payload.value(QLatin1String("sid")).toString());
    FUZZ_CHECK(double(claims->step) == payload.value(QLatin1String("step")).toDouble());
    FUZZ_CHECK(double(claims->issuedAt) == payload.value(QLatin1String("iat")).toDouble());
    FUZZ_CHECK(double(claims->expiresAt) == payload.value(QLatin1String("exp")).toDouble());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray token = mall::fuzz::bytes(data, size);

    if (const auto payload = readJwtPayload(token)) {
        // Only a compact JWS (two dots) with a non-empty payload segment reads.
        FUZZ_CHECK(token.count('.') == 2);
        FUZZ_CHECK(token.indexOf('.') + 1 < token.lastIndexOf('.'));
        checkClaims(*payload);

        // The same claims, encoded afresh, read back unchanged.
        const QByteArray json = QJsonDocument(*payload).toJson(QJsonDocument::Compact);
        const QByteArray again =
            "h." + json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
            ".s";
        const auto reread = readJwtPayload(again);
        FUZZ_CHECK(reread && *reread == *payload);
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(token, &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        checkClaims(document.object());
    return 0;
}
