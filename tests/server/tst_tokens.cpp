// Access and refresh tokens over real HTTP: rotation, reuse detection and
// the grace window, family revocation, expiry, the auth-fail styles, and
// what the server keeps on disk.

#include "authflows.h"
#include "httpclient.h"
#include "protocol/jwtpayload.h"
#include "serverprocess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace {

QJsonObject refreshBody(const QByteArray &token)
{
    return QJsonObject{{QLatin1String("refreshToken"), QString::fromLatin1(token)}};
}

mall::protocol::AccessClaims claimsOf(const QByteArray &token)
{
    const auto payload = mall::protocol::readJwtPayload(token);
    if (!payload)
        return {};
    return mall::protocol::accessClaimsFrom(*payload).value_or(mall::protocol::AccessClaims{});
}

// exp counts from the whole second after issue, so exp - iat is the
// lifetime, or one more when the token was not issued on a whole second.
bool isLifetime(const mall::protocol::AccessClaims &claims, qint64 ttl)
{
    const qint64 lifetime = claims.expiresAt - claims.issuedAt;
    if (lifetime == ttl || lifetime == ttl + 1)
        return true;
    qWarning("exp - iat is %lld, want %lld or %lld", lifetime, ttl, ttl + 1);
    return false;
}

} // namespace

class TstTokens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void guestCreatedOnFirstSightOfOpenid();
    void platformCodeIsSingleUseAndExpires();
    void refreshRotatesThePair();
    void reusedTokenRevokesTheFamily();
    void graceWindowAnswersTheSamePair();
    void concurrentRefreshesGetOnePair();
    void reuseAfterGraceWindowRevokes();
    void expiredRefreshTokenIsInvalid();
    void accessTokenExpires();
    void devExpireAccessHitsOnlyThatUser();
    void devExpireRefresh();
    void authFailStyles_data();
    void authFailStyles();
    void authFailStyleFromCommandLine();
    void forgedTokensFail_data();
    void forgedTokensFail();
    void logoutRevokesOnlyThatFamily();
    void tokensAreNeverStoredInTheClear();

private:
    HttpReply refresh(const QByteArray &token)
    {
        return m_http->post(QStringLiteral("/api/auth/refresh"), refreshBody(token));
    }
    HttpReply me(const QByteArray &token)
    {
        return m_http->get(QStringLiteral("/api/user/me"), token);
    }
    QJsonObject stats() { return m_http->get(QStringLiteral("/dev/stats")).object(); }
    void advanceClock(qint64 seconds)
    {
        QCOMPARE(m_http
                     ->post(QStringLiteral("/dev/clock"),
                            QJsonObject{{QLatin1String("advance"), seconds}})
                     .code,
                 QStringLiteral("OK"));
    }

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TstTokens::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstTokens::init()
{
    // Every test starts from no users, default settings and the real clock.
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).code, QStringLiteral("OK"));
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/config"),
                        QJsonObject{{QLatin1String("accessTtl"), 900},
                                    {QLatin1String("refreshTtl"), 30 * 24 * 3600},
                                    {QLatin1String("graceSeconds"), 10},
                                    {QLatin1String("authFailStyle"), QLatin1String("401")}})
                 .code,
             QStringLiteral("OK"));
}

void TstTokens::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

void TstTokens::guestCreatedOnFirstSightOfOpenid()
{
    const TestSession first = guestLogin(*m_http, QStringLiteral("device-a"));
    QVERIFY(first.uid > 0);
    QCOMPARE(first.step, 1);
    const auto claims = claimsOf(first.accessToken);
    QCOMPARE(claims.uid, first.uid);
    QCOMPARE(claims.step, 1);
    QVERIFY(!claims.sid.isEmpty());
    // exp counts from the next whole second: the token lives at least 900 s.
    QVERIFY(isLifetime(claims, 900));

    const TestSession again = guestLogin(*m_http, QStringLiteral("device-a"));
    QCOMPARE(again.uid, first.uid);
    QVERIFY(claimsOf(again.accessToken).sid != claims.sid); // each login is a new family
    const TestSession other = guestLogin(*m_http, QStringLiteral("device-b"));
    QVERIFY(other.uid != first.uid);
    QCOMPARE(stats().value(QLatin1String("logins")).toInt(), 3);
}

