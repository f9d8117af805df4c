// mallctl as QA uses it: the real binary in a process of its own, against a
// real mall-server, with its tokens in a real (throwaway) Secret Service
// keyring when run through scripts/with-keyring.sh (./test.sh does).

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include "keychainjob.h"

namespace {

// One finished mallctl process.
struct MallctlRun
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
    QJsonObject json;
    bool jsonValid = false; // stdout is exactly one line holding one JSON object

    QList<QByteArray> errLines() const
    {
        QList<QByteArray> lines = err.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        return lines;
    }
    qint64 uid() const { return json.value(QLatin1String("uid")).toInteger(); }
    int step() const { return json.value(QLatin1String("step")).toInt(); }
    // For failure messages; a JWT that leaked is named, never shown.
    QByteArray describe() const
    {
        static const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_.-]*"));
        const QString text = QStringLiteral("exit %1%2\nstdout: %3\nstderr: %4")
                                 .arg(exitCode)
                                 .arg(crashed ? QStringLiteral(" (crashed)") : QString())
                                 .arg(QString::fromUtf8(out), QString::fromUtf8(err));
        return QString(text).replace(jwt, QStringLiteral("<JWT>")).toUtf8();
    }
};

const QString kProbeService = QStringLiteral("mall-client-test-probe");
const QString kNoKeychainSkip =
    QStringLiteral("no Secret Service reachable: run the tests through ./test.sh "
                   "(scripts/with-keyring.sh) so the keychain tests run");

// Every regular file under `root`, hidden ones too.
QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

} // namespace

// A run that succeeded: exit 0, one JSON document, nothing on stderr.
#define VERIFY_OK(run)                                                                             \
    do {                                                                                           \
        QVERIFY2(!(run).crashed && (run).exitCode == 0, (run).describe().constData());             \
        QVERIFY2((run).jsonValid, (run).describe().constData());                                   \
        QVERIFY2((run).err.isEmpty(), (run).describe().constData());                               \
    } while (false)

// A run that failed cleanly: no crash, non-zero exit, one "mallctl: " line
// on stderr that mentions `needle`.
#define VERIFY_FAILED(run, needle)                                                                 \
    do {                                                                                           \
        QVERIFY2(!(run).crashed && (run).exitCode != 0, (run).describe().constData());             \
        QVERIFY2((run).errLines().size() == 1, (run).describe().constData());                      \
        QVERIFY2((run).err.startsWith("mallctl: "), (run).describe().constData());                 \
        QVERIFY2((run).err.contains(needle), (run).describe().constData());                        \
    } while (false)

// For the tests about what the keychain keeps between runs.
#define REQUIRE_KEYCHAIN()                                                                         \
    do {                                                                                           \
        if (!m_keychain)                                                                           \
            QSKIP(qPrintable(kNoKeychainSkip));                                                    \
    } while (false)

class TstMallctl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void helpListsTheCommands();
    void badInputFailsCleanly_data();
    void badInputFailsCleanly();
    void libraryChecksFailCleanly();
    void loginWechatPersistsInTheKeychain();
    void smsLoginUpgradesTheGuest();
    void wrongSmsCodeKeepsTheSession();
    void bindPhoneThenAuthorizeProfile();
    void staleSessionKeyIsTappedAgain();
    void sessionKeyRetryHappensOnce();
    void passwordLogin();
    void callPrintsTheEnvelope();
    void apiFromTheEnvironment();
    void expiredAccessTokenIsRefreshedOnce();
    void expiredRefreshTokenFallsBackToSilentLogin();
    void logoutStartsANewGuest();
    void overallTimeout();
    void worksWithoutKeychain();
    void noTokenInAnyOutput();

private:
    MallctlRun mallctl(const QStringList &arguments);
    MallctlRun mallctl(const QStringList &arguments, const QProcessEnvironment &environment,
                       bool withApi = true);
    QJsonObject stats();
    qint64 statsValue(const QString &name) { return stats().value(name).toInteger(); }
    qint64 endpointCount(const QString &route)
    {
        return stats().value(QLatin1String("endpoints")).toObject().value(route).toInteger();
    }
    QString keychainKey() const;
    // The token entry mallctl keeps for this server; nullopt when there is none.
    std::optional<QJsonObject> storedTokens();
    MallctlRun loginAsMember(const QString &phone);

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QTemporaryDir m_config; // every mallctl's XDG_CONFIG_HOME: one device
    QProcessEnvironment m_environment;
    bool m_keychain = false;
    QList<QByteArray> m_outputs; // stdout and stderr of every run
};

