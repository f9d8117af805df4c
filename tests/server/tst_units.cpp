// Unit tests of the pure pieces of the library: crypto helpers, JWT, the
// envelope, body reading, routing, phone payloads and the error-code table.
// Nothing here starts a server or touches the network.

#include "protocol/envelope.h"
#include "protocol/errorcode.h"
#include "protocol/httpdate.h"
#include "protocol/jwtpayload.h"
#include "protocol/phonenumber.h"
#include "server/aescbc.h"
#include "server/bodyreader.h"
#include "server/jwtsigner.h"
#include "server/passwordhasher.h"
#include "server/phonepayload.h"
#include "server/profilesignature.h"
#include "server/router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <ctime>
#include <initializer_list>
#include <utility>
#include <variant>

using namespace mall;
using protocol::ErrorCode;
using server::PhonePayloadError;
using server::Router;

Q_DECLARE_METATYPE(mall::protocol::ErrorCode)
Q_DECLARE_METATYPE(mall::server::Router::Match::Kind)

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(kBase64Url);
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString str(const char *text)
{
    return QString::fromUtf8(text);
}

QJsonObject accessClaims(qint64 uid = 42, int step = 2)
{
    return QJsonObject{{str("sub"), QString::number(uid)},
                       {str("sid"), str("family-1")},
                       {str("step"), step},
                       {str("iat"), 1700000000},
                       {str("exp"), 1700000900}};
}

// Sets the process time zone for one test and puts the old one back.
class TimeZoneGuard
{
public:
    explicit TimeZoneGuard(const QByteArray &zone)
        : m_had(qEnvironmentVariableIsSet("TZ"))
        , m_old(qgetenv("TZ"))
    {
        qputenv("TZ", zone);
        tzset();
    }
    ~TimeZoneGuard()
    {
        if (m_had)
            qputenv("TZ", m_old);
        else
            qunsetenv("TZ");
        tzset();
    }

private:
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TstUnits : public QObject
{
    Q_OBJECT

private slots:
    void profileSignatureKnownAnswer();
    void profileSignatureDependsOnEveryByte();

    void aesRoundTrip_data();
    void aesRoundTrip();
    void aesKnownAnswer();
    void aesWrongKeyOrTamperingFails();
    void aesBadSizes_data();
    void aesBadSizes();

    void jwtSignThenVerify();
    void jwtSignatureIsHmacSha256();
    void jwtDifferentSecretFails();
    void jwtEveryCharacterMatters();
    void jwtAlgNoneFails();
    void jwtWrongSegmentCountFails();

    void jwtPayloadReadsSignedClaims();
    void jwtPayloadMalformed_data();
    void jwtPayloadMalformed();
    void accessClaimsValid_data();
    void accessClaimsValid();
    void accessClaimsInvalid_data();
    void accessClaimsInvalid();

    void envelopeRoundTrip_data();
    void envelopeRoundTrip();
    void envelopeOptionalFields();
    void envelopeMalformed_data();
    void envelopeMalformed();

    void passwordVerifies();
    void passwordSaltDiffers();
    void passwordDefaultParameters();
    void passwordKnownAnswer();
    void passwordStoredParametersWin();
    void passwordCorruptedStored_data();
    void passwordCorruptedStored();

    void routerMatches_data();
    void routerMatches();
    void routerFirstRegisteredWins();

    void bodyReadsFields();
    void bodyErrors_data();
    void bodyErrors();
    void bodyEmptyReadsAsEmptyObject_data();
    void bodyEmptyReadsAsEmptyObject();
    void bodyNotAnObject_data();
    void bodyNotAnObject();
    void bodyFirstErrorWins();

    void phoneValidity_data();
    void phoneValidity();

    void httpDateKnownAnswer();
    void httpDateRoundTrip_data();
    void httpDateRoundTrip();
    void httpDateGarbage_data();
    void httpDateGarbage();
    void httpDateIndependentOfLocalZone_data();
    void httpDateIndependentOfLocalZone();

    void phonePayload_data();
    void phonePayload();

    void errorCodeNamesRoundTrip();
    void errorCodeUnknownNames_data();
    void errorCodeUnknownNames();
    void errorCodeDocumentedStatus_data();
    void errorCodeDocumentedStatus();
};

// ---------------------------------------------------------------------------
// profileSignature

// Copied byte for byte from docs/protocol.md.
static const QByteArray kSampleRawData(
    R"({"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou",)"
    R"("province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/)"
    R"(1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuu)"
    R"(ICqIM5ibXQ/0"})");
static const QByteArray kSampleSessionKey = QByteArrayLiteral("HyVFkGl5F5OQWJZZaNzBBg==");

void TstUnits::profileSignatureKnownAnswer()
{
    QCOMPARE(server::profileSignature(kSampleRawData, kSampleSessionKey),
             QByteArray("75e81ceda165f4ffa64f4068af58c64b8f54b88c"));
}

void TstUnits::profileSignatureDependsOnEveryByte()
{
    const QByteArray expected("75e81ceda165f4ffa64f4068af58c64b8f54b88c");
    for (qsizetype i = 0; i < kSampleRawData.size(); ++i) {
        QByteArray raw = kSampleRawData;
        raw[i] = static_cast<char>(raw[i] ^ 0x01);
        QVERIFY2(server::profileSignature(raw, kSampleSessionKey) != expected,
                 qPrintable(QStringLiteral("rawData byte %1").arg(i)));
    }
    for (qsizetype i = 0; i < kSampleSessionKey.size(); ++i) {
        QByteArray key = kSampleSessionKey;
        key[i] = static_cast<char>(key[i] ^ 0x01);
        QVERIFY2(server::profileSignature(kSampleRawData, key) != expected,
                 qPrintable(QStringLiteral("session key byte %1").arg(i)));
    }
}

// ---------------------------------------------------------------------------
// AES-128-CBC

static const QByteArray kAesKey = QByteArrayLiteral("0123456789abcdef");
static const QByteArray kAesIv = QByteArrayLiteral("fedcba9876543210");

void TstUnits::aesRoundTrip_data()
{
    QTest::addColumn<int>("length");
    for (int length : {0, 1, 15, 16, 17, 1000})
        QTest::addRow("%d bytes", length) << length;
}

