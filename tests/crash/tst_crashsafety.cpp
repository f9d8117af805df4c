// Crash safety: mallctl is killed (SIGKILL) after the server has rotated its
// refresh token and before the new pair reached the keychain. The next start
// must get the member back without an SMS login: through the grace window
// (the old refresh token is answered with the pair it was rotated to) or,
// once that has passed, through reuse detection and a silent login.
//
// The real mallctl binary against a real mall-server, with its tokens in a
// real (throwaway) Secret Service keyring: run through scripts/with-keyring.sh
// (./test.sh does). The window is made with a fault that processes the
// refresh at once and holds its answer for 5 s (POST /dev/faults
// "holdAnswerMs"); the kill comes once /dev/stats shows the refresh was
// processed.

#include "httpclient.h"
#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include "keychainjob.h"

#include <optional>

namespace {

const QString kRefreshPath = QStringLiteral("/api/auth/refresh");
constexpr int kHoldAnswerMs = 5000;

struct MallctlRun
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
    QJsonObject json;

    qint64 uid() const { return json.value(QLatin1String("uid")).toInteger(); }
    int step() const { return json.value(QLatin1String("step")).toInt(); }
    bool ok() const { return !crashed && exitCode == 0 && !json.isEmpty(); }
    // For failure messages; a JWT that leaked is named, never shown.
    QByteArray describe() const
    {
        static const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_.-]*"));
        return QStringLiteral("exit %1%2\nstdout: %3\nstderr: %4")
            .arg(exitCode)
            .arg(crashed ? QStringLiteral(" (crashed)") : QString())
            .arg(QString::fromUtf8(out), QString::fromUtf8(err))
            .replace(jwt, QStringLiteral("<JWT>"))
            .toUtf8();
    }
};

// How much one counter of /dev/stats grew between two readings.
qint64 statDelta(const QJsonObject &before, const QJsonObject &after, const char *name)
{
    return after.value(QLatin1String(name)).toInteger() -
           before.value(QLatin1String(name)).toInteger();
}

} // namespace

class TstCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void killedInTheGraceWindowRecoversThroughIt();
    void killedPastTheGraceWindowRecoversBySilentLogin();

private:
    QProcess *startMallctl(const QStringList &arguments);
    MallctlRun mallctl(const QStringList &arguments);
    QJsonObject stats() { return m_http->get(QStringLiteral("/dev/stats")).object(); }
    qint64 statsValue(const QString &name) { return stats().value(name).toInteger(); }
    qint64 endpointCount(const QString &route)
    {
        return stats().value(QLatin1String("endpoints")).toObject().value(route).toInteger();
    }
    // How often this user has had to log in by SMS, as the server saw it.
    qint64 smsLogins()
    {
        return endpointCount(QStringLiteral("POST /api/auth/sms/send")) +
               endpointCount(QStringLiteral("POST /api/auth/phone-login"));
    }
    QString keychainKey() const
    {
        return QStringLiteral("tokens ") +
               m_server.url().toString(QUrl::RemovePath | QUrl::RemoveQuery);
    }
    std::optional<QJsonObject> storedTokens();
    QByteArray storedRefreshToken()
    {
        const auto stored = storedTokens();
        return stored ? stored->value(QLatin1String("refreshToken")).toString().toLatin1()
                      : QByteArray();
    }
    // A member of this device: a silent guest, then an SMS login.
    MallctlRun loginAsMember(const QString &phone);
    // The crash: the access token expired, a whoami whose refresh the server
    // processes but answers only after 5 s, and SIGKILL once it is processed.
    void crashBetweenRotationAndKeychainWrite(qint64 uid);

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QTemporaryDir m_config; // every mallctl's XDG_CONFIG_HOME: one device
    QProcessEnvironment m_environment;
};

void TstCrashSafety::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(MALLCTL_BINARY)), MALLCTL_BINARY);
    QVERIFY(m_config.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
    m_environment.remove(QStringLiteral("MALL_API"));

    // What survives a crash is what is in the keychain: without a Secret
    // Service that takes a write there is nothing to test.
    QKeychain::WritePasswordJob probe(QStringLiteral("mall-client-test-probe"));
    probe.setKey(QStringLiteral("probe"));
    probe.setInsecureFallback(false);
    probe.setBinaryData("probe");
    if (!runKeychainJob(&probe) || probe.error() != QKeychain::NoError) {
        QSKIP(qPrintable(QStringLiteral("no Secret Service reachable (%1): run the tests through "
                                        "./test.sh (scripts/with-keyring.sh)")
                             .arg(probe.errorString())));
    }
    QKeychain::DeletePasswordJob remove(QStringLiteral("mall-client-test-probe"));
    remove.setKey(QStringLiteral("probe"));
    runKeychainJob(&remove);
}

