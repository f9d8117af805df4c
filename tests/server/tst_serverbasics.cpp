// What every endpoint shares: the envelope on bad input, limits, /dev gating,
// the Date header, clean shutdown, persistence and the secret's permissions.

#include "authflows.h"
#include "httpclient.h"
#include "protocol/httpdate.h"
#include "serverprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

class TstServerBasics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void unknownRouteIsEnvelope404();
    void wrongMethodIs405WithAllow();
    void malformedBodiesAre400();
    void wrongTypesNameTheField_data();
    void wrongTypesNameTheField();
    void oversizedBodyIs413();
    void englishOnRequest();
    void everyAnswerHasDateAndNoStore();
    void devEndpointsAbsentWithoutDevFlag();
    void faultRuleKeepsToItsMethod();
    void unknownFlagsAndHelp();
    void secretIsOwnerOnly();
    void dataSurvivesRestart();
    void sigtermStopsCleanly();
    void logsCarryNoSecrets();

private:
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TstServerBasics::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstServerBasics::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

void TstServerBasics::faultRuleKeepsToItsMethod()
{
    // A page reads a path and posts to it: QA must be able to fail the post
    // alone, whatever reads happen around it.
    const QString path = QStringLiteral("/api/auth/sms/send");
    const QByteArray body = R"({"phone":"13800000042"})";
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/faults"),
                        QJsonObject{{QLatin1String("path"), path},
                                    {QLatin1String("method"), QLatin1String("POST")},
                                    {QLatin1String("status"), 503},
                                    {QLatin1String("count"), 1}})
                 .code,
             QStringLiteral("OK"));
    QCOMPARE(m_http->get(path).status, 405); // a GET passes the rule by
    const HttpReply faulted = m_http->send("POST", path, body);
    QCOMPARE(faulted.status, 503);
    QCOMPARE(faulted.code, QStringLiteral("SERVER_BUSY"));
    QCOMPARE(m_http->send("POST", path, body).code, QStringLiteral("OK")); // used up

    const HttpReply refused = m_http->post(
        QStringLiteral("/dev/faults"), QJsonObject{{QLatin1String("path"), path},
                                                   {QLatin1String("method"), QLatin1String("post")},
                                                   {QLatin1String("status"), 503},
                                                   {QLatin1String("count"), 1}});
    QCOMPARE(refused.code, QStringLiteral("BAD_REQUEST"));
    QVERIFY2(refused.message.contains(QLatin1String("method")), qPrintable(refused.message));
}

void TstServerBasics::unknownRouteIsEnvelope404()
{
    const HttpReply reply = m_http->get(QStringLiteral("/api/nothing/here"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.code, QStringLiteral("NOT_FOUND"));
    QVERIFY(!reply.message.isEmpty());
}

void TstServerBasics::wrongMethodIs405WithAllow()
{
    const HttpReply reply = m_http->send("DELETE", QStringLiteral("/api/auth/refresh"), {});
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.code, QStringLiteral("METHOD_NOT_ALLOWED"));
    QCOMPARE(reply.header("Allow"), QByteArray("POST"));
}

void TstServerBasics::malformedBodiesAre400()
{
    for (const QByteArray &body : {QByteArray("{"), QByteArray("[1,2]"), QByteArray("\"x\""),
                                   QByteArray("{\"code\":}"), QByteArray("\xff\xfe{}")}) {
        const HttpReply reply = m_http->send("POST", QStringLiteral("/api/auth/wx-login"), body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, QStringLiteral("BAD_REQUEST"));
    }
}

void TstServerBasics::wrongTypesNameTheField_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("code missing") << "/api/auth/wx-login" << QByteArray("{}") << "code";
    QTest::newRow("code a number") << "/api/auth/wx-login" << QByteArray("{\"code\":5}") << "code";
    QTest::newRow("refreshToken null")
        << "/api/auth/refresh" << QByteArray("{\"refreshToken\":null}") << "refreshToken";
    QTest::newRow("phone an array")
        << "/api/auth/sms/send" << QByteArray("{\"phone\":[1]}") << "phone";
    QTest::newRow("deviceId an object")
        << "/wx/login" << QByteArray("{\"deviceId\":{}}") << "deviceId";
}