void TstUnits::aesRoundTrip()
{
    QFETCH(int, length);
    QByteArray plaintext(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        plaintext[i] = static_cast<char>((i * 37 + 11) & 0xff);

    const auto cipher = server::aes128CbcEncrypt(kAesKey, kAesIv, plaintext);
    QVERIFY(cipher.has_value());
    QCOMPARE(cipher->size() % 16, 0);
    // PKCS#7 always pads, so a whole block is added when the length is a multiple of 16.
    QCOMPARE(cipher->size(), (length / 16 + 1) * 16);
    if (length > 0)
        QVERIFY(!cipher->contains(plaintext.left(qMin(length, 16))));

    const auto decrypted = server::aes128CbcDecrypt(kAesKey, kAesIv, *cipher);
    QVERIFY(decrypted.has_value());
    QCOMPARE(*decrypted, plaintext);
}

void TstUnits::aesKnownAnswer()
{
    // NIST SP 800-38A, F.2.1 CBC-AES128.Encrypt.
    const QByteArray key = QByteArray::fromHex("2b7e151628aed2a6abf7158809cf4f3c");
    const QByteArray iv = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
    const QByteArray plaintext = QByteArray::fromHex("6bc1bee22e409f96e93d7e117393172a"
                                                     "ae2d8a571e03ac9c9eb76fac45af8e51"
                                                     "30c81c46a35ce411e5fbc1191a0a52ef"
                                                     "f69f2445df4f9b17ad2b417be66c3710");
    const QByteArray expected = QByteArray::fromHex("7649abac8119b246cee98e9b12e9197d"
                                                    "5086cb9b507219ee95db113a917678b2"
                                                    "73bed6b8e3c1743b7116e69e22229516"
                                                    "3ff1caa1681fac09120eca307586e1a7");

    const auto oneBlock = server::aes128CbcEncrypt(key, iv, plaintext.left(16));
    QVERIFY(oneBlock.has_value());
    QCOMPARE(oneBlock->size(), 32);
    QCOMPARE(oneBlock->left(16).toHex(), expected.left(16).toHex());

    const auto fourBlocks = server::aes128CbcEncrypt(key, iv, plaintext);
    QVERIFY(fourBlocks.has_value());
    QCOMPARE(fourBlocks->size(), 80);
    QCOMPARE(fourBlocks->left(64).toHex(), expected.toHex());

    const auto back = server::aes128CbcDecrypt(key, iv, *fourBlocks);
    QVERIFY(back.has_value());
    QCOMPARE(back->toHex(), plaintext.toHex());
}

void TstUnits::aesWrongKeyOrTamperingFails()
{
    const QByteArray plaintext = QByteArray(R"({"purePhoneNumber":"13800138000"})");
    const auto cipher = server::aes128CbcEncrypt(kAesKey, kAesIv, plaintext);
    QVERIFY(cipher.has_value());
    QVERIFY(cipher->size() >= 32);

    // CBC has no MAC: a wrong key either breaks the padding or yields garbage.
    const auto wrongKey =
        server::aes128CbcDecrypt(QByteArrayLiteral("0123456789abcdeF"), kAesIv, *cipher);
    QVERIFY(!wrongKey || *wrongKey != plaintext);

    for (qsizetype i = cipher->size() - 16; i < cipher->size(); ++i) {
        QByteArray tampered = *cipher;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x5a);
        const auto result = server::aes128CbcDecrypt(kAesKey, kAesIv, tampered);
        QVERIFY2(!result || *result != plaintext,
                 qPrintable(QStringLiteral("tampered byte %1").arg(i)));
    }

    QByteArray firstBlockTampered = *cipher;
    firstBlockTampered[3] = static_cast<char>(firstBlockTampered[3] ^ 0x01);
    const auto first = server::aes128CbcDecrypt(kAesKey, kAesIv, firstBlockTampered);
    QVERIFY(!first || *first != plaintext);

    // Not a whole number of blocks, or nothing at all, cannot be a ciphertext.
    QVERIFY(!server::aes128CbcDecrypt(kAesKey, kAesIv, cipher->left(cipher->size() - 1)));
    QVERIFY(!server::aes128CbcDecrypt(kAesKey, kAesIv, QByteArray()));
}

void TstUnits::aesBadSizes_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::newRow("empty key") << QByteArray() << kAesIv;
    QTest::newRow("15-byte key") << kAesKey.left(15) << kAesIv;
    QTest::newRow("17-byte key") << kAesKey + 'x' << kAesIv;
    QTest::newRow("32-byte key (AES-256 size)") << kAesKey + kAesKey << kAesIv;
    QTest::newRow("empty iv") << kAesKey << QByteArray();
    QTest::newRow("15-byte iv") << kAesKey << kAesIv.left(15);
    QTest::newRow("17-byte iv") << kAesKey << kAesIv + 'x';
}

void TstUnits::aesBadSizes()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QVERIFY(!server::aes128CbcEncrypt(key, iv, QByteArrayLiteral("hello")).has_value());
    // A well-formed ciphertext, so only the key/iv size can be the reason.
    const auto cipher = server::aes128CbcEncrypt(kAesKey, kAesIv, QByteArrayLiteral("hello"));
    QVERIFY(cipher.has_value());
    QVERIFY(!server::aes128CbcDecrypt(key, iv, *cipher).has_value());
}

// ---------------------------------------------------------------------------
// JwtSigner

static const QByteArray kJwtSecret = QByteArrayLiteral("unit-test-secret-0123456789abcdef");

void TstUnits::jwtSignThenVerify()
{
    const server::JwtSigner signer(kJwtSecret);
    QJsonObject claims = accessClaims();
    claims.insert(str("nickname"), str("小明 ✓"));
    claims.insert(str("nested"), QJsonObject{{str("a"), QJsonArray{1, 2, 3}}});

    const QByteArray token = signer.sign(claims);
    QCOMPARE(token.count('.'), 2);
    const auto verified = signer.verify(token);
    QVERIFY(verified.has_value());
    QCOMPARE(*verified, claims);

    // The same secret in a second instance verifies as well: nothing is per-instance.
    QCOMPARE(server::JwtSigner(kJwtSecret).verify(token), std::optional<QJsonObject>(claims));
}

void TstUnits::jwtSignatureIsHmacSha256()
{
    const QByteArray token = server::JwtSigner(kJwtSecret).sign(accessClaims());
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);

    const QJsonObject header =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], kBase64Url)).object();
    QCOMPARE(header.value(str("alg")).toString(), str("HS256"));
    QCOMPARE(QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], kBase64Url)).object(),
             accessClaims());

    const QByteArray expected = b64url(QMessageAuthenticationCode::hash(
        parts[0] + '.' + parts[1], kJwtSecret, QCryptographicHash::Sha256));
    QCOMPARE(parts[2], expected);
}

void TstUnits::jwtDifferentSecretFails()
{
    const QByteArray token = server::JwtSigner(kJwtSecret).sign(accessClaims());
    QVERIFY(!server::JwtSigner(kJwtSecret + 'x').verify(token).has_value());
    QVERIFY(!server::JwtSigner(QByteArrayLiteral("other")).verify(token).has_value());
    QVERIFY(!server::JwtSigner(QByteArray()).verify(token).has_value());
}

void TstUnits::jwtEveryCharacterMatters()
{
    const server::JwtSigner signer(kJwtSecret);
    const QByteArray token = signer.sign(accessClaims());
    QVERIFY(signer.verify(token).has_value());
    for (qsizetype i = 0; i < token.size(); ++i) {
        QByteArray changed = token;
        changed[i] = token[i] == 'A' ? 'B' : 'A';
        QVERIFY2(!signer.verify(changed).has_value(),
                 qPrintable(QStringLiteral("position %1 of %2").arg(i).arg(token.size())));
    }
    // Appending or dropping a character of the signature fails too.
    QVERIFY(!signer.verify(token + 'A').has_value());
    QVERIFY(!signer.verify(token.chopped(1)).has_value());
}

void TstUnits::jwtAlgNoneFails()
{
    const server::JwtSigner signer(kJwtSecret);
    const QByteArray token = signer.sign(accessClaims());
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);

    const QByteArray none =
        b64url(compactJson(QJsonObject{{str("alg"), str("none")}, {str("typ"), str("JWT")}}));
    QVERIFY(!signer.verify(none + '.' + parts[1] + '.').has_value());
    QVERIFY(!signer.verify(none + '.' + parts[1] + '.' + parts[2]).has_value());
    // A correct HS256 header with the signature stripped is no better.
    QVERIFY(!signer.verify(parts[0] + '.' + parts[1] + '.').has_value());
}

void TstUnits::jwtWrongSegmentCountFails()
{
    const server::JwtSigner signer(kJwtSecret);
    const QByteArray token = signer.sign(accessClaims());
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);

    QVERIFY(!signer.verify(parts[0] + '.' + parts[1]).has_value());
    QVERIFY(!signer.verify(parts[0] + parts[1] + '.' + parts[2]).has_value());
    QVERIFY(!signer.verify(token + '.' + parts[2]).has_value());
    QVERIFY(!signer.verify(QByteArray()).has_value());
    QVERIFY(!signer.verify(QByteArrayLiteral("..")).has_value());
}

// ---------------------------------------------------------------------------
// readJwtPayload / accessClaimsFrom

