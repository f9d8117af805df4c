// Phone login over real HTTP: SMS codes with their cooldown, expiry and
// lockout, passwords sharing that lockout, linking a guest's platform
// identity to a phone, the phone button's encrypted payload (tampered, stale
// key, foreign or old watermark), check-session, and the login counter.

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>

#include <initializer_list>
#include <utility>

namespace {

// QT_NO_CAST_FROM_ASCII is on; this keeps request bodies readable.
QJsonObject json(std::initializer_list<std::pair<const char *, QJsonValue>> fields)
{
    QJsonObject object;
    for (const auto &[key, value] : fields)
        object.insert(QLatin1String(key), value);
    return object;
}

QString str(const char *text)
{
    return QString::fromLatin1(text);
}

// A code that is certainly not `code`: same length, last digit changed.
QString wrongCode(const QString &code)
{
    QString wrong = code.isEmpty() ? QStringLiteral("000000") : code;
    const int last = wrong.back().digitValue();
    wrong.back() = QChar(char16_t(u'0' + (last < 0 ? 0 : (last + 1) % 10)));
    return wrong;
}

// Flips one bit of the decoded bytes at `index` (negative: from the end).
QString flipDecodedByte(const QString &base64, qsizetype index)
{
    QByteArray bytes = QByteArray::fromBase64(base64.toLatin1());
    if (index < 0)
        index += bytes.size();
    bytes[index] = char(bytes.at(index) ^ 0x01);
    return QString::fromLatin1(bytes.toBase64());
}

// The same JWT claiming another user, its signature left as it was.
QByteArray withSubject(const QByteArray &jwt, qint64 uid)
{
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return jwt;
    QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], options)).object();
    claims.insert(QLatin1String("sub"), QString::number(uid));
    parts[1] = QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(options);
    return parts.join('.');
}

qint64 retryAfter(const HttpReply &reply)
{
    bool ok = false;
    const qint64 seconds = reply.header("Retry-After").toLongLong(&ok);
    return ok ? seconds : -1;
}

// How a bind-phone body is spoiled in badPhonePayloadKeepsGuest.
enum Spoil
{
    FlipFirstCipherBlock,
    FlipMiddleCipherBlock,
    FlipLastCipherBlock,
    FlipIv,
    TruncatedCipher,
    CipherNotBase64,
    CipherNotString,
    IvNotBase64,
    IvWrongLength,
    RotatedSessionKey,
    ForeignAppid,
    OldWatermark,
    AgedAfterFetch,
    FutureWatermark,
    OnlyEncryptedData,
    OnlyIv,
    PhoneWithoutCode,
    NoFields,
    BothProofs,
};

} // namespace

class TstPhoneLogin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void smsSendRejectsInvalidPhone_data();
    void smsSendRejectsInvalidPhone();
    void smsSendHasCooldown();
    void smsLoginCreatesMember();
    void smsCodeIsSingleUse();
    void expiredSmsCodeFails();
    void wrongCodesLockPhone();
    void passwordLogin();
    void passwordAndSmsShareLock();
    void phoneLoginUpgradesGuestWithNewPhone();
    void phoneLoginWithKnownPhoneAbsorbsGuest();
    void phoneLoginRejectsBadBearer();
    void bindPhoneWithPlatformPayload();
    void bindPhoneWithSmsCode();
    void badPhonePayloadKeepsGuest_data();
    void badPhonePayloadKeepsGuest();
    void staleSessionKeyRecoversAfterSilentLogin();
    void checkSession();
    void loginCounterCountsSuccessfulLogins();

private:
    HttpReply sendSms(const QString &phone);
    HttpReply loginWithCode(const QString &phone, const QString &code,
                            const QByteArray &token = {});
    HttpReply loginWithPassword(const QString &phone, const QString &password);
    bool advanceClock(qint64 seconds);
    QJsonObject phonePayload(const QString &deviceId, const QString &phone,
                             const QJsonObject &extra = {});
    HttpReply bindPayload(const QJsonObject &payload, const QByteArray &token);
    HttpReply me(const QByteArray &token);
    int loginCount();

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TstPhoneLogin::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstPhoneLogin::init()
{
    // Every test starts from no users, no SMS state, counters at zero and the
    // clock at real time, so clock moves and lockouts never leak across tests.
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).code, QStringLiteral("OK"));
}

void TstPhoneLogin::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

HttpReply TstPhoneLogin::sendSms(const QString &phone)
{
    return m_http->post(QStringLiteral("/api/auth/sms/send"), json({{"phone", phone}}));
}

HttpReply TstPhoneLogin::loginWithCode(const QString &phone, const QString &code,
                                       const QByteArray &token)
{
    return m_http->post(QStringLiteral("/api/auth/phone-login"),
                        json({{"phone", phone}, {"smsCode", code}}), token);
}

