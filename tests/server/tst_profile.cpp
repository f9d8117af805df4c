// Profile authorization over real HTTP: the platform-signed rawData, what a
// stale session key or a tampered payload gets, the avatar the server copies
// into its own storage and serves with cache validators, and its persistence.

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QBuffer>
#include <QImage>
#include <QJsonDocument>
#include <QTest>

#include <optional>

namespace {

const QByteArray kPngMagic("\x89PNG\r\n\x1a\n", 8);

// The claims of a JWT, read without verifying (as a client may).
QJsonObject jwtPayload(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding |
                                                       QByteArray::OmitTrailingEquals))
        .object();
}

// A small picture of the user's own, as a client would upload it.
QByteArray smallPng()
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(QColor(20, 120, 200));
    for (int i = 0; i < 8; ++i)
        image.setPixelColor(i, i, QColor(250, 200, 10));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QString dataUrl(const QByteArray &type, const QByteArray &bytes)
{
    return QStringLiteral("data:") + QString::fromLatin1(type) + QStringLiteral(";base64,") +
           QString::fromLatin1(bytes.toBase64());
}

} // namespace

class TstProfile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void memberAuthorizesProfile();
    void avatarRevalidation_data();
    void avatarRevalidation();
    void needsMemberAndToken();
    void wrongSignatureIsSessionKeyExpired();
    void rawDataAlteredAfterSigning();
    void rotatedSessionKeyNeedsSilentLogin();
    void dataUrlAvatarServedByteIdentical();
    void badAvatarsChangeNothing_data();
    void badAvatarsChangeNothing();
    void invalidProfileFields_data();
    void invalidProfileFields();
    void avatarSurvivesRestart();

private:
    // A fresh member (step 2) on its own device and phone.
    TestSession newMember();
    HttpReply platformProfile(const QString &deviceId, const QString &nickname, int gender,
                              const std::optional<QString> &avatarUrl = std::nullopt);
    HttpReply submitProfile(const QByteArray &token, const QString &rawData,
                            const QString &signature);
    // getUserProfile on the member's device, then /api/user/profile.
    HttpReply authorize(const TestSession &member, const QString &nickname, int gender,
                        const std::optional<QString> &avatarUrl = std::nullopt);
    QJsonObject me(const QByteArray &token);
    // GET on an absolute URL the server handed out, by path on the live server.
    HttpReply fetch(const QString &absoluteUrl,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {});

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    int m_members = 0;
};

void TstProfile::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstProfile::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

TestSession TstProfile::newMember()
{
    ++m_members;
    const QString deviceId = QStringLiteral("profile-device-%1").arg(m_members);
    const QString phone = QStringLiteral("1370000%1").arg(m_members, 4, 10, QLatin1Char('0'));
    const TestSession member = memberViaPhoneButton(*m_http, deviceId, phone);
    if (member.step != 2)
        qWarning("member for %s is at step %d", qPrintable(deviceId), member.step);
    return member;
}

HttpReply TstProfile::platformProfile(const QString &deviceId, const QString &nickname, int gender,
                                      const std::optional<QString> &avatarUrl)
{
    QJsonObject body{{QLatin1String("deviceId"), deviceId},
                     {QLatin1String("nickname"), nickname},
                     {QLatin1String("gender"), gender}};
    if (avatarUrl)
        body.insert(QLatin1String("avatarUrl"), *avatarUrl);
    return m_http->post(QStringLiteral("/wx/getUserProfile"), body);
}

HttpReply TstProfile::submitProfile(const QByteArray &token, const QString &rawData,
                                    const QString &signature)
{
    return m_http->post(
        QStringLiteral("/api/user/profile"),
        QJsonObject{{QLatin1String("rawData"), rawData}, {QLatin1String("signature"), signature}},
        token);
}