void TstUnits::jwtPayloadReadsSignedClaims()
{
    const QByteArray token = server::JwtSigner(kJwtSecret).sign(accessClaims(7, 3));
    const auto payload = protocol::readJwtPayload(token);
    QVERIFY(payload.has_value());
    QCOMPARE(*payload, accessClaims(7, 3));

    // Reading does not verify: a token signed with any secret reads the same.
    const QByteArray foreign = server::JwtSigner(QByteArrayLiteral("x")).sign(accessClaims(7, 3));
    QCOMPARE(protocol::readJwtPayload(foreign), payload);
}

void TstUnits::jwtPayloadMalformed_data()
{
    QTest::addColumn<QByteArray>("token");
    const QByteArray header = b64url(QByteArray(R"({"alg":"HS256","typ":"JWT"})"));
    const QByteArray goodPayload = b64url(compactJson(accessClaims()));

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("no dots") << header + goodPayload;
    QTest::newRow("one dot") << header + '.' + goodPayload;
    QTest::newRow("four segments") << header + '.' + goodPayload + ".sig.extra";
    QTest::newRow("only dots") << QByteArrayLiteral("..");
    QTest::newRow("empty payload") << header + "..sig";
    QTest::newRow("not base64") << header + ".!!!$$$.sig";
    // Standard base64 of {"q":"???"} and {"q":"~~~"}: '/' and '+' are not base64url.
    QTest::newRow("base64 slash") << header + ".eyJxIjoiPz8/In0.sig";
    QTest::newRow("base64 plus") << header + ".eyJxIjoifn5+In0.sig";
    QTest::newRow("payload not JSON") << header + '.' + b64url("not json at all") + ".sig";
    QTest::newRow("payload truncated JSON") << header + '.' + b64url(R"({"sub":"1")") + ".sig";
    QTest::newRow("JSON array payload") << header + '.' + b64url("[1,2,3]") + ".sig";
    QTest::newRow("JSON string payload") << header + '.' + b64url(R"("sub")") + ".sig";
    QTest::newRow("JSON number payload") << header + '.' + b64url("42") + ".sig";
    // Padded base64 ({"a":1} as eyJhIjoxfQ==): JWT segments carry no padding.
    QTest::newRow("padded payload") << header + ".eyJhIjoxfQ==.sig";
}

void TstUnits::jwtPayloadMalformed()
{
    QFETCH(QByteArray, token);
    QVERIFY(!protocol::readJwtPayload(token).has_value());
}

void TstUnits::accessClaimsValid_data()
{
    QTest::addColumn<int>("step");
    QTest::newRow("guest") << 1;
    QTest::newRow("member") << 2;
    QTest::newRow("member-info") << 3;
}

void TstUnits::accessClaimsValid()
{
    QFETCH(int, step);
    const auto claims = protocol::accessClaimsFrom(accessClaims(9007199254740, step));
    QVERIFY(claims.has_value());
    QCOMPARE(claims->uid, Q_INT64_C(9007199254740));
    QCOMPARE(claims->sid, str("family-1"));
    QCOMPARE(claims->step, step);
    QCOMPARE(claims->issuedAt, Q_INT64_C(1700000000));
    QCOMPARE(claims->expiresAt, Q_INT64_C(1700000900));
}

void TstUnits::accessClaimsInvalid_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value"); // undefined: the claim is removed

    const QJsonValue missing(QJsonValue::Undefined);
    QTest::newRow("sub missing") << str("sub") << missing;
    QTest::newRow("sub null") << str("sub") << QJsonValue();
    QTest::newRow("sub number") << str("sub") << QJsonValue(42);
    QTest::newRow("sub not decimal") << str("sub") << QJsonValue(str("abc"));
    QTest::newRow("sub empty") << str("sub") << QJsonValue(str(""));
    QTest::newRow("sub fraction") << str("sub") << QJsonValue(str("4.5"));
    QTest::newRow("sub padded") << str("sub") << QJsonValue(str(" 12 "));
    QTest::newRow("sub signed") << str("sub") << QJsonValue(str("+12"));
    QTest::newRow("sid missing") << str("sid") << missing;
    QTest::newRow("sid number") << str("sid") << QJsonValue(1);
    QTest::newRow("sid null") << str("sid") << QJsonValue();
    QTest::newRow("step missing") << str("step") << missing;
    QTest::newRow("step string") << str("step") << QJsonValue(str("2"));
    QTest::newRow("step fraction") << str("step") << QJsonValue(1.5);
    QTest::newRow("step bool") << str("step") << QJsonValue(true);
    QTest::newRow("step 0") << str("step") << QJsonValue(0);
    QTest::newRow("step 4") << str("step") << QJsonValue(4);
    QTest::newRow("step -1") << str("step") << QJsonValue(-1);
    QTest::newRow("step 2^32+2") << str("step") << QJsonValue(4294967298.0);
    QTest::newRow("iat missing") << str("iat") << missing;
    QTest::newRow("iat string") << str("iat") << QJsonValue(str("1700000000"));
    QTest::newRow("iat fraction") << str("iat") << QJsonValue(1700000000.5);
    QTest::newRow("exp missing") << str("exp") << missing;
    QTest::newRow("exp string") << str("exp") << QJsonValue(str("1700000900"));
    QTest::newRow("exp fraction") << str("exp") << QJsonValue(1700000900.25);
    QTest::newRow("exp null") << str("exp") << QJsonValue();
    QTest::newRow("exp object") << str("exp") << QJsonValue(QJsonObject());
}

void TstUnits::accessClaimsInvalid()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject payload = accessClaims();
    QVERIFY(protocol::accessClaimsFrom(payload).has_value()); // the baseline is valid
    if (value.isUndefined())
        payload.remove(key);
    else
        payload.insert(key, value);
    QVERIFY(!protocol::accessClaimsFrom(payload).has_value());
}

// ---------------------------------------------------------------------------
// Envelope

void TstUnits::envelopeRoundTrip_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonValue>("data");
    QTest::newRow("ok object") << str("OK") << QString()
                               << QJsonValue(
                                      QJsonObject{{str("uid"), 7}, {str("phone"), QJsonValue()}});
    QTest::newRow("error null data")
        << str("SERVER_BUSY") << str("系统繁忙，请稍后再试") << QJsonValue();
    QTest::newRow("array data") << str("OK") << str("x")
                                << QJsonValue(QJsonArray{1, str("two"), false});
    QTest::newRow("string data") << str("CONFLICT") << str("库存不足") << QJsonValue(str("detail"));
    QTest::newRow("number data") << str("OK") << QString() << QJsonValue(12.5);
    QTest::newRow("quotes and escapes")
        << str("BAD_REQUEST") << str("field \"phone\"\n\tis \\ required") << QJsonValue(true);
}

void TstUnits::envelopeRoundTrip()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QJsonValue, data);

    const QByteArray body = protocol::serializeEnvelope(protocol::Envelope{code, message, data});
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QCOMPARE(object.keys(), (QStringList{str("code"), str("data"), str("message")}));

    QString error;
    const auto parsed = protocol::parseEnvelope(body, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->code, code);
    QCOMPARE(parsed->message, message);
    QCOMPARE(parsed->data, data);
    QCOMPARE(parsed->isOk(), code == str("OK"));
}

void TstUnits::envelopeOptionalFields()
{
    QString error;
    const auto terse = protocol::parseEnvelope(R"({"code":"AUTH_FAIL"})", &error);
    QVERIFY2(terse.has_value(), qPrintable(error));
    QCOMPARE(terse->code, str("AUTH_FAIL"));
    QVERIFY(terse->message.isEmpty());
    QVERIFY(!terse->isOk());

    const auto nullMessage = protocol::parseEnvelope(R"({"code":"OK","message":null})");
    QVERIFY(nullMessage.has_value());
    QVERIFY(nullMessage->isOk());

    // Unknown fields are ignored.
    const auto extra = protocol::parseEnvelope(R"({"code":"OK","data":{},"traceId":"abc"})");
    QVERIFY(extra.has_value());
    QCOMPARE(extra->data, QJsonValue(QJsonObject()));

    // Undefined data goes on the wire as null, not as a missing key.
    const QByteArray body = protocol::serializeEnvelope(protocol::Envelope{str("OK"), {}, {}});
    QVERIFY(QJsonDocument::fromJson(body).object().contains(str("data")));
}