HttpReply TstPhoneLogin::loginWithPassword(const QString &phone, const QString &password)
{
    return m_http->post(QStringLiteral("/api/auth/phone-login"),
                        json({{"phone", phone}, {"password", password}}));
}

bool TstPhoneLogin::advanceClock(qint64 seconds)
{
    return m_http->post(QStringLiteral("/dev/clock"), json({{"advance", seconds}})).code ==
           QLatin1String("OK");
}

QJsonObject TstPhoneLogin::phonePayload(const QString &deviceId, const QString &phone,
                                        const QJsonObject &extra)
{
    QJsonObject request = extra;
    request.insert(QLatin1String("deviceId"), deviceId);
    request.insert(QLatin1String("phone"), phone);
    return m_http->post(QStringLiteral("/wx/getPhoneNumber"), request).object();
}

HttpReply TstPhoneLogin::bindPayload(const QJsonObject &payload, const QByteArray &token)
{
    return m_http->post(QStringLiteral("/api/auth/bind-phone"),
                        json({{"encryptedData", payload.value(QLatin1String("encryptedData"))},
                              {"iv", payload.value(QLatin1String("iv"))}}),
                        token);
}

HttpReply TstPhoneLogin::me(const QByteArray &token)
{
    return m_http->get(QStringLiteral("/api/user/me"), token);
}

int TstPhoneLogin::loginCount()
{
    return m_http->get(QStringLiteral("/dev/stats"))
        .object()
        .value(QLatin1String("logins"))
        .toInt(-1);
}

void TstPhoneLogin::smsSendRejectsInvalidPhone_data()
{
    QTest::addColumn<QJsonValue>("phone");
    QTest::newRow("ten digits") << QJsonValue(str("1380000000"));
    QTest::newRow("twelve digits") << QJsonValue(str("138000000000"));
    QTest::newRow("not starting with 1") << QJsonValue(str("23800000000"));
    QTest::newRow("a letter") << QJsonValue(str("1380000000a"));
    QTest::newRow("country prefix") << QJsonValue(str("+8613800000000"));
    QTest::newRow("spaces") << QJsonValue(str("138 0000 000"));
    QTest::newRow("empty") << QJsonValue(QString());
    QTest::newRow("a number") << QJsonValue(13800000000.0);
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
}

void TstPhoneLogin::smsSendRejectsInvalidPhone()
{
    QFETCH(QJsonValue, phone);
    QJsonObject body;
    if (!phone.isUndefined())
        body.insert(QLatin1String("phone"), phone);
    const HttpReply reply = m_http->post(QStringLiteral("/api/auth/sms/send"), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, QStringLiteral("BAD_REQUEST"));
}

void TstPhoneLogin::smsSendHasCooldown()
{
    const QString phone = QStringLiteral("13800000101");
    const HttpReply first = sendSms(phone);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.code, QStringLiteral("OK"));
    QCOMPARE(first.object().value(QLatin1String("cooldown")).toInt(), 60);
    QCOMPARE(lastSmsCode(*m_http, phone).size(), 6);

    const HttpReply second = sendSms(phone);
    QCOMPARE(second.status, 429);
    QCOMPARE(second.code, QStringLiteral("RATE_LIMITED"));
    const qint64 wait = retryAfter(second);
    QVERIFY2(wait >= 1 && wait <= 60, second.header("Retry-After").constData());

    // The wait counts down with the server clock.
    QVERIFY(advanceClock(30));
    const HttpReply third = sendSms(phone);
    QCOMPARE(third.status, 429);
    QVERIFY2(retryAfter(third) >= 1 && retryAfter(third) <= 30,
             third.header("Retry-After").constData());

    QVERIFY(advanceClock(31));
    const HttpReply again = sendSms(phone);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.code, QStringLiteral("OK"));

    // The cooldown is per phone: another number may be sent to right away.
    QCOMPARE(sendSms(QStringLiteral("13800000102")).code, QStringLiteral("OK"));
}

void TstPhoneLogin::smsLoginCreatesMember()
{
    const QString phone = QStringLiteral("13800000201");
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const HttpReply login = loginWithCode(phone, lastSmsCode(*m_http, phone));
    QCOMPARE(login.status, 200);
    QCOMPARE(login.code, QStringLiteral("OK"));
    const TestSession member = sessionFrom(login);
    QVERIFY(member.uid > 0);
    QCOMPARE(member.step, 2);
    QVERIFY(!member.refreshToken.isEmpty());
    const QJsonObject user = login.object().value(QLatin1String("user")).toObject();
    QCOMPARE(user.value(QLatin1String("phone")).toString(), phone);

    const HttpReply mine = me(member.accessToken);
    QCOMPARE(mine.status, 200);
    QCOMPARE(mine.object().value(QLatin1String("uid")).toInteger(), member.uid);
    QCOMPARE(mine.object().value(QLatin1String("step")).toInt(), 2);

    // A later login with the same phone finds that member, not a new one.
    QVERIFY(advanceClock(61));
    const TestSession again = smsLogin(*m_http, phone);
    QCOMPARE(again.uid, member.uid);
    QCOMPARE(again.step, 2);
}