void TstTokens::platformCodeIsSingleUseAndExpires()
{
    const auto code = [this] {
        return m_http
            ->post(QStringLiteral("/wx/login"),
                   QJsonObject{{QLatin1String("deviceId"), QLatin1String("device-c")}})
            .object()
            .value(QLatin1String("code"))
            .toString();
    };
    const QString once = code();
    const QJsonObject body{{QLatin1String("code"), once}};
    QCOMPARE(m_http->post(QStringLiteral("/api/auth/wx-login"), body).code, QStringLiteral("OK"));
    const HttpReply replay = m_http->post(QStringLiteral("/api/auth/wx-login"), body);
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.code, QStringLiteral("BAD_CREDENTIALS"));

    const QString stale = code();
    advanceClock(301);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/wx-login"),
                        QJsonObject{{QLatin1String("code"), stale}})
                 .code,
             QStringLiteral("BAD_CREDENTIALS"));
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/wx-login"),
                        QJsonObject{{QLatin1String("code"), QLatin1String("made-up")}})
                 .code,
             QStringLiteral("BAD_CREDENTIALS"));
}

void TstTokens::refreshRotatesThePair()
{
    const TestSession guest = guestLogin(*m_http, QStringLiteral("device-r"));
    const HttpReply reply = refresh(guest.refreshToken);
    QCOMPARE(reply.code, QStringLiteral("OK"));
    const TestSession next = sessionFrom(reply);
    QCOMPARE(next.uid, guest.uid);
    QVERIFY(next.refreshToken != guest.refreshToken);
    QVERIFY(next.accessToken != guest.accessToken);
    QCOMPARE(claimsOf(next.accessToken).sid, claimsOf(guest.accessToken).sid);
    QCOMPARE(reply.object().value(QLatin1String("expiresIn")).toInt(), 900);
    QVERIFY(reply.object().value(QLatin1String("refreshExpiresIn")).toInt() > 29 * 24 * 3600);
    QCOMPARE(me(next.accessToken).status, 200);
    // The old access token lives out its lifetime: in-flight requests are fine.
    QCOMPARE(me(guest.accessToken).status, 200);
    QCOMPARE(stats().value(QLatin1String("refreshes")).toInt(), 1);
}

void TstTokens::reusedTokenRevokesTheFamily()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-reuse"));
    const TestSession b = sessionFrom(refresh(a.refreshToken));
    const TestSession c = sessionFrom(refresh(b.refreshToken)); // b's successor is used
    QVERIFY(!c.refreshToken.isEmpty());

    // `a` again, inside the grace window but after its successor was used:
    // someone else holds the family, so all of it goes.
    const HttpReply reused = refresh(a.refreshToken);
    QCOMPARE(reused.status, 401);
    QCOMPARE(reused.code, QStringLiteral("REFRESH_REUSED"));
    QCOMPARE(refresh(c.refreshToken).code, QStringLiteral("REFRESH_INVALID"));
    for (const QByteArray &access : {a.accessToken, b.accessToken, c.accessToken}) {
        const HttpReply denied = me(access);
        QCOMPARE(denied.status, 401);
        QCOMPARE(denied.code, QStringLiteral("AUTH_FAIL"));
    }
    QCOMPARE(stats().value(QLatin1String("reuseDetected")).toInt(), 1);
    // Another login of the same user is a separate family and unaffected.
    const TestSession fresh = guestLogin(*m_http, QStringLiteral("device-reuse"));
    QCOMPARE(fresh.uid, a.uid);
    QCOMPARE(me(fresh.accessToken).status, 200);
}

void TstTokens::graceWindowAnswersTheSamePair()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-grace"));
    const HttpReply first = refresh(a.refreshToken);
    // The response is "lost"; the client presents the old token again.
    const HttpReply second = refresh(a.refreshToken);
    QCOMPARE(second.code, QStringLiteral("OK"));
    QCOMPARE(sessionFrom(second).refreshToken, sessionFrom(first).refreshToken);
    QCOMPARE(sessionFrom(second).accessToken, sessionFrom(first).accessToken);
    QCOMPARE(stats().value(QLatin1String("graceAnswers")).toInt(), 1);
    QCOMPARE(stats().value(QLatin1String("reuseDetected")).toInt(), 0);
    // The family is healthy: the successor rotates normally.
    QCOMPARE(refresh(sessionFrom(first).refreshToken).code, QStringLiteral("OK"));
}

void TstTokens::concurrentRefreshesGetOnePair()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-race"));
    QNetworkAccessManager manager;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 4; ++i) {
        QNetworkRequest request(m_http->url(QStringLiteral("/api/auth/refresh")));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        replies.append(manager.post(request, QJsonDocument(refreshBody(a.refreshToken)).toJson()));
    }
    QSet<QByteArray> refreshTokens;
    for (QNetworkReply *reply : replies) {
        if (!reply->isFinished())
            QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject data = QJsonDocument::fromJson(reply->readAll())
                                     .object()
                                     .value(QLatin1String("data"))
                                     .toObject();
        refreshTokens.insert(data.value(QLatin1String("refreshToken")).toString().toLatin1());
        reply->deleteLater();
    }
    QCOMPARE(refreshTokens.size(), 1);
    QCOMPARE(stats().value(QLatin1String("reuseDetected")).toInt(), 0);
}