void TstMallctl::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(MALLCTL_BINARY)), MALLCTL_BINARY);
    QVERIFY(m_config.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());

    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
    m_environment.remove(QStringLiteral("MALL_API"));

    // Is there a Secret Service that takes a write? (Reading alone succeeds
    // on a locked keyring.)
    QKeychain::WritePasswordJob probe(kProbeService);
    probe.setKey(QStringLiteral("probe"));
    probe.setInsecureFallback(false);
    probe.setBinaryData("probe");
    m_keychain = runKeychainJob(&probe) && probe.error() == QKeychain::NoError;
    if (m_keychain) {
        QKeychain::DeletePasswordJob remove(kProbeService);
        remove.setKey(QStringLiteral("probe"));
        runKeychainJob(&remove);
    } else {
        qWarning("%s (%s)", qPrintable(kNoKeychainSkip), qPrintable(probe.errorString()));
    }
}

void TstMallctl::init()
{
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).status, 200);
    // The configuration survives a reset.
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/config"),
                        QJsonObject{{QLatin1String("checkSessionLies"), false}})
                 .status,
             200);
    if (m_keychain) {
        // Every test starts with no stored session for this server.
        QKeychain::DeletePasswordJob remove(QStringLiteral("mall-client"));
        remove.setKey(keychainKey());
        QVERIFY(runKeychainJob(&remove));
        QVERIFY2(remove.error() == QKeychain::NoError || remove.error() == QKeychain::EntryNotFound,
                 qPrintable(remove.errorString()));
        QVERIFY(!storedTokens());
    }
}

void TstMallctl::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

MallctlRun TstMallctl::mallctl(const QStringList &arguments)
{
    MallctlRun run = mallctl(arguments, m_environment);
    // Without a Secret Service every run says so first; the tests that do
    // not depend on the keychain look at what comes after that line.
    static const QByteArray notice = "mallctl: no keychain (";
    if (!m_keychain && run.err.startsWith(notice))
        run.err.remove(0, run.err.indexOf('\n') + 1);
    return run;
}

MallctlRun TstMallctl::mallctl(const QStringList &arguments, const QProcessEnvironment &environment,
                               bool withApi)
{
    QProcess process;
    process.setProgram(QStringLiteral(MALLCTL_BINARY));
    process.setArguments(withApi ? QStringList{QStringLiteral("--api"), m_server.url().toString()} +
                                       arguments
                                 : arguments);
    process.setProcessEnvironment(environment);
    process.start();
    MallctlRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        run.crashed = true;
    }
    run.crashed = run.crashed || process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    m_outputs << run.out << run.err;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    run.jsonValid = error.error == QJsonParseError::NoError && document.isObject() &&
                    run.out.endsWith('\n') && run.out.count('\n') == 1;
    run.json = document.object();
    return run;
}

QJsonObject TstMallctl::stats()
{
    return m_http->get(QStringLiteral("/dev/stats")).object();
}

QString TstMallctl::keychainKey() const
{
    return QStringLiteral("tokens ") +
           m_server.url().toString(QUrl::RemovePath | QUrl::RemoveQuery);
}

std::optional<QJsonObject> TstMallctl::storedTokens()
{
    QKeychain::ReadPasswordJob read(QStringLiteral("mall-client"));
    read.setKey(keychainKey());
    if (!runKeychainJob(&read) || read.error() != QKeychain::NoError)
        return std::nullopt;
    return QJsonDocument::fromJson(read.binaryData()).object();
}

// A guest of this device, then a member through an SMS login.
MallctlRun TstMallctl::loginAsMember(const QString &phone)
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    if (guest.exitCode != 0)
        return guest;
    return mallctl(
        {QStringLiteral("login"), QStringLiteral("sms"), QStringLiteral("--phone"), phone});
}