void TstUnits::envelopeMalformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArrayLiteral("<html>502 Bad Gateway</html>");
    QTest::newRow("truncated") << QByteArray(R"({"code":"OK")");
    QTest::newRow("array") << QByteArray(R"([{"code":"OK"}])");
    QTest::newRow("string") << QByteArray(R"("OK")");
    QTest::newRow("number") << QByteArrayLiteral("200");
    QTest::newRow("no code") << QByteArray(R"({"message":"hi","data":{}})");
    QTest::newRow("numeric code") << QByteArray(R"({"code":401})");
    QTest::newRow("null code") << QByteArray(R"({"code":null})");
    QTest::newRow("object code") << QByteArray(R"({"code":{}})");
    QTest::newRow("numeric message") << QByteArray(R"({"code":"OK","message":1})");
    QTest::newRow("object message") << QByteArray(R"({"code":"OK","message":{}})");
    QTest::newRow("bool message") << QByteArray(R"({"code":"OK","message":false})");
}

void TstUnits::envelopeMalformed()
{
    QFETCH(QByteArray, body);
    QString error;
    QVERIFY(!protocol::parseEnvelope(body, &error).has_value());
    QVERIFY(!error.isEmpty());
    // A null error pointer is allowed.
    QVERIFY(!protocol::parseEnvelope(body).has_value());
}

// ---------------------------------------------------------------------------
// PasswordHasher

void TstUnits::passwordVerifies()
{
    const server::PasswordHasher hasher(1000);
    for (const QString &password : {str("correct horse"), str("密码123"), QString()}) {
        const QByteArray stored = hasher.hash(password);
        QVERIFY(stored.startsWith("pbkdf2-sha256$1000$"));
        QVERIFY(hasher.verify(password, stored));
        QVERIFY(!hasher.verify(password + str("x"), stored));
        QVERIFY(!hasher.verify(str("wrong"), stored));
    }
    QVERIFY(!hasher.verify(str("Correct horse"), hasher.hash(str("correct horse"))));

    const QList<QByteArray> parts = hasher.hash(str("p")).split('$');
    QCOMPARE(parts.size(), 4);
    QCOMPARE(QByteArray::fromBase64(parts[2]).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts[3]).size(), 32);
}

void TstUnits::passwordSaltDiffers()
{
    const server::PasswordHasher hasher(1000);
    const QByteArray first = hasher.hash(str("same"));
    const QByteArray second = hasher.hash(str("same"));
    QVERIFY(first != second);
    QVERIFY(first.split('$').value(2) != second.split('$').value(2));
    QVERIFY(hasher.verify(str("same"), first));
    QVERIFY(hasher.verify(str("same"), second));
}

void TstUnits::passwordDefaultParameters()
{
    const server::PasswordHasher hasher;
    const QByteArray stored = hasher.hash(str("default cost"));
    QVERIFY2(stored.startsWith("pbkdf2-sha256$210000$"), stored.constData());
    QVERIFY(hasher.verify(str("default cost"), stored));
    QVERIFY(!hasher.verify(str("default cost!"), stored));
}

void TstUnits::passwordKnownAnswer()
{
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1), first 32 bytes.
    const QByteArray derived =
        QByteArray::fromHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    const QByteArray stored =
        "pbkdf2-sha256$1$" + QByteArray("salt").toBase64() + '$' + derived.toBase64();
    QVERIFY(server::PasswordHasher(1000).verify(str("passwd"), stored));
    QVERIFY(!server::PasswordHasher(1000).verify(str("passwe"), stored));
}

void TstUnits::passwordStoredParametersWin()
{
    // The stored string names its own cost, so raising the default keeps old hashes valid.
    const QByteArray stored = server::PasswordHasher(1000).hash(str("pw"));
    QVERIFY(server::PasswordHasher(2000).verify(str("pw"), stored));

    QByteArray otherCost = stored;
    otherCost.replace("$1000$", "$1001$");
    QVERIFY(!server::PasswordHasher(1000).verify(str("pw"), otherCost));
}

void TstUnits::passwordCorruptedStored_data()
{
    QTest::addColumn<QByteArray>("stored");
    const QByteArray good = server::PasswordHasher(1000).hash(str("secret"));
    const QList<QByteArray> p = good.split('$');
    const auto join = [](const QList<QByteArray> &parts) { return parts.join('$'); };

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("x$y") << QByteArrayLiteral("x$y");
    QTest::newRow("only separators") << QByteArrayLiteral("$$$");
    QTest::newRow("plain text") << QByteArrayLiteral("secret");
    QTest::newRow("wrong scheme") << join({"pbkdf2-sha1", p[1], p[2], p[3]});
    QTest::newRow("bcrypt scheme") << join({"bcrypt", p[1], p[2], p[3]});
    QTest::newRow("upper-case scheme") << join({"PBKDF2-SHA256", p[1], p[2], p[3]});
    QTest::newRow("non-numeric iterations") << join({p[0], "abc", p[2], p[3]});
    QTest::newRow("iterations with suffix") << join({p[0], "1000x", p[2], p[3]});
    QTest::newRow("empty iterations") << join({p[0], "", p[2], p[3]});
    QTest::newRow("zero iterations") << join({p[0], "0", p[2], p[3]});
    QTest::newRow("negative iterations") << join({p[0], "-1000", p[2], p[3]});
    QTest::newRow("iterations overflow int") << join({p[0], "99999999999", p[2], p[3]});
    QTest::newRow("empty salt and hash") << join({p[0], p[1], "", ""});
    QTest::newRow("empty hash") << join({p[0], p[1], p[2], ""});
    QTest::newRow("truncated hash") << join({p[0], p[1], p[2], p[3].chopped(4)});
    QTest::newRow("other salt") << join({p[0], p[1], QByteArray(16, 'a').toBase64(), p[3]});
    QTest::newRow("three parts") << join({p[0], p[1], p[2]});
    QTest::newRow("five parts") << good + "$extra";
    QTest::newRow("garbage base64") << join({p[0], p[1], "!!!!", "****"});
}

void TstUnits::passwordCorruptedStored()
{
    QFETCH(QByteArray, stored);
    QVERIFY(!server::PasswordHasher(1000).verify(str("secret"), stored));
    QVERIFY(!server::PasswordHasher(1000).verify(QString(), stored));
}

// ---------------------------------------------------------------------------
// Router

namespace {

Router::Handler tagged(const QByteArray &tag)
{
    return [tag](const server::ApiRequest &) {
        server::ApiResponse response;
        response.code = tag;
        return response;
    };
}

Router makeRouter()
{
    Router router;
    for (const auto &[method, pattern] : std::initializer_list<std::pair<QByteArray, QString>>{
             {"GET", str("/api/goods")},
             {"GET", str("/api/goods/{id}")},
             {"GET", str("/api/goods/{id}/reviews")},
             {"POST", str("/api/goods/{id}/reviews")},
             {"POST", str("/api/cart")},
             {"PATCH", str("/api/cart/{itemId}")},
             {"DELETE", str("/api/cart/{itemId}")},
             {"POST", str("/api/orders/{id}/pay")},
         }) {
        router.add(method, pattern, tagged(method + ' ' + pattern.toUtf8()));
    }
    return router;
}

QString describeParams(const QHash<QString, QString> &params)
{
    QStringList pairs;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        pairs.append(it.key() + QLatin1Char('=') + it.value());
    pairs.sort();
    return pairs.join(QLatin1Char(','));
}

} // namespace