void TstServerBasics::wrongTypesNameTheField()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const HttpReply reply = m_http->send("POST", path, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, QStringLiteral("BAD_REQUEST"));
    QVERIFY2(reply.message.contains(field), qPrintable(reply.message));
}

void TstServerBasics::oversizedBodyIs413()
{
    QByteArray big = "{\"code\":\"" + QByteArray(1024 * 1024, 'a') + "\"}";
    const HttpReply reply = m_http->send("POST", QStringLiteral("/api/auth/wx-login"), big);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.code, QStringLiteral("PAYLOAD_TOO_LARGE"));
    // The server is still fine afterwards.
    QCOMPARE(m_http->get(QStringLiteral("/dev/stats")).status, 200);
}

void TstServerBasics::englishOnRequest()
{
    // Qt sends the system locale unless told otherwise, so both are explicit.
    const HttpReply chinese =
        m_http->send("GET", QStringLiteral("/nowhere"), {}, {{"Accept-Language", "zh-CN"}});
    const HttpReply english = m_http->send("GET", QStringLiteral("/nowhere"), {},
                                           {{"Accept-Language", "en-US,en;q=0.9"}});
    QCOMPARE(english.code, chinese.code);
    QVERIFY(english.message != chinese.message);
    QCOMPARE(english.message, QStringLiteral("No such endpoint"));
}