void TstPhoneLogin::smsCodeIsSingleUse()
{
    const QString phone = QStringLiteral("13800000301");
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const QString code = lastSmsCode(*m_http, phone);
    QCOMPARE(loginWithCode(phone, code).code, QStringLiteral("OK"));

    const HttpReply replay = loginWithCode(phone, code);
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.code, QStringLiteral("BAD_CREDENTIALS"));
}

void TstPhoneLogin::expiredSmsCodeFails()
{
    const QString phone = QStringLiteral("13800000401");
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const QString code = lastSmsCode(*m_http, phone);
    QVERIFY(advanceClock(301));

    const HttpReply late = loginWithCode(phone, code);
    QCOMPARE(late.status, 400);
    QCOMPARE(late.code, QStringLiteral("BAD_CREDENTIALS"));

    // Only the code is dead, not the phone: a new one works.
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    QCOMPARE(loginWithCode(phone, lastSmsCode(*m_http, phone)).code, QStringLiteral("OK"));
}

void TstPhoneLogin::wrongCodesLockPhone()
{
    const QString phone = QStringLiteral("13800000501");
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const QString code = lastSmsCode(*m_http, phone);
    const QString wrong = wrongCode(code);

    for (int attempt = 1; attempt <= 4; ++attempt) {
        const HttpReply reply = loginWithCode(phone, wrong);
        QVERIFY2(reply.code == QLatin1String("BAD_CREDENTIALS"),
                 qPrintable(QStringLiteral("try %1: %2").arg(attempt).arg(reply.code)));
        QCOMPARE(reply.status, 400);
    }
    const HttpReply fifth = loginWithCode(phone, wrong);
    QCOMPARE(fifth.status, 429);
    QCOMPARE(fifth.code, QStringLiteral("RATE_LIMITED"));
    QVERIFY2(retryAfter(fifth) >= 890 && retryAfter(fifth) <= 900,
             fifth.header("Retry-After").constData());

    // While locked the right code is refused too, and no new code is sent.
    const HttpReply right = loginWithCode(phone, code);
    QCOMPARE(right.status, 429);
    QCOMPARE(right.code, QStringLiteral("RATE_LIMITED"));
    QVERIFY(retryAfter(right) >= 1 && retryAfter(right) <= 900);
    QVERIFY(advanceClock(61)); // past the send cooldown, still inside the lock
    const HttpReply send = sendSms(phone);
    QCOMPARE(send.status, 429);
    QCOMPARE(send.code, QStringLiteral("RATE_LIMITED"));
    QVERIFY2(retryAfter(send) >= 1 && retryAfter(send) <= 900 - 61,
             send.header("Retry-After").constData());

    QVERIFY(advanceClock(901 - 61));
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const HttpReply unlocked = loginWithCode(phone, lastSmsCode(*m_http, phone));
    QCOMPARE(unlocked.code, QStringLiteral("OK"));
    QCOMPARE(sessionFrom(unlocked).step, 2);
}