void TstUnits::routerMatches_data()
{
    using Kind = Router::Match::Kind;
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("pattern"); // Found only
    QTest::addColumn<QString>("params");  // Found only
    QTest::addColumn<QByteArrayList>("allowed");

    const QByteArrayList none;
    QTest::newRow("literal") << QByteArray("GET") << str("/api/goods") << Kind::Found
                             << str("GET /api/goods") << QString() << none;
    QTest::newRow("placeholder") << QByteArray("GET") << str("/api/goods/42") << Kind::Found
                                 << str("GET /api/goods/{id}") << str("id=42") << none;
    QTest::newRow("placeholder then literal")
        << QByteArray("GET") << str("/api/goods/42/reviews") << Kind::Found
        << str("GET /api/goods/{id}/reviews") << str("id=42") << none;
    QTest::newRow("same path, other method")
        << QByteArray("POST") << str("/api/goods/7/reviews") << Kind::Found
        << str("POST /api/goods/{id}/reviews") << str("id=7") << none;
    QTest::newRow("placeholder takes any text")
        << QByteArray("PATCH") << str("/api/cart/a b%") << Kind::Found
        << str("PATCH /api/cart/{itemId}") << str("itemId=a b%") << none;
    QTest::newRow("HEAD answers like GET")
        << QByteArray("HEAD") << str("/api/goods/5") << Kind::Found << str("GET /api/goods/{id}")
        << str("id=5") << none;

    // Empty segments are dropped (split with SkipEmptyParts), so trailing and
    // doubled slashes do not matter and cannot fill a placeholder.
    QTest::newRow("trailing slash") << QByteArray("GET") << str("/api/goods/") << Kind::Found
                                    << str("GET /api/goods") << QString() << none;
    QTest::newRow("doubled slashes") << QByteArray("GET") << str("//api//goods") << Kind::Found
                                     << str("GET /api/goods") << QString() << none;
    QTest::newRow("no leading slash") << QByteArray("GET") << str("api/goods") << Kind::Found
                                      << str("GET /api/goods") << QString() << none;
    QTest::newRow("empty id segment") << QByteArray("GET") << str("/api/goods//") << Kind::Found
                                      << str("GET /api/goods") << QString() << none;
    QTest::newRow("placeholder, trailing slash")
        << QByteArray("GET") << str("/api/goods/42/") << Kind::Found << str("GET /api/goods/{id}")
        << str("id=42") << none;

    QTest::newRow("prefix only") << QByteArray("GET") << str("/api") << Kind::NoSuchPath
                                 << QString() << QString() << none;
    QTest::newRow("root") << QByteArray("GET") << str("/") << Kind::NoSuchPath << QString()
                          << QString() << none;
    QTest::newRow("too long") << QByteArray("GET") << str("/api/goods/1/reviews/2")
                              << Kind::NoSuchPath << QString() << QString() << none;
    QTest::newRow("near miss") << QByteArray("GET") << str("/api/good") << Kind::NoSuchPath
                               << QString() << QString() << none;
    QTest::newRow("case sensitive path") << QByteArray("GET") << str("/API/goods")
                                         << Kind::NoSuchPath << QString() << QString() << none;
    QTest::newRow("unknown path, unknown method")
        << QByteArray("BREW") << str("/coffee") << Kind::NoSuchPath << QString() << QString()
        << none;

    QTest::newRow("DELETE on GET route")
        << QByteArray("DELETE") << str("/api/goods") << Kind::WrongMethod << QString() << QString()
        << QByteArrayList{"GET"};
    QTest::newRow("PUT on PATCH+DELETE route")
        << QByteArray("PUT") << str("/api/cart/3") << Kind::WrongMethod << QString() << QString()
        << QByteArrayList{"PATCH", "DELETE"};
    QTest::newRow("GET on POST route") << QByteArray("GET") << str("/api/cart") << Kind::WrongMethod
                                       << QString() << QString() << QByteArrayList{"POST"};
    QTest::newRow("HEAD on POST route")
        << QByteArray("HEAD") << str("/api/orders/9/pay") << Kind::WrongMethod << QString()
        << QString() << QByteArrayList{"POST"};
    QTest::newRow("DELETE on GET+POST route")
        << QByteArray("DELETE") << str("/api/goods/1/reviews") << Kind::WrongMethod << QString()
        << QString() << QByteArrayList{"GET", "POST"};
    // Methods compare exactly; the front end upper-cases them first.
    QTest::newRow("lower-case method")
        << QByteArray("get") << str("/api/goods") << Kind::WrongMethod << QString() << QString()
        << QByteArrayList{"GET"};
}

void TstUnits::routerMatches()
{
    using Kind = Router::Match::Kind;
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(Kind, kind);
    QFETCH(QString, pattern);
    QFETCH(QString, params);
    QFETCH(QByteArrayList, allowed);

    const Router router = makeRouter();
    const Router::Match match = router.match(method, path);
    QCOMPARE(match.kind, kind);
    if (kind == Kind::Found) {
        QCOMPARE(match.pattern, pattern);
        QCOMPARE(describeParams(match.params), params);
        QVERIFY(match.handler != nullptr);
        QCOMPARE((*match.handler)(server::ApiRequest{}).code, pattern.toUtf8());
    } else {
        QCOMPARE(match.handler, nullptr);
        QVERIFY(match.params.isEmpty());
        QCOMPARE(match.allowedMethods, allowed);
    }
}

void TstUnits::routerFirstRegisteredWins()
{
    // A literal and a placeholder that both fit: the earlier registration wins.
    Router router;
    router.add("GET", str("/api/me/{what}"), tagged("placeholder"));
    router.add("GET", str("/api/me/coupons"), tagged("literal"));
    Router::Match match = router.match("GET", str("/api/me/coupons"));
    QCOMPARE(match.kind, Router::Match::Kind::Found);
    QCOMPARE((*match.handler)(server::ApiRequest{}).code, QByteArray("placeholder"));
    QCOMPARE(match.params.value(str("what")), str("coupons"));

    Router reversed;
    reversed.add("GET", str("/api/me/coupons"), tagged("literal"));
    reversed.add("GET", str("/api/me/{what}"), tagged("placeholder"));
    match = reversed.match("GET", str("/api/me/coupons"));
    QCOMPARE((*match.handler)(server::ApiRequest{}).code, QByteArray("literal"));
    QVERIFY(match.params.isEmpty());
    match = reversed.match("GET", str("/api/me/footprints"));
    QCOMPARE((*match.handler)(server::ApiRequest{}).code, QByteArray("placeholder"));
}

// ---------------------------------------------------------------------------
// BodyReader

void TstUnits::bodyReadsFields()
{
    server::BodyReader body(
        QByteArray(R"({"phone":"13800138000","quantity":3,"big":9007199254740992,"neg":-5,)"
                   R"("flag":false,"nothing":null,"name":"abcde","whole":2.0,"unknown":[1]})"));
    QCOMPARE(body.string("phone"), str("13800138000"));
    QCOMPARE(body.integer("quantity"), Q_INT64_C(3));
    QCOMPARE(body.integer("big"), Q_INT64_C(9007199254740992));
    QCOMPARE(body.optionalInteger("neg"), std::optional<qint64>(-5));
    QCOMPARE(body.integer("whole"), Q_INT64_C(2));
    QCOMPARE(body.optionalBool("flag"), std::optional<bool>(false));
    QCOMPARE(body.string("name", 5), str("abcde")); // exactly at the limit
    QVERIFY(!body.optionalString("absent").has_value());
    QVERIFY(!body.optionalString("nothing").has_value());
    QVERIFY(!body.optionalInteger("nothing").has_value());
    QVERIFY(!body.optionalBool("absent").has_value());
    QVERIFY2(body.ok(), qPrintable(body.error()));
    QVERIFY(body.error().isEmpty());

    QVERIFY(body.has("phone"));
    QVERIFY(body.has("flag"));
    QVERIFY(!body.has("nothing"));
    QVERIFY(!body.has("absent"));
}