void TstServerBasics::everyAnswerHasDateAndNoStore()
{
    const TestSession guest = guestLogin(*m_http, QStringLiteral("basics-date"));
    QVERIFY(guest.uid > 0);
    const HttpReply reply = m_http->get(QStringLiteral("/api/user/me"), guest.accessToken);
    QCOMPARE(reply.status, 200);
    const QDateTime date = mall::protocol::parseHttpDate(reply.header("Date"));
    QVERIFY2(date.isValid(), reply.header("Date").constData());
    QVERIFY(qAbs(date.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
}

void TstServerBasics::devEndpointsAbsentWithoutDevFlag()
{
    ServerProcess production(QStringList{});
    QVERIFY2(production.start(), qPrintable(production.errorString()));
    HttpClient http(production.url());
    for (const char *path : {"/dev/stats", "/dev/config", "/dev/sms?phone=13800000000"}) {
        const HttpReply reply = http.get(QString::fromLatin1(path));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code, QStringLiteral("NOT_FOUND"));
    }
    const HttpReply expire =
        http.post(QStringLiteral("/dev/expire"),
                  QJsonObject{{QLatin1String("what"), QLatin1String("access")}});
    QCOMPARE(expire.status, 404);
    // ...and the QA knobs of the simulator are ignored: the watermark is real.
    QCOMPARE(production.stop(), 0);
}

void TstServerBasics::unknownFlagsAndHelp()
{
    QProcess help;
    help.start(QStringLiteral(MALL_SERVER_BINARY), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    const QByteArray text = help.readAllStandardOutput();
    for (const char *flag : {"--port", "--bind", "--data", "--dev", "--auth-fail-style",
                             "--access-ttl", "--refresh-ttl"}) {
        QVERIFY2(text.contains(flag), flag);
    }
    QProcess bad;
    bad.start(QStringLiteral(MALL_SERVER_BINARY),
              {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--auth-fail-style"),
               QStringLiteral("418")});
    QVERIFY(bad.waitForFinished(10000));
    QVERIFY(bad.exitCode() != 0);
    QVERIFY(bad.readAllStandardError().contains("auth-fail-style"));
}

void TstServerBasics::secretIsOwnerOnly()
{
    QFile secret(m_server.dataDir() + QStringLiteral("/jwt-secret"));
    QVERIFY(secret.exists());
    QCOMPARE(secret.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                     QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
}

void TstServerBasics::dataSurvivesRestart()
{
    const TestSession member = smsLogin(*m_http, QStringLiteral("13900000001"),
                                        guestLogin(*m_http, QStringLiteral("basics-restart")));
    QCOMPARE(member.step, 2);
    QVERIFY(m_server.restart());
    m_http = std::make_unique<HttpClient>(m_server.url());

    // The same secret signs, so the access token still works...
    const HttpReply me = m_http->get(QStringLiteral("/api/user/me"), member.accessToken);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.object().value(QLatin1String("uid")).toInteger(), member.uid);
    // ...and the refresh token is still known.
    const HttpReply refreshed = m_http->post(
        QStringLiteral("/api/auth/refresh"),
        QJsonObject{{QLatin1String("refreshToken"), QString::fromLatin1(member.refreshToken)}});
    QCOMPARE(refreshed.code, QStringLiteral("OK"));
    // A silent login on the same device finds the member, not a new guest.
    const TestSession again = guestLogin(*m_http, QStringLiteral("basics-restart"));
    QCOMPARE(again.uid, member.uid);
    QCOMPARE(again.step, 2);
}

void TstServerBasics::sigtermStopsCleanly()
{
    ServerProcess server;
    QVERIFY(server.start());
    QCOMPARE(server.stop(), 0);
    QVERIFY2(server.standardError().contains("stopped"), server.standardError().constData());
}

void TstServerBasics::logsCarryNoSecrets()
{
    ServerProcess server;
    // Every category at every level, Qt's own included.
    server.setEnvironmentVariable(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*=true"));
    QVERIFY(server.start());
    HttpClient http(server.url());

    const TestSession guest = guestLogin(http, QStringLiteral("logs-device"));
    const QString phone = QStringLiteral("13700000042");
    http.post(QStringLiteral("/api/auth/sms/send"), QJsonObject{{QLatin1String("phone"), phone}});
    const QString smsCode = lastSmsCode(http, phone);
    const TestSession member = sessionFrom(
        http.post(QStringLiteral("/api/auth/phone-login"),
                  QJsonObject{{QLatin1String("phone"), phone}, {QLatin1String("smsCode"), smsCode}},
                  guest.accessToken));
    QCOMPARE(member.step, 2);
    const QString password = QStringLiteral("correct horse battery");
    QCOMPARE(http.put(QStringLiteral("/api/user/password"),
                      QJsonObject{{QLatin1String("password"), password}}, member.accessToken)
                 .code,
             QStringLiteral("OK"));
    const HttpReply byPassword = http.post(
        QStringLiteral("/api/auth/phone-login"),
        QJsonObject{{QLatin1String("phone"), phone}, {QLatin1String("password"), password}});
    const TestSession refreshed = sessionFrom(http.post(
        QStringLiteral("/api/auth/refresh"),
        QJsonObject{{QLatin1String("refreshToken"), QString::fromLatin1(member.refreshToken)}}));
    // A failure path too: errors are where secrets tend to leak.
    http.post(QStringLiteral("/api/auth/refresh"),
              QJsonObject{{QLatin1String("refreshToken"),
                           QString::fromLatin1(member.refreshToken) + QLatin1String("x")}});
    QCOMPARE(server.stop(), 0);

    const QByteArray log = server.standardError();
    QVERIFY2(log.contains("/api/auth/phone-login"), "the request lines were not logged at all");
    const QList<QByteArray> secrets = {guest.accessToken,
                                       guest.refreshToken,
                                       member.accessToken,
                                       member.refreshToken,
                                       refreshed.accessToken,
                                       refreshed.refreshToken,
                                       sessionFrom(byPassword).refreshToken,
                                       smsCode.toLatin1(),
                                       password.toUtf8()};
    for (const QByteArray &secret : secrets) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!log.contains(secret), secret.constData());
    }
}

QTEST_GUILESS_MAIN(TstServerBasics)
#include "tst_serverbasics.moc"