void TstPhoneLogin::passwordLogin()
{
    const QString phone = QStringLiteral("13800000601");
    const TestSession member = smsLogin(*m_http, phone);
    QCOMPARE(member.step, 2);

    // Only members have a password.
    const TestSession guest = guestLogin(*m_http, QStringLiteral("pw-guest"));
    const HttpReply byGuest =
        m_http->put(QStringLiteral("/api/user/password"),
                    json({{"password", QStringLiteral("long enough 1")}}), guest.accessToken);
    QCOMPARE(byGuest.status, 403);
    QCOMPARE(byGuest.code, QStringLiteral("NEED_MEMBER"));

    const HttpReply tooShort =
        m_http->put(QStringLiteral("/api/user/password"),
                    json({{"password", QStringLiteral("1234567")}}), member.accessToken);
    QCOMPARE(tooShort.status, 400);
    QCOMPARE(tooShort.code, QStringLiteral("BAD_REQUEST"));
    // The refused password was not stored.
    QCOMPARE(loginWithPassword(phone, QStringLiteral("1234567")).code,
             QStringLiteral("BAD_CREDENTIALS"));

    const QString password = QStringLiteral("correct horse 9");
    const HttpReply set = m_http->put(QStringLiteral("/api/user/password"),
                                      json({{"password", password}}), member.accessToken);
    QCOMPARE(set.status, 200);
    QCOMPARE(set.code, QStringLiteral("OK"));

    const HttpReply login = loginWithPassword(phone, password);
    QCOMPARE(login.status, 200);
    QCOMPARE(login.code, QStringLiteral("OK"));
    QCOMPARE(sessionFrom(login).uid, member.uid);
    QCOMPARE(sessionFrom(login).step, 2);

    const HttpReply wrong = loginWithPassword(phone, QStringLiteral("correct horse 8"));
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.code, QStringLiteral("BAD_CREDENTIALS"));

    // An unknown phone looks exactly like a wrong password, so accounts
    // cannot be enumerated.
    const HttpReply unknown = loginWithPassword(QStringLiteral("13800000699"), password);
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.code, QStringLiteral("BAD_CREDENTIALS"));

    const HttpReply both = m_http->post(
        QStringLiteral("/api/auth/phone-login"),
        json({{"phone", phone}, {"smsCode", QStringLiteral("123456")}, {"password", password}}));
    QCOMPARE(both.status, 400);
    QCOMPARE(both.code, QStringLiteral("BAD_REQUEST"));
    const HttpReply neither =
        m_http->post(QStringLiteral("/api/auth/phone-login"), json({{"phone", phone}}));
    QCOMPARE(neither.status, 400);
    QCOMPARE(neither.code, QStringLiteral("BAD_REQUEST"));
}

void TstPhoneLogin::passwordAndSmsShareLock()
{
    const QString phone = QStringLiteral("13800000701");
    const TestSession member = smsLogin(*m_http, phone);
    QCOMPARE(member.step, 2);
    const QString password = QStringLiteral("shared lock 77");
    QCOMPARE(m_http
                 ->put(QStringLiteral("/api/user/password"), json({{"password", password}}),
                       member.accessToken)
                 .code,
             QStringLiteral("OK"));

    QVERIFY(advanceClock(61)); // past the cooldown of smsLogin's send
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const QString badCode = wrongCode(lastSmsCode(*m_http, phone));
    const QString badPassword = QStringLiteral("shared lock 78");

    // Two wrong codes and two wrong passwords: four tries of the same five.
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const HttpReply reply =
            attempt % 2 ? loginWithCode(phone, badCode) : loginWithPassword(phone, badPassword);
        QVERIFY2(reply.code == QLatin1String("BAD_CREDENTIALS"),
                 qPrintable(QStringLiteral("try %1: %2").arg(attempt).arg(reply.code)));
    }
    const HttpReply fifth = loginWithPassword(phone, badPassword);
    QCOMPARE(fifth.status, 429);
    QCOMPARE(fifth.code, QStringLiteral("RATE_LIMITED"));
    QVERIFY2(retryAfter(fifth) >= 890 && retryAfter(fifth) <= 900,
             fifth.header("Retry-After").constData());

    const HttpReply rightWhileLocked = loginWithPassword(phone, password);
    QCOMPARE(rightWhileLocked.status, 429);
    QCOMPARE(rightWhileLocked.code, QStringLiteral("RATE_LIMITED"));

    QVERIFY(advanceClock(901));
    const HttpReply unlocked = loginWithPassword(phone, password);
    QCOMPARE(unlocked.code, QStringLiteral("OK"));
    QCOMPARE(sessionFrom(unlocked).uid, member.uid);
}

void TstPhoneLogin::phoneLoginUpgradesGuestWithNewPhone()
{
    const QString device = QStringLiteral("link-new-phone");
    const TestSession guest = guestLogin(*m_http, device);
    QVERIFY(guest.uid > 0);
    QCOMPARE(guest.step, 1);

    const TestSession member = smsLogin(*m_http, QStringLiteral("13800000801"), guest);
    QCOMPARE(member.uid, guest.uid);
    QCOMPARE(member.step, 2);

    // The device's platform identity now leads to the member.
    const TestSession silent = guestLogin(*m_http, device);
    QCOMPARE(silent.uid, guest.uid);
    QCOMPARE(silent.step, 2);

    // The guest's session family was replaced by the member's.
    const HttpReply old = me(guest.accessToken);
    QCOMPARE(old.status, 401);
    QCOMPARE(old.code, QStringLiteral("AUTH_FAIL"));
    const HttpReply oldRefresh =
        m_http->post(QStringLiteral("/api/auth/refresh"),
                     json({{"refreshToken", QString::fromLatin1(guest.refreshToken)}}));
    QCOMPARE(oldRefresh.status, 401);
    QCOMPARE(oldRefresh.code, QStringLiteral("REFRESH_INVALID"));
    QCOMPARE(me(member.accessToken).status, 200);
}