HttpReply TstProfile::authorize(const TestSession &member, const QString &nickname, int gender,
                                const std::optional<QString> &avatarUrl)
{
    const HttpReply signedProfile = platformProfile(member.deviceId, nickname, gender, avatarUrl);
    if (signedProfile.code != QLatin1String("OK"))
        return signedProfile;
    return submitProfile(member.accessToken,
                         signedProfile.object().value(QLatin1String("rawData")).toString(),
                         signedProfile.object().value(QLatin1String("signature")).toString());
}

QJsonObject TstProfile::me(const QByteArray &token)
{
    return m_http->get(QStringLiteral("/api/user/me"), token).object();
}

HttpReply TstProfile::fetch(const QString &absoluteUrl,
                            const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return m_http->send("GET", QUrl(absoluteUrl).path(), {}, headers);
}

void TstProfile::memberAuthorizesProfile()
{
    const TestSession member = newMember();
    QCOMPARE(member.step, 2);

    // No avatarUrl: the platform hands out its own picture.
    const HttpReply signedProfile =
        platformProfile(member.deviceId, QStringLiteral("小明 Ming"), 1);
    QCOMPARE(signedProfile.code, QStringLiteral("OK"));
    const QString rawData = signedProfile.object().value(QLatin1String("rawData")).toString();
    const QString platformAvatar = QJsonDocument::fromJson(rawData.toUtf8())
                                       .object()
                                       .value(QLatin1String("avatarUrl"))
                                       .toString();
    QVERIFY2(QUrl(platformAvatar).path().startsWith(QLatin1String("/wx/avatar/")),
             qPrintable(platformAvatar));

    const HttpReply reply =
        submitProfile(member.accessToken, rawData,
                      signedProfile.object().value(QLatin1String("signature")).toString());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code, QStringLiteral("OK"));
    const QJsonObject user = reply.object();
    QCOMPARE(user.value(QLatin1String("uid")).toInteger(), member.uid);
    QCOMPARE(user.value(QLatin1String("step")).toInt(), 3);
    QCOMPARE(user.value(QLatin1String("nickname")).toString(), QStringLiteral("小明 Ming"));
    QCOMPARE(user.value(QLatin1String("gender")).toInt(), 1);
    QVERIFY(user.value(QLatin1String("phone")).isString());

    // The server's own copy, as an absolute URL on this server.
    const QString avatarUrl = user.value(QLatin1String("avatarUrl")).toString();
    const QUrl avatar(avatarUrl);
    QVERIFY2(avatar.isValid() && !avatar.isRelative(), qPrintable(avatarUrl));
    QCOMPARE(avatar.scheme(), QStringLiteral("http"));
    QCOMPARE(avatar.host(), m_server.url().host());
    QCOMPARE(avatar.port(), m_server.url().port());
    QVERIFY2(avatar.path().startsWith(QLatin1String("/media/avatars/")), qPrintable(avatarUrl));
    QVERIFY(!avatarUrl.contains(QLatin1String("/wx/avatar")));

    const HttpReply picture = fetch(avatarUrl);
    QCOMPARE(picture.status, 200);
    QCOMPARE(picture.header("Content-Type"), QByteArray("image/png"));
    QVERIFY(picture.body.startsWith(kPngMagic));
    // A copy of the platform's picture, not a different one.
    const HttpReply original = fetch(platformAvatar);
    QCOMPARE(original.status, 200);
    QCOMPARE(picture.body, original.body);
    const QByteArray etag = picture.header("ETag");
    QVERIFY(!etag.isEmpty());
    const QByteArray cacheControl = picture.header("Cache-Control");
    QVERIFY2(cacheControl.contains("max-age"), cacheControl.constData());
    QVERIFY2(!cacheControl.contains("no-store"), cacheControl.constData());

    const HttpReply again = fetch(avatarUrl, {{"If-None-Match", etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);

    const QJsonObject meNow = me(member.accessToken);
    QCOMPARE(meNow.value(QLatin1String("step")).toInt(), 3);
    QCOMPARE(meNow.value(QLatin1String("nickname")).toString(), QStringLiteral("小明 Ming"));
    QCOMPARE(meNow.value(QLatin1String("avatarUrl")).toString(), avatarUrl);

    // Tokens issued from now on carry the new step.
    QCOMPARE(jwtPayload(member.accessToken).value(QLatin1String("step")).toInt(), 2);
    const HttpReply refreshed = m_http->post(
        QStringLiteral("/api/auth/refresh"),
        QJsonObject{{QLatin1String("refreshToken"), QString::fromLatin1(member.refreshToken)}});
    QCOMPARE(refreshed.code, QStringLiteral("OK"));
    const TestSession renewed = sessionFrom(refreshed);
    QCOMPARE(renewed.step, 3);
    const QJsonObject claims = jwtPayload(renewed.accessToken);
    QCOMPARE(claims.value(QLatin1String("step")).toInt(), 3);
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QString::number(member.uid));
}