void TstCrashSafety::init()
{
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).status, 200);
    QKeychain::DeletePasswordJob remove(QStringLiteral("mall-client"));
    remove.setKey(keychainKey());
    QVERIFY(runKeychainJob(&remove));
    QVERIFY(!storedTokens());
}

void TstCrashSafety::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

QProcess *TstCrashSafety::startMallctl(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    process->setProgram(QStringLiteral(MALLCTL_BINARY));
    process->setArguments(QStringList{QStringLiteral("--api"), m_server.url().toString()} +
                          arguments);
    process->setProcessEnvironment(m_environment);
    process->start();
    return process;
}

MallctlRun TstCrashSafety::mallctl(const QStringList &arguments)
{
    std::unique_ptr<QProcess> process(startMallctl(arguments));
    MallctlRun run;
    if (!process->waitForFinished(60000)) {
        process->kill();
        process->waitForFinished(5000);
        run.crashed = true;
    }
    run.crashed = run.crashed || process->exitStatus() != QProcess::NormalExit;
    run.exitCode = process->exitCode();
    run.out = process->readAllStandardOutput();
    run.err = process->readAllStandardError();
    run.json = QJsonDocument::fromJson(run.out).object();
    return run;
}

std::optional<QJsonObject> TstCrashSafety::storedTokens()
{
    QKeychain::ReadPasswordJob read(QStringLiteral("mall-client"));
    read.setKey(keychainKey());
    if (!runKeychainJob(&read) || read.error() != QKeychain::NoError)
        return std::nullopt;
    return QJsonDocument::fromJson(read.binaryData()).object();
}

MallctlRun TstCrashSafety::loginAsMember(const QString &phone)
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    if (!guest.ok())
        return guest;
    return mallctl(
        {QStringLiteral("login"), QStringLiteral("sms"), QStringLiteral("--phone"), phone});
}

void TstCrashSafety::crashBetweenRotationAndKeychainWrite(qint64 uid)
{
    const QByteArray storedBefore = storedRefreshToken();
    QVERIFY(!storedBefore.isEmpty());
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("access")},
                                    {QLatin1String("uid"), uid}})
                 .status,
             200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/faults"),
                        QJsonObject{{QLatin1String("path"), kRefreshPath},
                                    {QLatin1String("holdAnswerMs"), kHoldAnswerMs},
                                    {QLatin1String("count"), 1}})
                 .status,
             200);
    const qint64 refreshes = statsValue(QStringLiteral("refreshes"));

    std::unique_ptr<QProcess> whoami(startMallctl({QStringLiteral("whoami")}));
    QVERIFY(whoami->waitForStarted(10000));
    // The refresh has been processed (the rotation is committed) once the
    // server counts it; its answer is still held, so mallctl has not stored
    // anything yet. The bound is generous: it only stops a broken run.
    const QDeadlineTimer deadline(20000);
    bool rotated = false;
    while (!deadline.hasExpired() && whoami->state() == QProcess::Running) {
        rotated = statsValue(QStringLiteral("refreshes")) == refreshes + 1;
        if (rotated)
            break;
        QThread::msleep(20);
    }
    QVERIFY2(rotated, "the refresh was not processed while its answer was held");
    QCOMPARE(whoami->state(), QProcess::Running);
    whoami->kill(); // SIGKILL: no handler, no cleanup, no keychain write
    QVERIFY(whoami->waitForFinished(10000));
    QCOMPARE(whoami->exitStatus(), QProcess::CrashExit);
    QVERIFY2(whoami->readAllStandardOutput().isEmpty(), "whoami answered before the kill");

    const QJsonObject after = stats();
    QCOMPARE(after.value(QLatin1String("faultsApplied")).toObject().value(kRefreshPath).toInteger(),
             1);
    QCOMPARE(after.value(QLatin1String("pendingFaults")).toInt(), 0);
    // The keychain still holds the refresh token the server has just rotated.
    QCOMPARE(storedRefreshToken(), storedBefore);
}