void TstPhoneLogin::phoneLoginWithKnownPhoneAbsorbsGuest()
{
    const QString phone = QStringLiteral("13800000901");
    const TestSession member = smsLogin(*m_http, phone);
    QCOMPARE(member.step, 2);

    const QString device = QStringLiteral("link-known-phone");
    const TestSession guest = guestLogin(*m_http, device);
    QCOMPARE(guest.step, 1);
    QVERIFY(guest.uid != member.uid);

    QVERIFY(advanceClock(61));
    const TestSession linked = smsLogin(*m_http, phone, guest);
    QCOMPARE(linked.uid, member.uid);
    QCOMPARE(linked.step, 2);

    const TestSession silent = guestLogin(*m_http, device);
    QCOMPARE(silent.uid, member.uid);
    QCOMPARE(silent.step, 2);

    const HttpReply old = me(guest.accessToken);
    QCOMPARE(old.status, 401);
    QCOMPARE(old.code, QStringLiteral("AUTH_FAIL"));
    // The member's own earlier session is not affected.
    QCOMPARE(me(member.accessToken).object().value(QLatin1String("uid")).toInteger(), member.uid);
}

void TstPhoneLogin::phoneLoginRejectsBadBearer()
{
    const TestSession expired = guestLogin(*m_http, QStringLiteral("bearer-expired"));
    QVERIFY(advanceClock(15 * 60 + 1)); // past the default access lifetime
    const TestSession revoked = guestLogin(*m_http, QStringLiteral("bearer-revoked"));
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/logout"),
                        json({{"refreshToken", QString::fromLatin1(revoked.refreshToken)}}))
                 .code,
             QStringLiteral("OK"));
    const QByteArray forged = withSubject(revoked.accessToken, expired.uid);

    const QString phone = QStringLiteral("13800001001");
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const QString code = lastSmsCode(*m_http, phone);
    const QByteArray body =
        "{\"phone\":\"" + phone.toLatin1() + "\",\"smsCode\":\"" + code.toLatin1() + "\"}";
    const QList<QByteArray> authorizations = {
        "Bearer " + expired.accessToken,
        "Bearer " + revoked.accessToken,
        "Bearer " + forged,
        "Bearer not-a-token",
        "Bearer ",
        "Basic Zm9vOmJhcg==",
    };
    for (const QByteArray &authorization : authorizations) {
        const HttpReply reply = m_http->send("POST", QStringLiteral("/api/auth/phone-login"), body,
                                             {{"Authorization", authorization}});
        QVERIFY2(reply.status == 401 && reply.code == QLatin1String("AUTH_FAIL"),
                 qPrintable(QStringLiteral("%1: %2 %3")
                                .arg(QString::fromLatin1(authorization.left(40)))
                                .arg(reply.status)
                                .arg(reply.code)));
    }

    // The refused requests neither used up the code nor linked a guest.
    const TestSession member = sessionFrom(loginWithCode(phone, code));
    QCOMPARE(member.step, 2);
    QVERIFY(member.uid != expired.uid && member.uid != revoked.uid);
    const TestSession stillGuest = guestLogin(*m_http, QStringLiteral("bearer-expired"));
    QCOMPARE(stillGuest.uid, expired.uid);
    QCOMPARE(stillGuest.step, 1);
}

void TstPhoneLogin::bindPhoneWithPlatformPayload()
{
    const QString device = QStringLiteral("bind-button");
    const QString phone = QStringLiteral("13800001101");
    const TestSession guest = guestLogin(*m_http, device);
    QCOMPARE(guest.step, 1);
    const QJsonObject payload = phonePayload(device, phone);
    QVERIFY(!payload.value(QLatin1String("encryptedData")).toString().isEmpty());

    const HttpReply noToken = bindPayload(payload, {});
    QCOMPARE(noToken.status, 401);
    QCOMPARE(noToken.code, QStringLiteral("AUTH_FAIL"));

    const HttpReply bound = bindPayload(payload, guest.accessToken);
    QCOMPARE(bound.status, 200);
    QCOMPARE(bound.code, QStringLiteral("OK"));
    const TestSession member = sessionFrom(bound, device);
    QCOMPARE(member.uid, guest.uid);
    QCOMPARE(member.step, 2);
    const QJsonObject mine = me(member.accessToken).object();
    QCOMPARE(mine.value(QLatin1String("step")).toInt(), 2);
    QCOMPARE(mine.value(QLatin1String("phone")).toString(), phone);

    const HttpReply twice =
        bindPayload(phonePayload(device, QStringLiteral("13800001102")), member.accessToken);
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.code, QStringLiteral("CONFLICT"));
    QCOMPARE(me(member.accessToken).object().value(QLatin1String("phone")).toString(), phone);

    const TestSession silent = guestLogin(*m_http, device);
    QCOMPARE(silent.uid, guest.uid);
    QCOMPARE(silent.step, 2);
}