void TstMallctl::helpListsTheCommands()
{
    const MallctlRun help = mallctl({QStringLiteral("--help")});
    QVERIFY2(!help.crashed && help.exitCode == 0, help.describe().constData());
    for (const char *command :
         {"login wechat", "login sms", "login password", "bind-phone", "authorize-profile",
          "whoami", "call METHOD PATH", "logout", "--api", "--phone", "--code", "--password",
          "--nickname", "--gender"})
        QVERIFY2(help.out.contains(command), command);
    QVERIFY(help.err.isEmpty());

    const MallctlRun version = mallctl({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("mallctl "));
}

void TstMallctl::badInputFailsCleanly_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("needle");
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("frobnicate")} << QByteArray("frobnicate");
    QTest::newRow("no command") << QStringList{} << QByteArray("no command");
    QTest::newRow("login alone") << QStringList{QStringLiteral("login")} << QByteArray("login");
    QTest::newRow("login by fax") << QStringList{QStringLiteral("login"), QStringLiteral("fax")}
                                  << QByteArray("login");
    QTest::newRow("sms without --phone")
        << QStringList{QStringLiteral("login"), QStringLiteral("sms")} << QByteArray("--phone");
    QTest::newRow("sms with an empty --phone")
        << QStringList{QStringLiteral("login"), QStringLiteral("sms"), QStringLiteral("--phone=")}
        << QByteArray("--phone");
    QTest::newRow("password without --password")
        << QStringList{QStringLiteral("login"), QStringLiteral("password"),
                       QStringLiteral("--phone"), QStringLiteral("13800000009")}
        << QByteArray("--password");
    QTest::newRow("bind-phone without --phone")
        << QStringList{QStringLiteral("bind-phone")} << QByteArray("--phone");
    QTest::newRow("profile without --nickname")
        << QStringList{QStringLiteral("authorize-profile")} << QByteArray("--nickname");
    QTest::newRow("gender out of range")
        << QStringList{QStringLiteral("authorize-profile"), QStringLiteral("--nickname"),
                       QStringLiteral("x"), QStringLiteral("--gender"), QStringLiteral("7")}
        << QByteArray("--gender");
    QTest::newRow("option of another command")
        << QStringList{QStringLiteral("whoami"), QStringLiteral("--phone"),
                       QStringLiteral("13800000009")}
        << QByteArray("--phone");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("whoami"), QStringLiteral("--frob")} << QByteArray("frob");
    QTest::newRow("extra argument")
        << QStringList{QStringLiteral("whoami"), QStringLiteral("now")} << QByteArray("now");
    QTest::newRow("malformed JSON")
        << QStringList{QStringLiteral("call"), QStringLiteral("POST"), QStringLiteral("/dev/echo"),
                       QStringLiteral("{\"a\":")}
        << QByteArray("JSON");
    QTest::newRow("JSON not an object")
        << QStringList{QStringLiteral("call"), QStringLiteral("POST"), QStringLiteral("/dev/echo"),
                       QStringLiteral("[1,2]")}
        << QByteArray("object");
    QTest::newRow("call without path")
        << QStringList{QStringLiteral("call"), QStringLiteral("GET")} << QByteArray("call");
    QTest::newRow("call with an odd method")
        << QStringList{QStringLiteral("call"), QStringLiteral("FETCH"),
                       QStringLiteral("/api/user/me")}
        << QByteArray("FETCH");
    QTest::newRow("call to a full URL")
        << QStringList{QStringLiteral("call"), QStringLiteral("GET"),
                       QStringLiteral("http://example.com/")}
        << QByteArray("PATH");
    QTest::newRow("body on GET") << QStringList{QStringLiteral("call"), QStringLiteral("GET"),
                                                QStringLiteral("/api/user/me"),
                                                QStringLiteral("{}")}
                                 << QByteArray("GET");
    QTest::newRow("not an API URL")
        << QStringList{QStringLiteral("--api"), QStringLiteral("ftp://example.com"),
                       QStringLiteral("whoami")}
        << QByteArray("ftp://example.com");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("0"),
                                                QStringLiteral("whoami")}
                                 << QByteArray("--timeout");
}

void TstMallctl::badInputFailsCleanly()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, needle);
    const MallctlRun run = mallctl(arguments);
    VERIFY_FAILED(run, needle);
    QCOMPARE(run.exitCode, 2); // usage
    QVERIFY2(run.out.isEmpty(), run.describe().constData());
    // Refused before any request.
    QVERIFY(stats().value(QLatin1String("endpoints")).toObject().isEmpty());
}

void TstMallctl::libraryChecksFailCleanly()
{
    // Checks the client library makes before any login request.
    const MallctlRun badPhone = mallctl({QStringLiteral("login"), QStringLiteral("sms"),
                                         QStringLiteral("--phone"), QStringLiteral("12345")});
    VERIFY_FAILED(badPhone, "BAD_REQUEST");
    QCOMPARE(badPhone.exitCode, 1);
    QVERIFY(badPhone.out.isEmpty());
    const MallctlRun badCode =
        mallctl({QStringLiteral("login"), QStringLiteral("sms"), QStringLiteral("--phone"),
                 QStringLiteral("13800000010"), QStringLiteral("--code"), QStringLiteral("12ab")});
    VERIFY_FAILED(badCode, "BAD_REQUEST");
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/phone-login")), 0);
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/sms/send")), 0);
}