void TstUnits::bodyErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<QString>("needle"); // besides the field name; empty: none

    const QString required = str("required");
    QTest::newRow("required string missing")
        << QByteArray("{}") << str("string") << QByteArray("phone") << 4096 << required;
    QTest::newRow("required string null") << QByteArray(R"({"phone":null})") << str("string")
                                          << QByteArray("phone") << 4096 << required;
    QTest::newRow("number for string") << QByteArray(R"({"phone":13800138000})") << str("string")
                                       << QByteArray("phone") << 4096 << QString();
    QTest::newRow("array for string") << QByteArray(R"({"phone":["1"]})") << str("string")
                                      << QByteArray("phone") << 4096 << QString();
    QTest::newRow("number for optional string")
        << QByteArray(R"({"nickname":5})") << str("optionalString") << QByteArray("nickname")
        << 4096 << QString();
    QTest::newRow("maxLength exceeded") << QByteArray(R"({"nickname":"abcdef"})") << str("string")
                                        << QByteArray("nickname") << 5 << str("5");
    QTest::newRow("optional maxLength exceeded")
        << QByteArray(R"({"nickname":"abcdef"})") << str("optionalString") << QByteArray("nickname")
        << 3 << str("3");
    QTest::newRow("required integer missing") << QByteArray(R"({"other":1})") << str("integer")
                                              << QByteArray("quantity") << 0 << required;
    QTest::newRow("string for integer") << QByteArray(R"({"quantity":"3"})") << str("integer")
                                        << QByteArray("quantity") << 0 << QString();
    QTest::newRow("1.5 for integer") << QByteArray(R"({"quantity":1.5})") << str("integer")
                                     << QByteArray("quantity") << 0 << QString();
    QTest::newRow("bool for integer") << QByteArray(R"({"quantity":true})") << str("integer")
                                      << QByteArray("quantity") << 0 << QString();
    QTest::newRow("beyond 2^53") << QByteArray(R"({"quantity":9007199254740994})")
                                 << str("optionalInteger") << QByteArray("quantity") << 0
                                 << QString();
    QTest::newRow("1e300 for integer")
        << QByteArray(R"({"quantity":1e300})") << str("optionalInteger") << QByteArray("quantity")
        << 0 << QString();
    QTest::newRow("string for bool") << QByteArray(R"({"isDefault":"true"})") << str("optionalBool")
                                     << QByteArray("isDefault") << 0 << QString();
    QTest::newRow("number for bool") << QByteArray(R"({"isDefault":1})") << str("optionalBool")
                                     << QByteArray("isDefault") << 0 << QString();
}

void TstUnits::bodyErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, op);
    QFETCH(QByteArray, field);
    QFETCH(int, maxLength);
    QFETCH(QString, needle);

    server::BodyReader reader(body);
    QVERIFY(reader.ok()); // the body itself is fine; only the field is not
    if (op == str("string")) {
        QCOMPARE(reader.string(field.constData(), maxLength), QString());
    } else if (op == str("optionalString")) {
        QVERIFY(!reader.optionalString(field.constData(), maxLength).has_value());
    } else if (op == str("integer")) {
        QCOMPARE(reader.integer(field.constData()), Q_INT64_C(0));
    } else if (op == str("optionalInteger")) {
        QVERIFY(!reader.optionalInteger(field.constData()).has_value());
    } else if (op == str("optionalBool")) {
        QVERIFY(!reader.optionalBool(field.constData()).has_value());
    } else {
        QFAIL("unknown op in test data");
    }
    QVERIFY(!reader.ok());
    QVERIFY2(reader.error().contains(QString::fromUtf8(field)), qPrintable(reader.error()));
    if (!needle.isEmpty())
        QVERIFY2(reader.error().contains(needle), qPrintable(reader.error()));
}

void TstUnits::bodyEmptyReadsAsEmptyObject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("spaces") << QByteArrayLiteral("   ");
    QTest::newRow("newline") << QByteArrayLiteral("\r\n");
    QTest::newRow("{}") << QByteArrayLiteral("{}");
}

void TstUnits::bodyEmptyReadsAsEmptyObject()
{
    QFETCH(QByteArray, body);
    server::BodyReader reader(body);
    QVERIFY2(reader.ok(), qPrintable(reader.error()));
    QVERIFY(reader.object().isEmpty());
    QVERIFY(!reader.optionalString("phone").has_value());
    QVERIFY(reader.ok());
    reader.string("refreshToken");
    QVERIFY(!reader.ok());
    QVERIFY(reader.error().contains(str("refreshToken")));
}

void TstUnits::bodyNotAnObject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("array") << QByteArrayLiteral("[1,2]");
    QTest::newRow("string") << QByteArray(R"("x")");
    QTest::newRow("number") << QByteArrayLiteral("1");
    QTest::newRow("null") << QByteArrayLiteral("null");
    QTest::newRow("truncated") << QByteArrayLiteral("{");
    QTest::newRow("missing value") << QByteArray(R"({"code":})");
    QTest::newRow("invalid utf-8") << QByteArrayLiteral("\xff\xfe{}");
    QTest::newRow("form encoded") << QByteArrayLiteral("phone=13800138000");
}

void TstUnits::bodyNotAnObject()
{
    QFETCH(QByteArray, body);
    server::BodyReader reader(body);
    QVERIFY(!reader.ok());
    QVERIFY(!reader.error().isEmpty());
    QVERIFY(reader.object().isEmpty());
}

void TstUnits::bodyFirstErrorWins()
{
    server::BodyReader reader(QByteArray(R"({"alpha":1,"beta":"x","good":"yes"})"));
    reader.string("alpha");                      // wrong type: first problem
    reader.integer("beta");                      // wrong type
    reader.string("gamma");                      // missing
    QCOMPARE(reader.string("good"), str("yes")); // reading goes on after a failure
    QVERIFY(!reader.ok());
    QVERIFY2(reader.error().contains(str("alpha")), qPrintable(reader.error()));
    QVERIFY2(!reader.error().contains(str("beta")), qPrintable(reader.error()));
    QVERIFY2(!reader.error().contains(str("gamma")), qPrintable(reader.error()));

    // A body that is not JSON keeps its parse error even after field errors.
    server::BodyReader broken(QByteArrayLiteral("{nope"));
    const QString parseError = broken.error();
    QVERIFY(!parseError.isEmpty());
    broken.string("phone");
    QCOMPARE(broken.error(), parseError);
}

// ---------------------------------------------------------------------------
// isValidPhone

void TstUnits::phoneValidity_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<bool>("valid");
    QTest::newRow("typical") << str("13800138000") << true;
    QTest::newRow("all nines") << str("19999999999") << true;
    QTest::newRow("1 and zeros") << str("10000000000") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("10 digits") << str("1380013800") << false;
    QTest::newRow("12 digits") << str("138001380000") << false;
    QTest::newRow("letter") << str("1380013800a") << false;
    QTest::newRow("leading 2") << str("23800138000") << false;
    QTest::newRow("leading 0") << str("03800138000") << false;
    QTest::newRow("country code") << str("+8613800138000") << false;
    QTest::newRow("leading space") << str(" 1380013800") << false;
    QTest::newRow("trailing space") << str("1380013800 ") << false;
    QTest::newRow("dashes") << str("138-0013-80") << false;
    QTest::newRow("full-width digits") << str("１３８００１３８０００") << false;
    QTest::newRow("full-width tail") << str("1３８００１３８０００") << false;
    QTest::newRow("arabic-indic tail") << str("1٣٨٠٠١٣٨٠٠٠") << false;
    QTest::newRow("superscript digit") << str("1380013800²") << false;
}

void TstUnits::phoneValidity()
{
    QFETCH(QString, phone);
    QFETCH(bool, valid);
    QCOMPARE(protocol::isValidPhone(phone), valid);
}

// ---------------------------------------------------------------------------
// HTTP dates