void TstPhoneLogin::bindPhoneWithSmsCode()
{
    const QString phone = QStringLiteral("13800001201");
    const TestSession guest = guestLogin(*m_http, QStringLiteral("bind-sms"));
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    const QString code = lastSmsCode(*m_http, phone);

    const HttpReply wrong =
        m_http->post(QStringLiteral("/api/auth/bind-phone"),
                     json({{"phone", phone}, {"smsCode", wrongCode(code)}}), guest.accessToken);
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.code, QStringLiteral("BAD_CREDENTIALS"));
    QCOMPARE(me(guest.accessToken).object().value(QLatin1String("step")).toInt(), 1);

    const HttpReply bound =
        m_http->post(QStringLiteral("/api/auth/bind-phone"),
                     json({{"phone", phone}, {"smsCode", code}}), guest.accessToken);
    QCOMPARE(bound.status, 200);
    QCOMPARE(bound.code, QStringLiteral("OK"));
    const TestSession member = sessionFrom(bound);
    QCOMPARE(member.uid, guest.uid);
    QCOMPARE(member.step, 2);
    QCOMPARE(me(member.accessToken).object().value(QLatin1String("phone")).toString(), phone);
}

void TstPhoneLogin::badPhonePayloadKeepsGuest_data()
{
    // status 0: either 409 SESSION_KEY_EXPIRED or 400 BAD_REQUEST will do,
    // since CBC without a MAC cannot always tell tampering from a stale key.
    QTest::addColumn<int>("spoil");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString stale = QStringLiteral("SESSION_KEY_EXPIRED");
    const QString bad = QStringLiteral("BAD_REQUEST");
    QTest::newRow("first cipher block flipped") << int(FlipFirstCipherBlock) << 0 << QString();
    QTest::newRow("middle cipher block flipped") << int(FlipMiddleCipherBlock) << 0 << QString();
    // The padding lives in the last block, so this never decrypts.
    QTest::newRow("last cipher block flipped") << int(FlipLastCipherBlock) << 409 << stale;
    QTest::newRow("iv flipped") << int(FlipIv) << 0 << QString();
    QTest::newRow("cipher truncated") << int(TruncatedCipher) << 400 << bad;
    QTest::newRow("cipher not base64") << int(CipherNotBase64) << 400 << bad;
    QTest::newRow("cipher not a string") << int(CipherNotString) << 400 << bad;
    QTest::newRow("iv not base64") << int(IvNotBase64) << 400 << bad;
    QTest::newRow("iv 8 bytes") << int(IvWrongLength) << 400 << bad;
    QTest::newRow("session key rotated") << int(RotatedSessionKey) << 409 << stale;
    QTest::newRow("foreign appid") << int(ForeignAppid) << 400 << bad;
    QTest::newRow("watermark 11 min old") << int(OldWatermark) << 400 << bad;
    QTest::newRow("payload aged 601 s") << int(AgedAfterFetch) << 400 << bad;
    QTest::newRow("watermark 1 h ahead") << int(FutureWatermark) << 400 << bad;
    QTest::newRow("only encryptedData") << int(OnlyEncryptedData) << 400 << bad;
    QTest::newRow("only iv") << int(OnlyIv) << 400 << bad;
    QTest::newRow("phone without smsCode") << int(PhoneWithoutCode) << 400 << bad;
    QTest::newRow("no fields") << int(NoFields) << 400 << bad;
    QTest::newRow("both proofs") << int(BothProofs) << 400 << bad;
}