void TstProfile::avatarRevalidation_data()
{
    // If-None-Match as RFC 9110 section 13.1.2 allows a client or cache to send it.
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<int>("status");
    QTest::newRow("the etag") << QByteArray("%1") << 304;
    QTest::newRow("another etag") << QByteArray("\"0000\"") << 200;
    QTest::newRow("a list with the etag") << QByteArray("\"0000\", %1") << 304;
}

void TstProfile::avatarRevalidation()
{
    QFETCH(QByteArray, format);
    QFETCH(int, status);
    const TestSession member = newMember();
    const HttpReply profile = authorize(member, QStringLiteral("Etag"), 2);
    QCOMPARE(profile.code, QStringLiteral("OK"));
    const QString avatarUrl = profile.object().value(QLatin1String("avatarUrl")).toString();
    const HttpReply first = fetch(avatarUrl);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY(!etag.isEmpty());

    QByteArray condition = format;
    condition.replace("%1", etag);
    const HttpReply second = fetch(avatarUrl, {{"If-None-Match", condition}});
    QCOMPARE(second.status, status);
    QCOMPARE(second.header("ETag"), etag);
    // A 304 must repeat the caching policy of the 200 (RFC 9110 section 15.4.5),
    // or a cache that revalidates is told to stop storing the picture.
    QCOMPARE(second.header("Cache-Control"), first.header("Cache-Control"));
    if (status == 200)
        QCOMPARE(second.body, first.body);
    else
        QVERIFY(second.body.isEmpty());
}

void TstProfile::needsMemberAndToken()
{
    const TestSession guest = guestLogin(*m_http, QStringLiteral("profile-guest"));
    QCOMPARE(guest.step, 1);
    const HttpReply signedProfile = platformProfile(guest.deviceId, QStringLiteral("Guest"), 0);
    QCOMPARE(signedProfile.code, QStringLiteral("OK"));
    const QString rawData = signedProfile.object().value(QLatin1String("rawData")).toString();
    const QString signature = signedProfile.object().value(QLatin1String("signature")).toString();

    const HttpReply asGuest = submitProfile(guest.accessToken, rawData, signature);
    QCOMPARE(asGuest.status, 403);
    QCOMPARE(asGuest.code, QStringLiteral("NEED_MEMBER"));
    QCOMPARE(me(guest.accessToken).value(QLatin1String("step")).toInt(), 1);
    QVERIFY(me(guest.accessToken).value(QLatin1String("nickname")).isNull());

    const HttpReply anonymous = submitProfile({}, rawData, signature);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.code, QStringLiteral("AUTH_FAIL"));
}