void TstUnits::httpDateKnownAnswer()
{
    const QDateTime parsed = protocol::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.toSecsSinceEpoch(), Q_INT64_C(784111777));
    QCOMPARE(parsed.toUTC().date(), QDate(1994, 11, 6));
    QCOMPARE(parsed.toUTC().time(), QTime(8, 49, 37));
    QCOMPARE(parsed.offsetFromUtc(), 0);
    // Surrounding whitespace (as left by header parsing) is tolerated.
    QCOMPARE(protocol::parseHttpDate(" Sun, 06 Nov 1994 08:49:37 GMT\r\n"), parsed);
}

void TstUnits::httpDateRoundTrip_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("offsetSeconds"); // of the QDateTime handed to formatHttpDate
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("epoch") << Q_INT64_C(0) << 0 << QByteArray("Thu, 01 Jan 1970 00:00:00 GMT");
    QTest::newRow("RFC example") << Q_INT64_C(784111777) << 0
                                 << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
    QTest::newRow("leap day") << Q_INT64_C(951825600) << 0
                              << QByteArray("Tue, 29 Feb 2000 12:00:00 GMT");
    QTest::newRow("past 2^31") << Q_INT64_C(2147483648) << 0
                               << QByteArray("Tue, 19 Jan 2038 03:14:08 GMT");
    // A non-UTC input is written as the same instant in GMT.
    QTest::newRow("from UTC+8") << Q_INT64_C(784111777) << 8 * 3600
                                << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
    QTest::newRow("from UTC-5 across midnight")
        << Q_INT64_C(1700006400) << -5 * 3600 << QByteArray("Wed, 15 Nov 2023 00:00:00 GMT");
}

void TstUnits::httpDateRoundTrip()
{
    QFETCH(qint64, seconds);
    QFETCH(int, offsetSeconds);
    QFETCH(QByteArray, text);

    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone(offsetSeconds));
    QCOMPARE(protocol::formatHttpDate(time), text);
    const QDateTime parsed = protocol::parseHttpDate(text);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.toSecsSinceEpoch(), seconds);
    QCOMPARE(parsed.offsetFromUtc(), 0);
}

void TstUnits::httpDateGarbage_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArrayLiteral("garbage");
    QTest::newRow("unix seconds") << QByteArrayLiteral("784111777");
    QTest::newRow("ISO 8601") << QByteArrayLiteral("1994-11-06T08:49:37Z");
    QTest::newRow("no zone") << QByteArrayLiteral("Sun, 06 Nov 1994 08:49:37");
    QTest::newRow("day 32") << QByteArrayLiteral("Sun, 32 Nov 1994 08:49:37 GMT");
    QTest::newRow("hour 25") << QByteArrayLiteral("Sun, 06 Nov 1994 25:49:37 GMT");
    QTest::newRow("unknown month") << QByteArrayLiteral("Sun, 06 Foo 1994 08:49:37 GMT");
    QTest::newRow("30 February") << QByteArrayLiteral("Wed, 30 Feb 2000 08:49:37 GMT");
    QTest::newRow("truncated") << QByteArrayLiteral("Sun, 06 Nov 19");
}

void TstUnits::httpDateGarbage()
{
    QFETCH(QByteArray, text);
    QVERIFY(!protocol::parseHttpDate(text).isValid());
}

void TstUnits::httpDateIndependentOfLocalZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("seconds");
    // Wall-clock times that do not exist (spring forward) or exist twice (fall
    // back) in the local zone are still ordinary instants in GMT.
    QTest::newRow("Berlin spring-forward gap")
        << QByteArray("Europe/Berlin") << QByteArray("Sun, 29 Mar 2020 02:30:00 GMT")
        << Q_INT64_C(1585449000);
    QTest::newRow("New York spring-forward gap")
        << QByteArray("America/New_York") << QByteArray("Sun, 08 Mar 2020 02:30:00 GMT")
        << Q_INT64_C(1583634600);
    QTest::newRow("Berlin fall-back overlap")
        << QByteArray("Europe/Berlin") << QByteArray("Sun, 25 Oct 2020 02:30:00 GMT")
        << Q_INT64_C(1603593000);
}

void TstUnits::httpDateIndependentOfLocalZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(QByteArray, text);
    QFETCH(qint64, seconds);

    const TimeZoneGuard guard(zone);
    // The zone must really be in effect, or this test proves nothing.
    const QDateTime summer(QDate(2020, 7, 1), QTime(12, 0), QTimeZone::utc());
    QVERIFY2(summer.toLocalTime().offsetFromUtc() != 0, "TZ change did not take effect");

    QCOMPARE(protocol::formatHttpDate(QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc())),
             text);
    const QDateTime parsed = protocol::parseHttpDate(text);
    QVERIFY2(parsed.isValid(), text.constData());
    QCOMPARE(parsed.toSecsSinceEpoch(), seconds);
}

// ---------------------------------------------------------------------------
// decodePhonePayload

namespace {

const QString kAppId = QStringLiteral("wx-mall-unit");
constexpr qint64 kNow = 1700000000;

QJsonObject phonePlaintext(const QJsonValue &purePhone, const QString &appId, qint64 timestamp)
{
    QJsonObject watermark{{str("appid"), appId}, {str("timestamp"), timestamp}};
    QJsonObject plain{{str("phoneNumber"), purePhone},
                      {str("countryCode"), str("86")},
                      {str("watermark"), watermark}};
    if (!purePhone.isUndefined())
        plain.insert(str("purePhoneNumber"), purePhone);
    return plain;
}

// Base64 ciphertext; empty if encryption failed (the test then fails on it).
QByteArray encryptBase64(const QByteArray &plaintext, const QByteArray &key = kAesKey)
{
    return server::aes128CbcEncrypt(key, kAesIv, plaintext).value_or(QByteArray()).toBase64();
}

QByteArray encryptBase64(const QJsonObject &plaintext, const QByteArray &key = kAesKey)
{
    return encryptBase64(compactJson(plaintext), key);
}

} // namespace