void TstMallctl::loginWechatPersistsInTheKeychain()
{
    REQUIRE_KEYCHAIN();
    const MallctlRun login = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(login);
    QVERIFY(login.uid() > 0);
    QCOMPARE(login.step(), 1);
    QVERIFY(login.json.value(QLatin1String("phone")).isNull());
    QVERIFY(login.json.contains(QLatin1String("nickname")));

    // The tokens are in the keychain, both of them.
    const std::optional<QJsonObject> stored = storedTokens();
    QVERIFY(stored);
    QVERIFY(stored->value(QLatin1String("accessToken")).toString().startsWith(u"eyJ"));
    QVERIFY(!stored->value(QLatin1String("refreshToken")).toString().isEmpty());

    const qint64 logins = statsValue(QStringLiteral("logins"));
    const qint64 refreshes = statsValue(QStringLiteral("refreshes"));
    QCOMPARE(logins, 1);

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), login.uid());
    QCOMPARE(whoami.step(), 1);
    // Restored from the keychain: no login, no refresh, no platform code.
    QCOMPARE(statsValue(QStringLiteral("logins")), logins);
    QCOMPARE(statsValue(QStringLiteral("refreshes")), refreshes);
    QCOMPARE(endpointCount(QStringLiteral("POST /wx/login")), 1);
}

void TstMallctl::smsLoginUpgradesTheGuest()
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);
    QCOMPARE(guest.step(), 1);

    const QString phone = QStringLiteral("13800000001");
    const MallctlRun member =
        mallctl({QStringLiteral("login"), QStringLiteral("sms"), QStringLiteral("--phone"), phone});
    VERIFY_OK(member);
    QCOMPARE(member.step(), 2);
    QCOMPARE(member.uid(), guest.uid()); // the guest's token went along: upgraded in place
    QCOMPARE(member.json.value(QLatin1String("phone")).toString(), phone);
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/sms/send")), 1);

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), guest.uid());
    QCOMPARE(whoami.step(), 2);
    QCOMPARE(whoami.json.value(QLatin1String("phone")).toString(), phone);
}

void TstMallctl::wrongSmsCodeKeepsTheSession()
{
    const QString phone = QStringLiteral("13800000002");
    const MallctlRun member = loginAsMember(phone);
    VERIFY_OK(member);
    QCOMPARE(member.step(), 2);

    // A real code is waiting for the other phone; send a different one.
    const QString other = QStringLiteral("13800000003");
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/sms/send"),
                        QJsonObject{{QLatin1String("phone"), other}})
                 .status,
             200);
    const QString right = lastSmsCode(*m_http, other);
    QCOMPARE(right.size(), 6);
    const QString wrong =
        right == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    const MallctlRun refused =
        mallctl({QStringLiteral("login"), QStringLiteral("sms"), QStringLiteral("--phone"), other,
                 QStringLiteral("--code"), wrong});
    VERIFY_FAILED(refused, "BAD_CREDENTIALS");
    QVERIFY2(refused.out.isEmpty() || refused.jsonValid, refused.describe().constData());

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), member.uid());
    QCOMPARE(whoami.step(), 2);
    QCOMPARE(whoami.json.value(QLatin1String("phone")).toString(), phone);
}

void TstMallctl::bindPhoneThenAuthorizeProfile()
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);

    const QString phone = QStringLiteral("13800000004");
    const MallctlRun bound =
        mallctl({QStringLiteral("bind-phone"), QStringLiteral("--phone"), phone});
    VERIFY_OK(bound);
    QCOMPARE(bound.step(), 2);
    QCOMPARE(bound.uid(), guest.uid());
    QCOMPARE(bound.json.value(QLatin1String("phone")).toString(), phone);

    const QString nickname = QStringLiteral("小明");
    const MallctlRun profile =
        mallctl({QStringLiteral("authorize-profile"), QStringLiteral("--nickname"), nickname,
                 QStringLiteral("--gender"), QStringLiteral("1")});
    VERIFY_OK(profile);
    QCOMPARE(profile.step(), 3);
    QCOMPARE(profile.uid(), guest.uid());
    QCOMPARE(profile.json.value(QLatin1String("nickname")).toString(), nickname);
    QCOMPARE(profile.json.value(QLatin1String("gender")).toInt(), 1);

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), guest.uid());
    QCOMPARE(whoami.step(), 3);
    QCOMPARE(whoami.json.value(QLatin1String("nickname")).toString(), nickname);
}