void TstProfile::wrongSignatureIsSessionKeyExpired()
{
    const TestSession member = newMember();
    const HttpReply signedProfile = platformProfile(member.deviceId, QStringLiteral("Signer"), 2);
    QCOMPARE(signedProfile.code, QStringLiteral("OK"));
    const QString rawData = signedProfile.object().value(QLatin1String("rawData")).toString();
    QString signature = signedProfile.object().value(QLatin1String("signature")).toString();
    QCOMPARE(signature.size(), 40);

    // One hex digit off.
    QString wrong = signature;
    wrong[7] = wrong.at(7) == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    const HttpReply reply = submitProfile(member.accessToken, rawData, wrong);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.code, QStringLiteral("SESSION_KEY_EXPIRED"));
    const QJsonObject user = me(member.accessToken);
    QCOMPARE(user.value(QLatin1String("step")).toInt(), 2);
    QVERIFY(user.value(QLatin1String("nickname")).isNull());
    QVERIFY(user.value(QLatin1String("avatarUrl")).isNull());

    // The untouched pair still works: the refusal was about the signature.
    QCOMPARE(submitProfile(member.accessToken, rawData, signature).code, QStringLiteral("OK"));
}

void TstProfile::rawDataAlteredAfterSigning()
{
    const TestSession member = newMember();
    const HttpReply signedProfile = platformProfile(member.deviceId, QStringLiteral("Honest"), 1);
    QCOMPARE(signedProfile.code, QStringLiteral("OK"));
    QString rawData = signedProfile.object().value(QLatin1String("rawData")).toString();
    const QString signature = signedProfile.object().value(QLatin1String("signature")).toString();
    QVERIFY(rawData.contains(QLatin1String("\"Honest\"")));
    rawData.replace(QLatin1String("\"Honest\""), QLatin1String("\"Forged\""));

    const HttpReply reply = submitProfile(member.accessToken, rawData, signature);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.code, QStringLiteral("SESSION_KEY_EXPIRED"));
    const QJsonObject user = me(member.accessToken);
    QCOMPARE(user.value(QLatin1String("step")).toInt(), 2);
    QVERIFY(user.value(QLatin1String("nickname")).isNull());
}

void TstProfile::rotatedSessionKeyNeedsSilentLogin()
{
    const TestSession member = newMember();
    const HttpReply rotated =
        m_http->post(QStringLiteral("/dev/expire"),
                     QJsonObject{{QLatin1String("what"), QLatin1String("sessionKey")},
                                 {QLatin1String("uid"), member.uid}});
    QCOMPARE(rotated.code, QStringLiteral("OK"));

    // The platform now signs with a key the backend has not seen yet.
    const HttpReply stale = authorize(member, QStringLiteral("Rotated"), 1);
    QCOMPARE(stale.status, 409);
    QCOMPARE(stale.code, QStringLiteral("SESSION_KEY_EXPIRED"));
    QCOMPARE(me(member.accessToken).value(QLatin1String("step")).toInt(), 2);

    // What the client does next: a silent login, then ask again.
    const TestSession again = guestLogin(*m_http, member.deviceId);
    QCOMPARE(again.uid, member.uid);
    QCOMPARE(again.step, 2);
    const HttpReply fresh = authorize(again, QStringLiteral("Rotated"), 1);
    QCOMPARE(fresh.status, 200);
    QCOMPARE(fresh.code, QStringLiteral("OK"));
    QCOMPARE(fresh.object().value(QLatin1String("step")).toInt(), 3);
    QCOMPARE(fresh.object().value(QLatin1String("nickname")).toString(), QStringLiteral("Rotated"));
}

void TstProfile::dataUrlAvatarServedByteIdentical()
{
    const QByteArray png = smallPng();
    QVERIFY(png.startsWith(kPngMagic));
    const TestSession member = newMember();
    const HttpReply reply =
        authorize(member, QStringLiteral("Painter"), 0, dataUrl("image/png", png));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code, QStringLiteral("OK"));
    QCOMPARE(reply.object().value(QLatin1String("step")).toInt(), 3);
    QCOMPARE(reply.object().value(QLatin1String("gender")).toInt(), 0);
    const QString avatarUrl = reply.object().value(QLatin1String("avatarUrl")).toString();
    QVERIFY2(QUrl(avatarUrl).path().startsWith(QLatin1String("/media/avatars/")),
             qPrintable(avatarUrl));

    const HttpReply picture = fetch(avatarUrl);
    QCOMPARE(picture.status, 200);
    QCOMPARE(picture.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(picture.body, png);
}