void TstTokens::reuseAfterGraceWindowRevokes()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-late"));
    const TestSession b = sessionFrom(refresh(a.refreshToken));
    advanceClock(11);
    QCOMPARE(refresh(a.refreshToken).code, QStringLiteral("REFRESH_REUSED"));
    QCOMPARE(refresh(b.refreshToken).code, QStringLiteral("REFRESH_INVALID"));

    // The window is a setting: with 0 s, the very next replay is reuse.
    QCOMPARE(
        m_http->post(QStringLiteral("/dev/config"), QJsonObject{{QLatin1String("graceSeconds"), 0}})
            .code,
        QStringLiteral("OK"));
    advanceClock(1);
    const TestSession c = guestLogin(*m_http, QStringLiteral("device-late"));
    QCOMPARE(refresh(c.refreshToken).code, QStringLiteral("OK"));
    advanceClock(1);
    QCOMPARE(refresh(c.refreshToken).code, QStringLiteral("REFRESH_REUSED"));
}

void TstTokens::expiredRefreshTokenIsInvalid()
{
    QCOMPARE(
        m_http->post(QStringLiteral("/dev/config"), QJsonObject{{QLatin1String("refreshTtl"), 60}})
            .code,
        QStringLiteral("OK"));
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-old"));
    advanceClock(61);
    const HttpReply reply = refresh(a.refreshToken);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.code, QStringLiteral("REFRESH_INVALID"));
    QCOMPARE(refresh("never-issued").code, QStringLiteral("REFRESH_INVALID"));
}

void TstTokens::accessTokenExpires()
{
    QCOMPARE(
        m_http->post(QStringLiteral("/dev/config"), QJsonObject{{QLatin1String("accessTtl"), 2}})
            .code,
        QStringLiteral("OK"));
    const qint64 askedAtMs = QDateTime::currentMSecsSinceEpoch();
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-short"));
    const auto claims = claimsOf(a.accessToken);
    QVERIFY(isLifetime(claims, 2));
    // Good for two whole seconds from when it was asked for (the server's
    // clock is the real one here), not two seconds minus part of one.
    QVERIFY2(claims.expiresAt * 1000 >= askedAtMs + 2000,
             qPrintable(QStringLiteral("exp %1 asked %2").arg(claims.expiresAt).arg(askedAtMs)));
    QCOMPARE(me(a.accessToken).status, 200);
    advanceClock(3);
    const HttpReply expired = me(a.accessToken);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.code, QStringLiteral("AUTH_FAIL"));
    const HttpReply renewed = refresh(a.refreshToken);
    // Whole seconds it is sure to live, rounded down: never more than it has.
    QCOMPARE(renewed.object().value(QLatin1String("expiresIn")).toInt(), 2);
    QCOMPARE(me(sessionFrom(renewed).accessToken).status, 200);
    QCOMPARE(stats().value(QLatin1String("authFailures")).toInt(), 1);
}

void TstTokens::devExpireAccessHitsOnlyThatUser()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-x1"));
    const TestSession b = guestLogin(*m_http, QStringLiteral("device-x2"));
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("access")},
                                    {QLatin1String("uid"), a.uid}})
                 .code,
             QStringLiteral("OK"));
    QCOMPARE(me(a.accessToken).status, 401);
    QCOMPARE(me(b.accessToken).status, 200);
    // A token refreshed right after, in the same second, is not born expired.
    QCOMPARE(me(sessionFrom(refresh(a.refreshToken)).accessToken).status, 200);

    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("access")}})
                 .code,
             QStringLiteral("OK"));
    QCOMPARE(me(b.accessToken).status, 401);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("everything")}})
                 .status,
             400);
}

void TstTokens::devExpireRefresh()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-y"));
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("refresh")}})
                 .code,
             QStringLiteral("OK"));
    QCOMPARE(refresh(a.refreshToken).code, QStringLiteral("REFRESH_INVALID"));
    QCOMPARE(me(a.accessToken).status, 200); // access tokens are untouched
}

void TstTokens::authFailStyles_data()
{
    QTest::addColumn<QString>("style");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("401") << "401" << 401 << "AUTH_FAIL";
    QTest::newRow("403") << "403" << 403 << "AUTH_FAIL";
    QTest::newRow("body") << "body" << 400 << "401";
}