void TstMallctl::staleSessionKeyIsTappedAgain()
{
    REQUIRE_KEYCHAIN();
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);
    // check-session says yes while the backend's key is stale: only the
    // bind-phone answer tells, and the library renews the key and asks for
    // another tap, which mallctl makes.
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/config"),
                        QJsonObject{{QLatin1String("checkSessionLies"), true}})
                 .status,
             200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("sessionKey")}})
                 .status,
             200);
    const MallctlRun bound = mallctl(
        {QStringLiteral("bind-phone"), QStringLiteral("--phone"), QStringLiteral("13800000005")});
    VERIFY_OK(bound);
    QCOMPARE(bound.step(), 2);
    QCOMPARE(bound.uid(), guest.uid());
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/bind-phone")), 2);
}

void TstMallctl::sessionKeyRetryHappensOnce()
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);

    // Two refusals: a third try would get through (and succeed).
    const auto refuseTwice = [this](const QString &path) {
        return m_http
            ->post(QStringLiteral("/dev/faults"),
                   QJsonObject{{QLatin1String("path"), path},
                               {QLatin1String("status"), 409},
                               {QLatin1String("code"), QLatin1String("SESSION_KEY_EXPIRED")},
                               {QLatin1String("count"), 2}})
            .status;
    };
    QCOMPARE(refuseTwice(QStringLiteral("/api/auth/bind-phone")), 200);
    const MallctlRun bind = mallctl(
        {QStringLiteral("bind-phone"), QStringLiteral("--phone"), QStringLiteral("13800000006")});
    VERIFY_FAILED(bind, "SESSION_KEY_EXPIRED");
    QCOMPARE(bind.exitCode, 1);
    QCOMPARE(statsValue(QStringLiteral("pendingFaults")), 0); // both refusals used: two tries

    const MallctlRun stillGuest = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(stillGuest);
    QCOMPARE(stillGuest.uid(), guest.uid());
    QCOMPARE(stillGuest.step(), 1);

    // The same for the profile, as a member.
    const MallctlRun member = mallctl(
        {QStringLiteral("bind-phone"), QStringLiteral("--phone"), QStringLiteral("13800000006")});
    VERIFY_OK(member);
    QCOMPARE(refuseTwice(QStringLiteral("/api/user/profile")), 200);
    const MallctlRun profile = mallctl({QStringLiteral("authorize-profile"),
                                        QStringLiteral("--nickname"), QStringLiteral("Band")});
    VERIFY_FAILED(profile, "SESSION_KEY_EXPIRED");
    QCOMPARE(statsValue(QStringLiteral("pendingFaults")), 0);

    // With the refusals gone it works, first tap.
    const MallctlRun again = mallctl({QStringLiteral("authorize-profile"),
                                      QStringLiteral("--nickname"), QStringLiteral("Band")});
    VERIFY_OK(again);
    QCOMPARE(again.step(), 3);
}

void TstMallctl::passwordLogin()
{
    const QString phone = QStringLiteral("13800000007");
    const MallctlRun member = loginAsMember(phone);
    VERIFY_OK(member);
    QCOMPARE(member.step(), 2);

    const QString password = QStringLiteral("correct-horse-9");
    const MallctlRun set = mallctl({QStringLiteral("call"), QStringLiteral("PUT"),
                                    QStringLiteral("/api/user/password"),
                                    QStringLiteral("{\"password\":\"%1\"}").arg(password)});
    VERIFY_OK(set);
    QCOMPARE(set.json.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(set.json.value(QLatin1String("code")).toString(), QStringLiteral("OK"));

    const MallctlRun out = mallctl({QStringLiteral("logout")});
    VERIFY_OK(out);
    QVERIFY(
        out.json.value(QLatin1String("user")).toObject().value(QLatin1String("uid")).toInteger() !=
        member.uid());

    const MallctlRun wrong =
        mallctl({QStringLiteral("login"), QStringLiteral("password"), QStringLiteral("--phone"),
                 phone, QStringLiteral("--password"), QStringLiteral("wrong-horse-9")});
    VERIFY_FAILED(wrong, "BAD_CREDENTIALS");

    const MallctlRun login =
        mallctl({QStringLiteral("login"), QStringLiteral("password"), QStringLiteral("--phone"),
                 phone, QStringLiteral("--password"), password});
    VERIFY_OK(login);
    QCOMPARE(login.uid(), member.uid());
    QCOMPARE(login.step(), 2);
    QVERIFY(!login.out.contains(password.toUtf8()));

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), member.uid());
}