void TstProfile::badAvatarsChangeNothing_data()
{
    QTest::addColumn<QString>("avatarUrl");
    QTest::newRow("data URL, not an image")
        << dataUrl("image/png", QByteArrayLiteral("this is not a picture at all"));
    QTest::newRow("data URL, text type") << dataUrl("text/plain", smallPng());
    QTest::newRow("data URL, not base64") << QStringLiteral("data:image/png,plain-bytes");
    QTest::newRow("foreign host") << QStringLiteral("http://example.com/a.png");
    QTest::newRow("foreign host, platform path")
        << QStringLiteral("http://example.com/wx/avatar/x.png");
    QTest::newRow("not a URL") << QStringLiteral("::::");
}

void TstProfile::badAvatarsChangeNothing()
{
    QFETCH(QString, avatarUrl);
    const TestSession member = newMember();
    const HttpReply first = authorize(member, QStringLiteral("Before"), 1);
    QCOMPARE(first.code, QStringLiteral("OK"));
    const QJsonObject before = me(member.accessToken);

    const HttpReply reply = authorize(member, QStringLiteral("After"), 2, avatarUrl);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, QStringLiteral("BAD_REQUEST"));
    QVERIFY(!reply.message.isEmpty());
    QCOMPARE(me(member.accessToken), before);
}

void TstProfile::invalidProfileFields_data()
{
    QTest::addColumn<QString>("nickname");
    QTest::addColumn<int>("gender");
    QTest::newRow("empty nickname") << QString() << 1;
    QTest::newRow("blank nickname") << QStringLiteral("   ") << 1;
    QTest::newRow("nickname too long") << QString(33, QLatin1Char('n')) << 1;
    QTest::newRow("gender 7") << QStringLiteral("Seven") << 7;
    QTest::newRow("gender -1") << QStringLiteral("Minus") << -1;
}

void TstProfile::invalidProfileFields()
{
    // A rawData the platform signed but that is not a valid profile. The
    // platform may refuse to sign it; if it signs, the backend must refuse it.
    QFETCH(QString, nickname);
    QFETCH(int, gender);
    const TestSession member = newMember();
    const QJsonObject before = me(member.accessToken);

    const HttpReply signedProfile = platformProfile(member.deviceId, nickname, gender);
    HttpReply refusal = signedProfile;
    if (signedProfile.code == QLatin1String("OK")) {
        refusal = submitProfile(
            member.accessToken, signedProfile.object().value(QLatin1String("rawData")).toString(),
            signedProfile.object().value(QLatin1String("signature")).toString());
    }
    QCOMPARE(refusal.status, 400);
    QCOMPARE(refusal.code, QStringLiteral("BAD_REQUEST"));
    QVERIFY(!refusal.message.isEmpty());
    QCOMPARE(me(member.accessToken), before);
}

void TstProfile::avatarSurvivesRestart()
{
    const QByteArray png = smallPng();
    const TestSession member = newMember();
    const HttpReply reply =
        authorize(member, QStringLiteral("Durable"), 2, dataUrl("image/png", png));
    QCOMPARE(reply.code, QStringLiteral("OK"));
    const QString before = reply.object().value(QLatin1String("avatarUrl")).toString();
    QCOMPARE(fetch(before).body, png);

    QVERIFY(m_server.restart());
    m_http = std::make_unique<HttpClient>(m_server.url());

    // The port changed, so the URL did; the path did not.
    const QString after = me(member.accessToken).value(QLatin1String("avatarUrl")).toString();
    QCOMPARE(QUrl(after).path(), QUrl(before).path());
    QCOMPARE(QUrl(after).port(), m_server.url().port());
    const HttpReply picture = fetch(after);
    QCOMPARE(picture.status, 200);
    QCOMPARE(picture.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(picture.body, png);
}

QTEST_GUILESS_MAIN(TstProfile)
#include "tst_profile.moc"