void TstCrashSafety::killedInTheGraceWindowRecoversThroughIt()
{
    const MallctlRun member = loginAsMember(QStringLiteral("13800000101"));
    QVERIFY2(member.ok(), member.describe().constData());
    QCOMPARE(member.step(), 2);
    const qint64 smsBefore = smsLogins();

    crashBetweenRotationAndKeychainWrite(member.uid());
    if (QTest::currentTestFailed())
        return;
    const QByteArray deadToken = storedRefreshToken();
    const QJsonObject before = stats();

    // Within the grace window: the old refresh token is answered with the
    // pair it was rotated to, and the member is back.
    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    QVERIFY2(whoami.ok(), whoami.describe().constData());
    QCOMPARE(whoami.uid(), member.uid());
    QCOMPARE(whoami.step(), 2);

    const QJsonObject after = stats();
    const auto delta = [&](const char *name) { return statDelta(before, after, name); };
    QCOMPARE(delta("graceAnswers"), 1);
    QCOMPARE(delta("reuseDetected"), 0);
    QCOMPARE(delta("logins"), 0);
    QCOMPARE(smsLogins(), smsBefore); // no SMS login asked of the member
    // The recovered pair is the one in the keychain now, and it works
    // without another refresh or login.
    QVERIFY(storedRefreshToken() != deadToken);
    const MallctlRun again = mallctl({QStringLiteral("whoami")});
    QVERIFY2(again.ok(), again.describe().constData());
    QCOMPARE(again.uid(), member.uid());
    QCOMPARE(statsValue(QStringLiteral("refreshes")),
             after.value(QLatin1String("refreshes")).toInteger());
    QCOMPARE(statsValue(QStringLiteral("logins")),
             after.value(QLatin1String("logins")).toInteger());
}

void TstCrashSafety::killedPastTheGraceWindowRecoversBySilentLogin()
{
    const MallctlRun member = loginAsMember(QStringLiteral("13800000102"));
    QVERIFY2(member.ok(), member.describe().constData());
    QCOMPARE(member.step(), 2);
    const qint64 smsBefore = smsLogins();
    const qint64 grace = m_http->get(QStringLiteral("/dev/config"))
                             .object()
                             .value(QLatin1String("graceSeconds"))
                             .toInteger();
    QVERIFY(grace > 0);

    crashBetweenRotationAndKeychainWrite(member.uid());
    if (QTest::currentTestFailed())
        return;
    const QByteArray deadToken = storedRefreshToken();
    // The client comes back after the grace window: presenting the rotated
    // token now is reuse, and the server revokes the whole family.
    QCOMPARE(
        m_http
            ->post(QStringLiteral("/dev/clock"), QJsonObject{{QLatin1String("advance"), grace + 1}})
            .status,
        200);
    const QJsonObject before = stats();

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    QVERIFY2(whoami.ok(), whoami.describe().constData());
    QCOMPARE(whoami.uid(), member.uid());
    QCOMPARE(whoami.step(), 2);

    const QJsonObject after = stats();
    const auto delta = [&](const char *name) { return statDelta(before, after, name); };
    QCOMPARE(delta("reuseDetected"), 1);
    QCOMPARE(delta("logins"), 1); // the silent one that brought the member back
    QCOMPARE(delta("graceAnswers"), 0);
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/wx-login")) -
                 before.value(QLatin1String("endpoints"))
                     .toObject()
                     .value(QStringLiteral("POST /api/auth/wx-login"))
                     .toInteger(),
             1);
    QCOMPARE(smsLogins(), smsBefore); // no SMS login asked of the member
    QVERIFY(storedRefreshToken() != deadToken);
    const MallctlRun again = mallctl({QStringLiteral("whoami")});
    QVERIFY2(again.ok(), again.describe().constData());
    QCOMPARE(again.uid(), member.uid());
    QCOMPARE(again.step(), 2);
    QCOMPARE(statsValue(QStringLiteral("logins")),
             after.value(QLatin1String("logins")).toInteger());
}

QTEST_GUILESS_MAIN(TstCrashSafety)
#include "tst_crashsafety.moc"