void TstUnits::phonePayload_data()
{
    using Kind = PhonePayloadError::Kind;
    QTest::addColumn<QByteArray>("encryptedData");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("sessionKey");
    QTest::addColumn<int>("expected"); // -1: decodes; otherwise a PhonePayloadError::Kind
    QTest::addColumn<QString>("phone");

    const QByteArray iv = kAesIv.toBase64();
    const QByteArray key = kAesKey.toBase64();
    const QJsonValue phone(str("13800138000"));
    const QByteArray good = encryptBase64(phonePlaintext(phone, kAppId, kNow - 5));

    QTest::newRow("valid") << good << iv << key << -1 << str("13800138000");
    QTest::newRow("valid at max age")
        << encryptBase64(phonePlaintext(phone, kAppId, kNow - server::kPhonePayloadMaxAge)) << iv
        << key << -1 << str("13800138000");

    QTest::newRow("wrong key") << good << iv << QByteArray("0123456789abcdeF").toBase64()
                               << int(Kind::StaleKey) << QString();
    QTest::newRow("encrypted with an older key")
        << encryptBase64(phonePlaintext(phone, kAppId, kNow), QByteArray(16, '\x07')) << iv << key
        << int(Kind::StaleKey) << QString();
    QTest::newRow("session key not 16 bytes")
        << good << iv << kAesKey.left(8).toBase64() << int(Kind::StaleKey) << QString();
    // Without a MAC, a payload that decrypts to something other than a JSON
    // object is indistinguishable from a stale key (documented in phonepayload.cpp).
    QTest::newRow("decrypts to non-JSON") << encryptBase64(QByteArray("13800138000")) << iv << key
                                          << int(Kind::StaleKey) << QString();

    QTest::newRow("foreign appid")
        << encryptBase64(phonePlaintext(phone, str("wx-someone-else"), kNow)) << iv << key
        << int(Kind::ForeignApp) << QString();
    QJsonObject noWatermark = phonePlaintext(phone, kAppId, kNow);
    noWatermark.remove(str("watermark"));
    QTest::newRow("no watermark") << encryptBase64(noWatermark) << iv << key
                                  << int(Kind::ForeignApp) << QString();

    QTest::newRow("older than max age")
        << encryptBase64(phonePlaintext(phone, kAppId, kNow - server::kPhonePayloadMaxAge - 1))
        << iv << key << int(Kind::Expired) << QString();
    QTest::newRow("a day old") << encryptBase64(phonePlaintext(phone, kAppId, kNow - 86400)) << iv
                               << key << int(Kind::Expired) << QString();
    QTest::newRow("far future") << encryptBase64(phonePlaintext(phone, kAppId, kNow + 3600)) << iv
                                << key << int(Kind::Expired) << QString();

    QTest::newRow("encryptedData not base64")
        << QByteArray("!!not base64!!") << iv << key << int(Kind::Malformed) << QString();
    QTest::newRow("encryptedData empty")
        << QByteArray() << iv << key << int(Kind::Malformed) << QString();
    QTest::newRow("encryptedData not whole blocks")
        << QByteArray(15, 'x').toBase64() << iv << key << int(Kind::Malformed) << QString();
    QTest::newRow("iv not base64")
        << good << QByteArray("??") << key << int(Kind::Malformed) << QString();
    QTest::newRow("iv 12 bytes") << good << QByteArray(12, 'i').toBase64() << key
                                 << int(Kind::Malformed) << QString();
    QTest::newRow("iv 17 bytes") << good << QByteArray(17, 'i').toBase64() << key
                                 << int(Kind::Malformed) << QString();
    QTest::newRow("phone too short")
        << encryptBase64(phonePlaintext(QJsonValue(str("1380013800")), kAppId, kNow)) << iv << key
        << int(Kind::Malformed) << QString();
    QTest::newRow("phone leading 2")
        << encryptBase64(phonePlaintext(QJsonValue(str("23800138000")), kAppId, kNow)) << iv << key
        << int(Kind::Malformed) << QString();
    QTest::newRow("phone as number")
        << encryptBase64(phonePlaintext(QJsonValue(13800138000.0), kAppId, kNow)) << iv << key
        << int(Kind::Malformed) << QString();
    QTest::newRow("no purePhoneNumber")
        << encryptBase64(phonePlaintext(QJsonValue(QJsonValue::Undefined), kAppId, kNow)) << iv
        << key << int(Kind::Malformed) << QString();
}

void TstUnits::phonePayload()
{
    QFETCH(QByteArray, encryptedData);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, sessionKey);
    QFETCH(int, expected);
    QFETCH(QString, phone);

    const auto result = server::decodePhonePayload(encryptedData, iv, sessionKey, kAppId, kNow);
    if (expected < 0) {
        const auto *decoded = std::get_if<server::DecodedPhone>(&result);
        const auto *error = std::get_if<PhonePayloadError>(&result);
        QVERIFY2(decoded, qPrintable(error ? error->message : QString()));
        QCOMPARE(decoded->phone, phone);
    } else {
        const auto *error = std::get_if<PhonePayloadError>(&result);
        QVERIFY2(error, "decoded although it should not");
        QCOMPARE(int(error->kind), expected);
        QVERIFY(!error->message.isEmpty());
    }
}

// ---------------------------------------------------------------------------
// Error codes

void TstUnits::errorCodeNamesRoundTrip()
{
    const QList<ErrorCode> all{
        ErrorCode::Ok,
        ErrorCode::BadRequest,
        ErrorCode::BadCredentials,
        ErrorCode::AuthFail,
        ErrorCode::RefreshInvalid,
        ErrorCode::RefreshReused,
        ErrorCode::NeedMember,
        ErrorCode::NeedMemberInfo,
        ErrorCode::SessionKeyExpired,
        ErrorCode::Conflict,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::RateLimited,
        ErrorCode::ServerBusy,
    };
    static const QRegularExpression machineName(QStringLiteral("^[A-Z][A-Z_]*[A-Z]$"));
    QSet<QByteArray> seen;
    for (const ErrorCode code : all) {
        const QByteArray name = protocol::errorCodeName(code);
        QVERIFY2(machineName.match(QString::fromLatin1(name)).hasMatch(), name.constData());
        QVERIFY2(!seen.contains(name), name.constData());
        seen.insert(name);
        QCOMPARE(protocol::errorCodeFromName(name), std::optional<ErrorCode>(code));
        const int status = protocol::defaultHttpStatus(code);
        QVERIFY2(status >= 200 && status <= 599, name.constData());
    }
}

void TstUnits::errorCodeUnknownNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("lower case") << QByteArrayLiteral("ok");
    QTest::newRow("mixed case") << QByteArrayLiteral("Not_Found");
    QTest::newRow("trailing space") << QByteArrayLiteral("OK ");
    QTest::newRow("leading space") << QByteArrayLiteral(" OK");
    QTest::newRow("prefix") << QByteArrayLiteral("AUTH");
    QTest::newRow("longer") << QByteArrayLiteral("AUTH_FAILED");
    QTest::newRow("HTTP status") << QByteArrayLiteral("401");
    QTest::newRow("embedded NUL") << QByteArray("NOT_FOUND\0", 10);
    QTest::newRow("made up") << QByteArrayLiteral("TEAPOT");
}

void TstUnits::errorCodeUnknownNames()
{
    QFETCH(QByteArray, name);
    QVERIFY(!protocol::errorCodeFromName(name).has_value());
}

void TstUnits::errorCodeDocumentedStatus_data()
{
    // docs/protocol.md, "Error codes" (SERVER_BUSY is "5xx"), plus OK and the
    // 405/413 the conventions and the server tests rely on.
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<int>("minStatus");
    QTest::addColumn<int>("maxStatus");
    const auto row = [](const char *name, ErrorCode code, int low, int high) {
        QTest::newRow(name) << QByteArray(name) << code << low << high;
    };
    row("OK", ErrorCode::Ok, 200, 200);
    row("BAD_REQUEST", ErrorCode::BadRequest, 400, 400);
    row("AUTH_FAIL", ErrorCode::AuthFail, 401, 401);
    row("REFRESH_INVALID", ErrorCode::RefreshInvalid, 401, 401);
    row("REFRESH_REUSED", ErrorCode::RefreshReused, 401, 401);
    row("NEED_MEMBER", ErrorCode::NeedMember, 403, 403);
    row("NEED_MEMBER_INFO", ErrorCode::NeedMemberInfo, 403, 403);
    row("SESSION_KEY_EXPIRED", ErrorCode::SessionKeyExpired, 409, 409);
    row("CONFLICT", ErrorCode::Conflict, 409, 409);
    row("NOT_FOUND", ErrorCode::NotFound, 404, 404);
    row("RATE_LIMITED", ErrorCode::RateLimited, 429, 429);
    row("SERVER_BUSY", ErrorCode::ServerBusy, 500, 599);
    row("METHOD_NOT_ALLOWED", ErrorCode::MethodNotAllowed, 405, 405);
    row("PAYLOAD_TOO_LARGE", ErrorCode::PayloadTooLarge, 413, 413);
}

void TstUnits::errorCodeDocumentedStatus()
{
    QFETCH(QByteArray, name);
    QFETCH(ErrorCode, code);
    QFETCH(int, minStatus);
    QFETCH(int, maxStatus);
    QCOMPARE(protocol::errorCodeName(code), name);
    QCOMPARE(protocol::errorCodeFromName(name), std::optional<ErrorCode>(code));
    const int status = protocol::defaultHttpStatus(code);
    QVERIFY2(status >= minStatus && status <= maxStatus, qPrintable(QString::number(status)));
}

QTEST_GUILESS_MAIN(TstUnits)
#include "tst_units.moc"