void TstMallctl::callPrintsTheEnvelope()
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);

    const MallctlRun me =
        mallctl({QStringLiteral("call"), QStringLiteral("GET"), QStringLiteral("/api/user/me")});
    VERIFY_OK(me);
    QCOMPARE(me.json.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(me.json.value(QLatin1String("code")).toString(), QStringLiteral("OK"));
    QVERIFY(me.json.contains(QLatin1String("message")));
    QCOMPARE(
        me.json.value(QLatin1String("data")).toObject().value(QLatin1String("uid")).toInteger(),
        guest.uid());

    const MallctlRun echo =
        mallctl({QStringLiteral("call"), QStringLiteral("POST"),
                 QStringLiteral("/dev/echo?requireAuth=1"), QStringLiteral("{\"a\":1}")});
    VERIFY_OK(echo);
    const QJsonObject echoed = echo.json.value(QLatin1String("data")).toObject();
    QCOMPARE(echoed.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    const QJsonObject body =
        QJsonDocument::fromJson(echoed.value(QLatin1String("body")).toString().toUtf8()).object();
    QCOMPARE(body, (QJsonObject{{QLatin1String("a"), 1}}));
    QCOMPARE(echoed.value(QLatin1String("authorization")).toBool(), true);
    QCOMPARE(echoed.value(QLatin1String("uid")).toInteger(), guest.uid());

    // A method in lower case is still that method.
    const MallctlRun lower =
        mallctl({QStringLiteral("call"), QStringLiteral("delete"), QStringLiteral("/dev/echo")});
    VERIFY_OK(lower);
    QCOMPARE(lower.json.value(QLatin1String("data"))
                 .toObject()
                 .value(QLatin1String("method"))
                 .toString(),
             QStringLiteral("DELETE"));

    // Failures: the JSON still comes, and one line says what went wrong.
    const MallctlRun nowhere =
        mallctl({QStringLiteral("call"), QStringLiteral("GET"), QStringLiteral("/nowhere")});
    VERIFY_FAILED(nowhere, "NOT_FOUND");
    QVERIFY2(nowhere.jsonValid, nowhere.describe().constData());
    QCOMPARE(nowhere.json.value(QLatin1String("status")).toInt(), 404);
    QCOMPARE(nowhere.json.value(QLatin1String("code")).toString(), QStringLiteral("NOT_FOUND"));

    const MallctlRun method = mallctl(
        {QStringLiteral("call"), QStringLiteral("DELETE"), QStringLiteral("/api/auth/refresh")});
    VERIFY_FAILED(method, "METHOD_NOT_ALLOWED");
    QCOMPARE(method.json.value(QLatin1String("status")).toInt(), 405);

    // A raw login answers with a token pair: printed without the tokens.
    const HttpReply code = m_http->post(
        QStringLiteral("/wx/login"),
        QJsonObject{{QLatin1String("deviceId"), QLatin1String("mallctl-other-device")}});
    const QString platformCode = code.object().value(QLatin1String("code")).toString();
    QVERIFY(!platformCode.isEmpty());
    const MallctlRun pair = mallctl({QStringLiteral("call"), QStringLiteral("POST"),
                                     QStringLiteral("/api/auth/wx-login"),
                                     QStringLiteral("{\"code\":\"%1\"}").arg(platformCode)});
    VERIFY_OK(pair);
    const QJsonObject data = pair.json.value(QLatin1String("data")).toObject();
    QVERIFY(data.value(QLatin1String("user")).toObject().value(QLatin1String("uid")).toInteger() >
            0);
    QVERIFY(data.contains(QLatin1String("accessToken")));
    QVERIFY(!pair.out.contains("eyJ"));
    QVERIFY(!data.value(QLatin1String("refreshToken")).toString().contains(u"eyJ"));
    QCOMPARE(data.value(QLatin1String("refreshToken")).toString(), QStringLiteral("(redacted)"));

    // The session itself was not touched by that.
    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), guest.uid());
}