void TstPhoneLogin::badPhonePayloadKeepsGuest()
{
    QFETCH(int, spoil);
    QFETCH(int, status);
    QFETCH(QString, code);

    const QString device = QStringLiteral("bad-payload");
    const QString phone = QStringLiteral("13800001301");
    const TestSession guest = guestLogin(*m_http, device);
    QCOMPARE(guest.step, 1);
    const qint64 now = QDateTime::currentSecsSinceEpoch(); // the clock is real after reset

    QJsonObject extra;
    if (spoil == ForeignAppid)
        extra = json({{"watermarkAppid", QStringLiteral("wx0ther0app0000000")}});
    else if (spoil == OldWatermark)
        extra = json({{"watermarkTimestamp", now - 11 * 60}});
    else if (spoil == FutureWatermark)
        extra = json({{"watermarkTimestamp", now + 3600}});
    if (spoil == RotatedSessionKey) {
        // The platform's key moves on without the backend hearing of it.
        QCOMPARE(m_http
                     ->post(QStringLiteral("/dev/expire"),
                            json({{"what", QStringLiteral("sessionKey")}, {"uid", guest.uid}}))
                     .code,
                 QStringLiteral("OK"));
    }
    const QJsonObject payload = phonePayload(device, phone, extra);
    QString cipher = payload.value(QLatin1String("encryptedData")).toString();
    QString iv = payload.value(QLatin1String("iv")).toString();
    QVERIFY(!cipher.isEmpty() && !iv.isEmpty());
    const qsizetype cipherSize = QByteArray::fromBase64(cipher.toLatin1()).size();
    QVERIFY2(cipherSize >= 48, "the payload should span several AES blocks");

    QJsonObject body;
    switch (Spoil(spoil)) {
    case FlipFirstCipherBlock:
        cipher = flipDecodedByte(cipher, 0);
        break;
    case FlipMiddleCipherBlock:
        cipher = flipDecodedByte(cipher, (cipherSize / 32) * 16 + 5);
        break;
    case FlipLastCipherBlock:
        cipher = flipDecodedByte(cipher, -9);
        break;
    case FlipIv:
        iv = flipDecodedByte(iv, 0);
        break;
    case TruncatedCipher:
        cipher =
            QString::fromLatin1(QByteArray::fromBase64(cipher.toLatin1()).chopped(1).toBase64());
        break;
    case CipherNotBase64:
        cipher = QStringLiteral("%%%not base64%%%");
        break;
    case IvNotBase64:
        iv = QStringLiteral("not*base64!");
        break;
    case IvWrongLength:
        iv = QString::fromLatin1(QByteArray(8, '\x42').toBase64());
        break;
    case AgedAfterFetch:
        QVERIFY(advanceClock(601));
        break;
    default:
        break;
    }
    switch (Spoil(spoil)) {
    case CipherNotString:
        body = json({{"encryptedData", 12345}, {"iv", iv}});
        break;
    case OnlyEncryptedData:
        body = json({{"encryptedData", cipher}});
        break;
    case OnlyIv:
        body = json({{"iv", iv}});
        break;
    case PhoneWithoutCode:
        body = json({{"phone", phone}});
        break;
    case NoFields:
        break;
    case BothProofs:
        QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
        body = json({{"encryptedData", cipher},
                     {"iv", iv},
                     {"phone", phone},
                     {"smsCode", lastSmsCode(*m_http, phone)}});
        break;
    default:
        body = json({{"encryptedData", cipher}, {"iv", iv}});
        break;
    }

    const HttpReply reply =
        m_http->post(QStringLiteral("/api/auth/bind-phone"), body, guest.accessToken);
    const QString got = QStringLiteral("%1 %2 %3").arg(reply.status).arg(reply.code, reply.message);
    if (status == 0) {
        QVERIFY2((reply.status == 409 && reply.code == QLatin1String("SESSION_KEY_EXPIRED")) ||
                     (reply.status == 400 && reply.code == QLatin1String("BAD_REQUEST")),
                 qPrintable(got));
    } else {
        QVERIFY2(reply.status == status && reply.code == code, qPrintable(got));
    }

    // Still the same guest, with no phone, on this token and on the device.
    const HttpReply mine = me(guest.accessToken);
    QCOMPARE(mine.status, 200);
    QCOMPARE(mine.object().value(QLatin1String("uid")).toInteger(), guest.uid);
    QCOMPARE(mine.object().value(QLatin1String("step")).toInt(), 1);
    QVERIFY(mine.object().value(QLatin1String("phone")).isNull());
    const TestSession silent = guestLogin(*m_http, device);
    QCOMPARE(silent.uid, guest.uid);
    QCOMPARE(silent.step, 1);
}

void TstPhoneLogin::staleSessionKeyRecoversAfterSilentLogin()
{
    const QString device = QStringLiteral("stale-key");
    const QString phone = QStringLiteral("13800001401");
    const TestSession guest = guestLogin(*m_http, device);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        json({{"what", QStringLiteral("sessionKey")}, {"uid", guest.uid}}))
                 .code,
             QStringLiteral("OK"));
    const HttpReply stale = bindPayload(phonePayload(device, phone), guest.accessToken);
    QCOMPARE(stale.status, 409);
    QCOMPARE(stale.code, QStringLiteral("SESSION_KEY_EXPIRED"));

    // What the client does on SESSION_KEY_EXPIRED: silent login, tap again.
    const TestSession again = guestLogin(*m_http, device);
    QCOMPARE(again.uid, guest.uid);
    QCOMPARE(again.step, 1);
    const HttpReply bound = bindPayload(phonePayload(device, phone), again.accessToken);
    QCOMPARE(bound.code, QStringLiteral("OK"));
    QCOMPARE(sessionFrom(bound).uid, guest.uid);
    QCOMPARE(sessionFrom(bound).step, 2);
}