void TstTokens::authFailStyles()
{
    QFETCH(QString, style);
    QFETCH(int, status);
    QFETCH(QString, code);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/config"),
                        QJsonObject{{QLatin1String("authFailStyle"), style}})
                 .code,
             QStringLiteral("OK"));
    for (const QByteArray &token : {QByteArray(), QByteArray("garbage")}) {
        const HttpReply reply = me(token);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.code, code);
    }
    // The style is about token failures only: a missing step keeps its own code.
    const TestSession guest = guestLogin(*m_http, QStringLiteral("device-style"));
    const HttpReply needMember = m_http->put(
        QStringLiteral("/api/user/password"),
        QJsonObject{{QLatin1String("password"), QLatin1String("long enough")}}, guest.accessToken);
    QCOMPARE(needMember.status, 403);
    QCOMPARE(needMember.code, QStringLiteral("NEED_MEMBER"));
}

void TstTokens::authFailStyleFromCommandLine()
{
    ServerProcess server({QStringLiteral("--dev"), QStringLiteral("--auth-fail-style"),
                          QStringLiteral("body"), QStringLiteral("--access-ttl"),
                          QStringLiteral("5")});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http(server.url());
    const HttpReply reply = http.get(QStringLiteral("/api/user/me"), "nope");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, QStringLiteral("401"));
    const TestSession guest = guestLogin(http, QStringLiteral("device-cli"));
    QVERIFY(isLifetime(claimsOf(guest.accessToken), 5));
    QCOMPARE(http.get(QStringLiteral("/dev/config")).object().value(QLatin1String("authFailStyle")),
             QJsonValue(QLatin1String("body")));
}

void TstTokens::forgedTokensFail_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("payload edited") << "payload";
    QTest::newRow("alg none") << "none";
    QTest::newRow("other server's secret") << "foreign";
    QTest::newRow("truncated signature") << "truncated";
}

void TstTokens::forgedTokensFail()
{
    QFETCH(QString, kind);
    const TestSession guest = guestLogin(*m_http, QStringLiteral("device-forge"));
    const QList<QByteArray> parts = guest.accessToken.split('.');
    QCOMPARE(parts.size(), 3);
    constexpr auto url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    QJsonObject payload = *mall::protocol::readJwtPayload(guest.accessToken);
    payload.insert(QLatin1String("step"), 3);
    const QByteArray edited = QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(url);

    QByteArray forged;
    if (kind == QLatin1String("payload")) {
        forged = parts[0] + '.' + edited + '.' + parts[2];
    } else if (kind == QLatin1String("none")) {
        forged =
            QByteArray("{\"alg\":\"none\",\"typ\":\"JWT\"}").toBase64(url) + '.' + edited + '.';
    } else if (kind == QLatin1String("foreign")) {
        ServerProcess other;
        QVERIFY(other.start());
        HttpClient otherHttp(other.url());
        forged = guestLogin(otherHttp, QStringLiteral("device-forge")).accessToken;
        QVERIFY(!forged.isEmpty());
    } else {
        forged = guest.accessToken.chopped(2);
    }
    const HttpReply reply = me(forged);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.code, QStringLiteral("AUTH_FAIL"));
    QCOMPARE(me(guest.accessToken).status, 200);
}

void TstTokens::logoutRevokesOnlyThatFamily()
{
    const TestSession phone = guestLogin(*m_http, QStringLiteral("device-l1"));
    const TestSession tablet = guestLogin(*m_http, QStringLiteral("device-l1"));
    // Logging out needs no valid access token: the refresh token names the family.
    const HttpReply out =
        m_http->post(QStringLiteral("/api/auth/logout"), refreshBody(phone.refreshToken));
    QCOMPARE(out.code, QStringLiteral("OK"));
    QCOMPARE(me(phone.accessToken).status, 401);
    QCOMPARE(refresh(phone.refreshToken).code, QStringLiteral("REFRESH_INVALID"));
    QCOMPARE(me(tablet.accessToken).status, 200);
    QCOMPARE(m_http->post(QStringLiteral("/api/auth/logout"), QJsonObject{}).status, 400);
}

void TstTokens::tokensAreNeverStoredInTheClear()
{
    const TestSession a = guestLogin(*m_http, QStringLiteral("device-disk"));
    const TestSession b = sessionFrom(refresh(a.refreshToken));
    QVERIFY(!b.refreshToken.isEmpty());
    // A checkpoint would not change the verdict: WAL and main file are both read.
    QDirIterator files(m_server.dataDir(), QDir::Files, QDirIterator::Subdirectories);
    int scanned = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret :
             {a.refreshToken, b.refreshToken, a.accessToken, b.accessToken})
            QVERIFY2(!bytes.contains(secret), qPrintable(file.fileName()));
        ++scanned;
    }
    QVERIFY(scanned >= 2); // the database and the signing secret at least
}

QTEST_GUILESS_MAIN(TstTokens)
#include "tst_tokens.moc"