void TstMallctl::apiFromTheEnvironment()
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    QVERIFY2(guest.exitCode == 0 && guest.uid() > 0, guest.describe().constData());

    // MALL_API names the server when --api does not.
    QProcessEnvironment environment = m_environment;
    environment.insert(QStringLiteral("MALL_API"), m_server.url().toString());
    const MallctlRun fromEnvironment = mallctl({QStringLiteral("whoami")}, environment, false);
    QVERIFY2(fromEnvironment.exitCode == 0, fromEnvironment.describe().constData());
    QCOMPARE(fromEnvironment.uid(), guest.uid());

    // --api wins over MALL_API (port 9 on loopback: nothing listens there).
    environment.insert(QStringLiteral("MALL_API"), QStringLiteral("http://127.0.0.1:9"));
    const MallctlRun both = mallctl({QStringLiteral("whoami")}, environment, true);
    QVERIFY2(both.exitCode == 0, both.describe().constData());
    QCOMPARE(both.uid(), guest.uid());

    // And MALL_API alone pointing nowhere is a clean failure.
    const MallctlRun nowhere = mallctl({QStringLiteral("whoami")}, environment, false);
    QVERIFY2(!nowhere.crashed && nowhere.exitCode == 1, nowhere.describe().constData());
    QVERIFY2(!nowhere.errLines().isEmpty() && nowhere.errLines().last().startsWith("mallctl: "),
             nowhere.describe().constData());
    QVERIFY(nowhere.out.isEmpty());
}

void TstMallctl::expiredAccessTokenIsRefreshedOnce()
{
    REQUIRE_KEYCHAIN();
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);
    const qint64 refreshes = statsValue(QStringLiteral("refreshes"));
    const qint64 logins = statsValue(QStringLiteral("logins"));

    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/expire"),
                        QJsonObject{{QLatin1String("what"), QLatin1String("access")}})
                 .status,
             200);
    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), guest.uid());
    QCOMPARE(statsValue(QStringLiteral("refreshes")), refreshes + 1);
    QCOMPARE(statsValue(QStringLiteral("logins")), logins);

    // The rotated pair was stored before mallctl exited: the next run
    // neither refreshes again nor trips reuse detection.
    const MallctlRun again = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(again);
    QCOMPARE(again.uid(), guest.uid());
    QCOMPARE(statsValue(QStringLiteral("refreshes")), refreshes + 1);
    QCOMPARE(statsValue(QStringLiteral("reuseDetected")), 0);
}

void TstMallctl::expiredRefreshTokenFallsBackToSilentLogin()
{
    REQUIRE_KEYCHAIN();
    const MallctlRun member = loginAsMember(QStringLiteral("13800000008"));
    VERIFY_OK(member);
    QCOMPARE(member.step(), 2);
    const qint64 logins = statsValue(QStringLiteral("logins"));

    for (const char *what : {"refresh", "access"}) {
        QCOMPARE(m_http
                     ->post(QStringLiteral("/dev/expire"),
                            QJsonObject{{QLatin1String("what"), QLatin1String(what)}})
                     .status,
                 200);
    }
    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), member.uid());
    QCOMPARE(whoami.step(), 2);
    QCOMPARE(statsValue(QStringLiteral("logins")), logins + 1); // one silent login

    const MallctlRun again = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(again);
    QCOMPARE(again.uid(), member.uid());
    QCOMPARE(statsValue(QStringLiteral("logins")), logins + 1);
}

void TstMallctl::logoutStartsANewGuest()
{
    const MallctlRun member = loginAsMember(QStringLiteral("13800000011"));
    VERIFY_OK(member);
    QCOMPARE(member.step(), 2);

    const MallctlRun out = mallctl({QStringLiteral("logout")});
    VERIFY_OK(out);
    QCOMPARE(out.json.value(QLatin1String("loggedOut")).toBool(), true);
    const QJsonObject guest = out.json.value(QLatin1String("user")).toObject();
    const qint64 guestUid = guest.value(QLatin1String("uid")).toInteger();
    QVERIFY(guestUid > 0);
    QVERIFY(guestUid != member.uid());
    QCOMPARE(guest.value(QLatin1String("step")).toInt(), 1);
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/logout")), 1);

    const MallctlRun whoami = mallctl({QStringLiteral("whoami")});
    VERIFY_OK(whoami);
    QCOMPARE(whoami.uid(), guestUid);
    QCOMPARE(whoami.step(), 1);
}