void TstPhoneLogin::checkSession()
{
    const QString device = QStringLiteral("check-session");
    const TestSession guest = guestLogin(*m_http, device);
    const auto check = [this](const QByteArray &token) {
        return m_http->post(QStringLiteral("/api/auth/check-session"), {}, token);
    };
    const auto valid = [](const HttpReply &reply) {
        return reply.object().value(QLatin1String("valid"));
    };

    const HttpReply fresh = check(guest.accessToken);
    QCOMPARE(fresh.code, QStringLiteral("OK"));
    QCOMPARE(valid(fresh), QJsonValue(true));

    const HttpReply anonymous = check({});
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.code, QStringLiteral("AUTH_FAIL"));

    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        json({{"what", QStringLiteral("sessionKey")}, {"uid", guest.uid}}))
                 .code,
             QStringLiteral("OK"));
    const HttpReply rotated = check(guest.accessToken);
    QCOMPARE(rotated.code, QStringLiteral("OK"));
    QCOMPARE(valid(rotated), QJsonValue(false));

    // /dev/reset keeps the config, so the lie is switched off whatever happens.
    const auto noLies = qScopeGuard([this] {
        m_http->post(QStringLiteral("/dev/config"), json({{"checkSessionLies", false}}));
    });
    QCOMPARE(m_http->post(QStringLiteral("/dev/config"), json({{"checkSessionLies", true}})).code,
             QStringLiteral("OK"));
    QCOMPARE(valid(check(guest.accessToken)), QJsonValue(true));
    QCOMPARE(m_http->post(QStringLiteral("/dev/config"), json({{"checkSessionLies", false}})).code,
             QStringLiteral("OK"));
    QCOMPARE(valid(check(guest.accessToken)), QJsonValue(false));

    // A new silent login hands the backend the platform's current key.
    const TestSession again = guestLogin(*m_http, device);
    QCOMPARE(valid(check(again.accessToken)), QJsonValue(true));
}

void TstPhoneLogin::loginCounterCountsSuccessfulLogins()
{
    int logins = loginCount();
    QVERIFY(logins >= 0);
    const auto expectLogins = [&](int added, const char *what) {
        const int now = loginCount();
        const bool ok = now == logins + added;
        if (!ok)
            qWarning("%s: logins %d -> %d, expected +%d", what, logins, now, added);
        logins = now;
        return ok;
    };

    const QString device = QStringLiteral("counter");
    const TestSession guest = guestLogin(*m_http, device);
    QCOMPARE(guest.step, 1);
    QVERIFY(expectLogins(1, "wx-login"));

    const HttpReply badCode = m_http->post(QStringLiteral("/api/auth/wx-login"),
                                           json({{"code", QStringLiteral("no-such-code")}}));
    QCOMPARE(badCode.code, QStringLiteral("BAD_CREDENTIALS"));
    QVERIFY(expectLogins(0, "refused wx-login"));

    const QString phone = QStringLiteral("13800001501");
    const TestSession member = smsLogin(*m_http, phone);
    QCOMPARE(member.step, 2);
    QVERIFY(expectLogins(1, "sms login"));

    QVERIFY(advanceClock(61));
    QCOMPARE(sendSms(phone).code, QStringLiteral("OK"));
    QCOMPARE(loginWithCode(phone, wrongCode(lastSmsCode(*m_http, phone))).code,
             QStringLiteral("BAD_CREDENTIALS"));
    QVERIFY(expectLogins(0, "wrong sms code"));

    QCOMPARE(m_http
                 ->put(QStringLiteral("/api/user/password"),
                       json({{"password", QStringLiteral("counted once")}}), member.accessToken)
                 .code,
             QStringLiteral("OK"));
    QVERIFY(expectLogins(0, "set password"));
    QCOMPARE(loginWithPassword(phone, QStringLiteral("counted once")).code, QStringLiteral("OK"));
    QVERIFY(expectLogins(1, "password login"));

    const HttpReply refreshed =
        m_http->post(QStringLiteral("/api/auth/refresh"),
                     json({{"refreshToken", QString::fromLatin1(member.refreshToken)}}));
    QCOMPARE(refreshed.code, QStringLiteral("OK"));
    QVERIFY(expectLogins(0, "refresh"));

    const HttpReply bound =
        bindPayload(phonePayload(device, QStringLiteral("13800001502")), guest.accessToken);
    QCOMPARE(bound.code, QStringLiteral("OK"));
    QVERIFY(expectLogins(1, "bind-phone"));

    const TestSession other = guestLogin(*m_http, QStringLiteral("counter-2"));
    QVERIFY(expectLogins(1, "second wx-login"));
    QCOMPARE(smsLogin(*m_http, QStringLiteral("13800001503"), other).step, 2);
    QVERIFY(expectLogins(1, "phone-login linking a guest"));
}

QTEST_GUILESS_MAIN(TstPhoneLogin)
#include "tst_phonelogin.moc"