void TstMallctl::overallTimeout()
{
    const MallctlRun guest = mallctl({QStringLiteral("login"), QStringLiteral("wechat")});
    VERIFY_OK(guest);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/dev/faults"),
                        QJsonObject{{QLatin1String("path"), QLatin1String("/api/user/me")},
                                    {QLatin1String("delayMs"), 8000},
                                    {QLatin1String("count"), 5}})
                 .status,
             200);
    QElapsedTimer clock;
    clock.start();
    const MallctlRun slow =
        mallctl({QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("whoami")});
    VERIFY_FAILED(slow, "TIMEOUT");
    QCOMPARE(slow.exitCode, 3);
    QVERIFY(slow.out.isEmpty());
    QVERIFY2(clock.elapsed() < 6000, QByteArray::number(clock.elapsed()).constData());
}

void TstMallctl::worksWithoutKeychain()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString runtime = home.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment environment = m_environment;
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"),
                       home.filePath(QStringLiteral(".local/share")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent"));
    environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));

    const auto verifyNotice = [](const MallctlRun &run) {
        const QList<QByteArray> lines = run.errLines();
        if (lines.size() != 1)
            return false;
        return lines.first().startsWith("mallctl: no keychain (") &&
               lines.first().endsWith("); the session lasts only for this command");
    };
    const MallctlRun login =
        mallctl({QStringLiteral("login"), QStringLiteral("wechat")}, environment);
    QVERIFY2(!login.crashed && login.exitCode == 0 && login.jsonValid,
             login.describe().constData());
    QCOMPARE(login.step(), 1);
    QVERIFY2(verifyNotice(login), login.describe().constData());

    // A new process: nothing was kept, so it logs in silently again, as the
    // same device (the device id is in the config file).
    const MallctlRun whoami = mallctl({QStringLiteral("whoami")}, environment);
    QVERIFY2(!whoami.crashed && whoami.exitCode == 0 && whoami.jsonValid,
             whoami.describe().constData());
    QCOMPARE(whoami.uid(), login.uid());
    QVERIFY2(verifyNotice(whoami), whoami.describe().constData());

    QVERIFY(QFileInfo::exists(home.filePath(QStringLiteral(".config/mall/mallctl.conf"))));
    QStringList files = filesUnder(home.path()) + filesUnder(m_config.path());
    QVERIFY(!files.isEmpty());
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains("eyJ"), qPrintable(path));
        QVERIFY2(!content.contains("refresh"), qPrintable(path));
    }
}

void TstMallctl::noTokenInAnyOutput()
{
    // Runs of its own, so the scan means something when run alone too.
    const MallctlRun member = loginAsMember(QStringLiteral("13800000012"));
    QCOMPARE(member.exitCode, 0);
    QCOMPARE(mallctl({QStringLiteral("whoami")}).exitCode, 0);
    QCOMPARE(mallctl({QStringLiteral("call"), QStringLiteral("POST"),
                      QStringLiteral("/dev/echo?requireAuth=1"), QStringLiteral("{}")})
                 .exitCode,
             0);
    QVERIFY(
        mallctl({QStringLiteral("call"), QStringLiteral("POST"),
                 QStringLiteral("/api/auth/refresh"), QStringLiteral("{\"refreshToken\":\"x\"}")})
            .exitCode != 0);
    QCOMPARE(mallctl({QStringLiteral("logout")}).exitCode, 0);
    QVERIFY(m_outputs.size() >= 10);

    QList<QByteArray> secrets = {QByteArrayLiteral("eyJ")};
    if (m_keychain) {
        // The tokens mallctl holds now must be in no output and no file.
        const std::optional<QJsonObject> stored = storedTokens();
        QVERIFY(stored);
        for (const char *field : {"accessToken", "refreshToken"}) {
            const QByteArray token = stored->value(QLatin1String(field)).toString().toLatin1();
            QVERIFY(token.size() > 20);
            secrets << token;
        }
        for (const QString &path : filesUnder(m_config.path())) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            for (const QByteArray &secret : std::as_const(secrets))
                QVERIFY2(!content.contains(secret), qPrintable(path));
        }
    }
    for (const QByteArray &output : std::as_const(m_outputs)) {
        for (const QByteArray &secret : std::as_const(secrets))
            QVERIFY2(!output.contains(secret), "a token in mallctl's output"); // never print it
    }
}

QTEST_GUILESS_MAIN(TstMallctl)
#include "tst_mallctl.moc"
