// The security sweep of issue 7, against real processes only (mall-server,
// mallctl, the client library, a Secret Service, a network namespace):
// - no token in any log line, at any level, of mallctl or the server, and in
//   no file outside the keychain after a full session;
// - no Authorization header to another origin across 301/302/303/307/308;
// - injection-shaped input is refused or kept as plain text, oversized input
//   is refused, and the database and the server come through both intact;
// - /dev answers loopback peers only (and only with --dev);
// - a reused refresh token ends its whole family, the thief's tokens included.
// Run it through ./test.sh (scripts/with-keyring.sh): the session test needs a
// real, throwaway Secret Service and HOME.

#include "auth/mallclient.h"
#include "authflows.h"
#include "httpclient.h"
#include "protocol/envelope.h"
#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include "keychainjob.h"

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using mall::auth::MallClient;

namespace {

// base64url of {"alg":"HS256","typ":"JWT"}, the fixed header: every access
// token this server issues starts with it, so finding it anywhere means a
// token is there, whichever one it is.
const QByteArray kJwtHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"_ba;

const QString kNoKeychainSkip =
    u"no Secret Service with a throwaway HOME: run the tests through ./test.sh "
    "(scripts/with-keyring.sh) so the session sweep runs"_s;

// Something that must not show up, and how a failure names it (the value
// itself is never printed).
struct Secret
{
    QByteArray value;
    QString label;
};

// What in `text` gives a token away.
QStringList leaksIn(const QByteArray &text, const QList<Secret> &secrets)
{
    QStringList found;
    if (text.contains(kJwtHeader))
        found << u"the JWT header (an access token)"_s;
    // Whatever the token looks like, a bearer credential written out is a leak.
    static const QRegularExpression bearer(u"bearer\\s+[A-Za-z0-9._~+/=-]{8,}"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    if (bearer.match(QString::fromLatin1(text)).hasMatch())
        found << u"\"Bearer <credential>\""_s;
    for (const Secret &secret : secrets) {
        if (!secret.value.isEmpty() && text.contains(secret.value))
            found << secret.label;
    }
    return found;
}

// For failure messages: token-shaped text is named, never shown.
QByteArray redacted(const QByteArray &text, qsizetype keep = 3000)
{
    static const QRegularExpression jwt(u"eyJ[A-Za-z0-9_.-]*"_s);
    static const QRegularExpression opaque(u"[A-Za-z0-9_-]{40,}"_s);
    QString shown = QString::fromUtf8(text);
    shown.replace(jwt, u"<JWT>"_s).replace(opaque, u"<long token-like text>"_s);
    return (shown.size() > keep ? u"..."_s + shown.right(keep) : shown).toUtf8();
}

QString percent(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// ---- the keychain ----------------------------------------------------------

// A Secret Service that takes a write (reading alone succeeds on a locked one).
bool secretServiceWorks(QString *why)
{
    const QString service = u"mall-security-test-probe"_s;
    QKeychain::WritePasswordJob probe(service);
    probe.setKey(u"probe"_s);
    probe.setInsecureFallback(false);
    probe.setBinaryData("probe");
    if (!runKeychainJob(&probe) || probe.error() != QKeychain::NoError) {
        *why = probe.errorString();
        return false;
    }
    QKeychain::DeletePasswordJob remove(service);
    remove.setKey(u"probe"_s);
    runKeychainJob(&remove);
    return true;
}

// The pair mallctl keeps for `origin` (the same entry the library writes).
std::optional<mall::auth::StoredTokens> keychainTokens(const QUrl &origin)
{
    QKeychain::ReadPasswordJob read(u"mall-client"_s);
    read.setKey(u"tokens "_s + origin.toString(QUrl::RemovePath | QUrl::RemoveQuery));
    if (!runKeychainJob(&read) || read.error() != QKeychain::NoError)
        return std::nullopt;
    const QJsonObject stored = parseObject(read.binaryData());
    return mall::auth::StoredTokens{stored.value("accessToken"_L1).toString().toLatin1(),
                                    stored.value("refreshToken"_L1).toString().toLatin1()};
}

// ---- files -------------------------------------------------------------------

struct FileScan
{
    QStringList read; // every file that was read whole
    QStringList findings;
};

// Reads every regular file under `roots` (hidden ones too) and reports the
// ones that give a secret away. Files that vanish meanwhile (other suites
// share the throwaway HOME) are passed over.
FileScan scanFiles(const QStringList &roots, const QList<Secret> &secrets)
{
    FileScan scan;
    QSet<QString> seen;
    for (const QString &root : roots) {
        if (root.isEmpty() || !QFileInfo(root).isDir())
            continue;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo info(path);
            if (!info.isFile() || seen.contains(info.absoluteFilePath()))
                continue;
            seen.insert(info.absoluteFilePath());
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            scan.read << info.absoluteFilePath();
            for (const QString &leak : leaksIn(content, secrets))
                scan.findings << path + u": "_s + leak;
        }
    }
    return scan;
}

// ---- mallctl -----------------------------------------------------------------

struct MallctlRun
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
    QJsonObject json;

    qint64 uid() const { return json.value("uid"_L1).toInteger(); }
    int step() const { return json.value("step"_L1).toInt(); }
    QJsonObject data() const { return json.value("data"_L1).toObject(); }
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + (crashed ? " (crashed)" : "") +
               "\nstdout: " + redacted(out) + "\nstderr: " + redacted(err);
    }
};

MallctlRun runMallctl(const QUrl &api, const QStringList &arguments,
                      const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProgram(QStringLiteral(MALLCTL_BINARY));
    // --verbose lets the library's own log through: "at any level" means
    // the log mallctl normally keeps to itself too.
    process.setArguments(QStringList{u"--api"_s, api.toString(), u"--verbose"_s} + arguments);
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
    run.json = parseObject(run.out);
    return run;
}

// ---- raw HTTP ----------------------------------------------------------------

// One answer read off a socket, for requests QNetworkAccessManager would
// tidy up first (dot segments, odd encodings, huge heads, lying lengths).
struct RawAnswer
{
    int status = 0; // 0: the connection ended without an answer
    QByteArray head;
    QByteArray body;
    QString code;
    QString message;
    QByteArray rest; // whatever came after this answer on the same connection
};

RawAnswer rawExchange(const QString &host, quint16 port, const QByteArray &request,
                      int timeoutMs = 20000)
{
    // Event-driven, not waitFor*(): the servers' logs reach this process
    // through pipes that only the event loop drains, and a server blocked on
    // a full pipe would look like a server that never answers.
    RawAnswer answer;
    QTcpSocket socket;
    QByteArray data;
    qsizetype headEnd = -1;
    qint64 length = -1;
    QEventLoop loop;
    const auto complete = [&] {
        if (headEnd < 0 && (headEnd = data.indexOf("\r\n\r\n")) >= 0) {
            static const QRegularExpression contentLength(
                u"\\r\\ncontent-length:\\s*(\\d+)"_s, QRegularExpression::CaseInsensitiveOption);
            const auto match = contentLength.match(QString::fromLatin1(data.left(headEnd + 2)));
            length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        }
        return headEnd >= 0 && data.size() - headEnd - 4 >= length;
    };
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(request); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        data += socket.readAll();
        if (complete())
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&] {
        data += socket.readAll();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(host, port);
    loop.exec();
    data += socket.readAll();
    if (!complete() && headEnd < 0)
        return answer;
    if (!data.startsWith("HTTP/1."))
        return answer;
    answer.head = data.left(headEnd);
    answer.status = data.mid(9, 3).toInt();
    answer.body = data.mid(headEnd + 4, length);
    answer.rest = data.mid(headEnd + 4 + length);
    if (const auto envelope = mall::protocol::parseEnvelope(answer.body)) {
        answer.code = envelope->code;
        answer.message = envelope->message;
    }
    return answer;
}

// Everything a server sends on one connection until it closes it or has
// been quiet for `idleMs`: for requests that may be answered more than once.
QByteArray rawConversation(const QString &host, quint16 port, const QByteArray &request,
                           int idleMs = 2000)
{
    QTcpSocket socket;
    QByteArray data;
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(idleMs);
    QObject::connect(&idle, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        socket.write(request);
        idle.start();
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        data += socket.readAll();
        idle.start();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    socket.connectToHost(host, port);
    loop.exec();
    return data + socket.readAll();
}

QByteArray rawRequest(const QByteArray &method, const QByteArray &target,
                      const QList<QByteArray> &headers = {}, const QByteArray &body = {})
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nConnection: close\r\n";
    bool hasHost = false;
    for (const QByteArray &header : headers) {
        request += header + "\r\n";
        hasHost = hasHost || header.toLower().startsWith("host:");
    }
    if (!hasHost)
        request += "Host: mall.test\r\n";
    if (!body.isEmpty() || method == "POST") {
        request +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    }
    return request + "\r\n" + body;
}

// ---- processes ---------------------------------------------------------------

struct CommandResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

CommandResult runCommand(const QString &program, const QStringList &arguments,
                         int timeoutMs = 20000)
{
    QProcess process;
    process.start(program, arguments);
    CommandResult result;
    if (!process.waitForStarted(5000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString findTool(const QString &name)
{
    const QString inPath = QStandardPaths::findExecutable(name);
    if (!inPath.isEmpty())
        return inPath;
    return QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s});
}

// ---- the catalog -------------------------------------------------------------

struct CatalogRow
{
    QString name;
    QString brief;
    bool operator==(const CatalogRow &) const = default;
};

// Every goods, by id, read page by page; empty when a page fails.
QMap<qint64, CatalogRow> readCatalog(HttpClient &http)
{
    QMap<qint64, CatalogRow> rows;
    for (int page = 1; page <= 50; ++page) {
        const HttpReply reply = http.get(u"/api/goods?size=100&sort=price_asc&page=%1"_s.arg(page));
        if (reply.status != 200)
            return {};
        const QJsonArray items = reply.object().value("items"_L1).toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject goods = item.toObject();
            rows.insert(
                goods.value("id"_L1).toInteger(),
                CatalogRow{goods.value("name"_L1).toString(), goods.value("brief"_L1).toString()});
        }
        if (items.size() < 100)
            break;
    }
    return rows;
}

QJsonObject dataOf(QNetworkReply *reply)
{
    return parseObject(reply->readAll()).value("data"_L1).toObject();
}

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool waitForReply(QNetworkReply *reply, int timeoutMs = 15000)
{
    return QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs);
}

} // namespace

// A reply that must be a refusal with an envelope.
#define VERIFY_REFUSED(expression, expectedStatus, expectedCode)                                   \
    do {                                                                                           \
        const HttpReply refused_ = (expression);                                                   \
        QVERIFY2(refused_.status == (expectedStatus) &&                                            \
                     refused_.code == QLatin1String(expectedCode),                                 \
                 qPrintable(u"%1 %2: %3"_s.arg(refused_.status)                                    \
                                .arg(refused_.code, QString::fromUtf8(redacted(refused_.body))))); \
    } while (false)

class TstSecurity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    // 1. tokens in logs and files
    void fileScanFindsAPlantedToken();
    void fullSessionLeavesNoTokenInLogsOrFiles();

    // 2. redirects
    void crossOriginRedirectsNeverCarryTheToken_data();
    void crossOriginRedirectsNeverCarryTheToken();
    void plainQtForwardsTheTokenAcrossOrigins_data();
    void plainQtForwardsTheTokenAcrossOrigins();

    // 3. injection-shaped input
    void searchTreatsInjectionAsText_data();
    void searchTreatsInjectionAsText();
    void injectionShapedQueryValuesAre400_data();
    void injectionShapedQueryValuesAre400();
    void injectionShapedPathIdsAre404_data();
    void injectionShapedPathIdsAre404();
    void injectionShapedTextIsStoredAsText();
    void injectionShapedCredentialsAreRefused();

    // 4. oversized input
    void bodiesOverOneMebibyteAre413();
    void overlongFieldsAre400();
    void hugeNumbersAreRefused();
    void deepNestingIs400AndTheServerLives();
    void manyParametersAndLongPathsAreAnswered();
    void oversizedHeadsAreRefusedWithoutDesync_data();
    void oversizedHeadsAreRefusedWithoutDesync();

    // 5. /dev
    void devRefusesNonLoopbackPeers_data();
    void devRefusesNonLoopbackPeers();
    void devIsAbsentWithoutTheDevFlag();

    // 6. refresh-token reuse
    void stolenRefreshTokenReusedAfterTheOwnerRefreshed();
    void thiefWhoRefreshedFirstIsCutOffByTheOwner();

private:
    HttpReply call(const QByteArray &method, const QString &path, const QJsonObject &body,
                   const QByteArray &token, QList<QPair<QByteArray, QByteArray>> headers = {});
    void devPost(const QString &path, const QJsonObject &body);
    QJsonObject stats() { return m_http->get(u"/dev/stats"_s).object(); }
    qint64 statInt(const char *name) { return stats().value(QLatin1String(name)).toInteger(); }
    // A step-3 user with the given nickname, through the platform's signed profile.
    TestSession memberInfo(const QString &deviceId, const QString &phone, const QString &nickname);
    qint64 addAddress(const QByteArray &token);
    void verifyDatabaseIntact();
    std::unique_ptr<MallClient> makeClient(const QString &deviceId,
                                           std::optional<mall::auth::StoredTokens> tokens = {});
    QNetworkReply *clientGet(MallClient &client, const QString &path);
    // init() from the stored pair, until the user is known and nothing is in flight.
    bool restore(MallClient &client, qint64 uid);
    void tearDownNamespace();

    ServerProcess m_server;
    ServerProcess m_other; // a second origin, for redirects
    std::unique_ptr<HttpClient> m_http;
    QJsonArray m_categories;            // as seeded
    QMap<qint64, CatalogRow> m_catalog; // as seeded
    bool m_keychain = false;
    QString m_keychainProblem;

    // The network namespace of devRefusesNonLoopbackPeers, removed in cleanup().
    QString m_ip;
    QString m_namespace;
    QString m_vethHost;
    std::unique_ptr<QProcess> m_namespaceServer;
};

void TstSecurity::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(MALLCTL_BINARY)), MALLCTL_BINARY);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_other.start(), qPrintable(m_other.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());

    // The seeded catalog, to tell later that no input changed it.
    QCOMPARE(m_http->post(u"/dev/reset"_s, {}).code, u"OK"_s);
    const HttpReply categories = m_http->get(u"/api/categories"_s);
    QCOMPARE(categories.status, 200);
    m_categories = categories.object().value("items"_L1).toArray();
    QVERIFY(m_categories.size() > 10);
    m_catalog = readCatalog(*m_http);
    QVERIFY(m_catalog.size() > 100);

    // The session sweep scans HOME whole and writes to the keychain: only a
    // throwaway HOME (and so a throwaway keyring) will do.
    if (!QDir::homePath().startsWith(QDir::tempPath()))
        m_keychainProblem = u"HOME is not a throwaway directory"_s;
    else
        m_keychain = secretServiceWorks(&m_keychainProblem);
}

void TstSecurity::init()
{
    QCOMPARE(m_http->post(u"/dev/reset"_s, {}).code, u"OK"_s);
    QCOMPARE(m_http->send("DELETE", u"/dev/faults"_s, {}).code, u"OK"_s);
    devPost(u"/dev/config"_s, {{"accessTtl"_L1, 900},
                               {"graceSeconds"_L1, 10},
                               {"authFailStyle"_L1, "401"_L1},
                               {"checkSessionLies"_L1, false}});
}

void TstSecurity::cleanup()
{
    tearDownNamespace();
}

void TstSecurity::cleanupTestCase()
{
    tearDownNamespace();
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
    QCOMPARE(m_other.stop(), 0);
}

HttpReply TstSecurity::call(const QByteArray &method, const QString &path, const QJsonObject &body,
                            const QByteArray &token, QList<QPair<QByteArray, QByteArray>> headers)
{
    headers += bearer(token);
    const QByteArray bytes =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m_http->send(method, path, bytes, headers);
}

void TstSecurity::devPost(const QString &path, const QJsonObject &body)
{
    const HttpReply reply = m_http->post(path, body);
    QVERIFY2(reply.code == u"OK", qPrintable(path + u": "_s + reply.message));
}

TestSession TstSecurity::memberInfo(const QString &deviceId, const QString &phone,
                                    const QString &nickname)
{
    TestSession member = memberViaPhoneButton(*m_http, deviceId, phone);
    const HttpReply profile =
        m_http->post(u"/wx/getUserProfile"_s,
                     {{"deviceId"_L1, deviceId}, {"nickname"_L1, nickname}, {"gender"_L1, 2}});
    const HttpReply user =
        m_http->post(u"/api/user/profile"_s, profile.object(), member.accessToken);
    if (user.code == u"OK")
        member.step = user.object().value("step"_L1).toInt();
    return member;
}

qint64 TstSecurity::addAddress(const QByteArray &token)
{
    return call("POST", u"/api/addresses"_s,
                {{"name"_L1, u"张三"_s},
                 {"phone"_L1, "13800138000"_L1},
                 {"region"_L1, u"广东省 广州市 天河区"_s},
                 {"detail"_L1, u"天河路 385 号"_s}},
                token)
        .object()
        .value("id"_L1)
        .toInteger();
}

// The catalog and the categories are exactly as seeded: no input dropped,
// emptied or rewrote them.
void TstSecurity::verifyDatabaseIntact()
{
    const HttpReply categories = m_http->get(u"/api/categories"_s);
    QCOMPARE(categories.status, 200);
    QCOMPARE(categories.object().value("items"_L1).toArray(), m_categories);
    const HttpReply first = m_http->get(u"/api/goods"_s);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.object().value("total"_L1).toInteger(), qint64(m_catalog.size()));
    QVERIFY(readCatalog(*m_http) == m_catalog);
}

std::unique_ptr<MallClient> TstSecurity::makeClient(const QString &deviceId,
                                                    std::optional<mall::auth::StoredTokens> tokens)
{
    auto store = std::make_unique<mall::auth::MemoryTokenStore>();
    if (tokens)
        store->save(*tokens, [](bool, const QString &) {});
    MallClient::Options options;
    options.network.apiOrigin = m_server.url();
    options.deviceId = deviceId;
    options.store = std::move(store);
    return std::make_unique<MallClient>(std::move(options));
}

QNetworkReply *TstSecurity::clientGet(MallClient &client, const QString &path)
{
    return client.network().get(QNetworkRequest(m_server.url().resolved(QUrl(path))));
}

bool TstSecurity::restore(MallClient &client, qint64 uid)
{
    client.session().init();
    // init() also asks for the user in the background: let that settle, so
    // the fault a test injects next meets the test's own request.
    return QTest::qWaitFor(
        [&client, uid] {
            return client.session().isReady() && client.session().uid() == uid &&
                   client.network().inFlightCount() == 0 && client.network().queuedCount() == 0 &&
                   client.gate().heldCount() == 0;
        },
        10000);
}

// ============================================================================
// 1. No token in logs or files
// ============================================================================

// The scanner itself: a token written to a file under a scanned root is
// found, so a clean scan below means something.
void TstSecurity::fileScanFindsAPlantedToken()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const TestSession guest = guestLogin(*m_http, u"planted-device"_s);
    QVERIFY(guest.accessToken.startsWith(kJwtHeader));
    QVERIFY(QDir(root.path()).mkpath(u".hidden/deeper"_s));
    QFile file(root.filePath(u".hidden/deeper/tokens.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("refresh=" + guest.refreshToken + "\n");
    file.close();
    const QList<Secret> secrets = {{guest.refreshToken, u"the planted refresh token"_s}};
    const FileScan scan = scanFiles({root.path()}, secrets);
    QCOMPARE(scan.read.size(), 1);
    QCOMPARE(scan.findings.size(), 1);
    QVERIFY(scan.findings.first().endsWith(u"the planted refresh token"_s));
    // And an access token is found by its header alone.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Authorization: Bearer " + guest.accessToken);
    file.close();
    QCOMPARE(scanFiles({root.path()}, {}).findings.size(), 2);
}

void TstSecurity::fullSessionLeavesNoTokenInLogsOrFiles()
{
    if (!m_keychain)
        QSKIP(qPrintable(kNoKeychainSkip + u" ("_s + m_keychainProblem + u")"_s));

    // A server of its own that logs every category at every level; the
    // suite's shared one runs with CTest's quieter rules.
    ServerProcess server;
    server.setEnvironmentVariable(u"QT_LOGGING_RULES"_s, u"*=true"_s);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http(server.url());

    // mallctl's settings (device id, cached user) under HOME, so that the
    // HOME scan covers them.
    QTemporaryDir config(QDir::home().filePath(u"mallsec-config-XXXXXX"_s));
    QVERIFY(config.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"*=true"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, config.path());
    environment.remove(u"MALL_API"_s);

    QList<QByteArray> mallctlOutput;
    QList<Secret> secrets;
    const auto remember = [&secrets](const QByteArray &token, const QString &label) {
        const bool known = std::any_of(secrets.cbegin(), secrets.cend(),
                                       [&token](const Secret &s) { return s.value == token; });
        if (!token.isEmpty() && !known)
            secrets.append({token, label});
    };
    // The pair mallctl holds now, read from the keychain it keeps it in.
    const auto rememberStored = [&](const QString &when) {
        const auto stored = keychainTokens(server.url());
        if (!stored)
            return false;
        remember(stored->accessToken, u"mallctl's access token after "_s + when);
        remember(stored->refreshToken, u"mallctl's refresh token after "_s + when);
        return stored->accessToken.startsWith(kJwtHeader) && stored->refreshToken.size() >= 43;
    };
    const auto mallctl = [&](const QStringList &arguments) {
        const MallctlRun run = runMallctl(server.url(), arguments, environment);
        mallctlOutput << run.out << run.err;
        return run;
    };
#define MALLCTL_OK(run, ...)                                                                       \
    const MallctlRun run = mallctl(__VA_ARGS__);                                                   \
    QVERIFY2(!run.crashed && run.exitCode == 0 && !run.json.isEmpty(), run.describe().constData())

    MALLCTL_OK(guest, {u"login"_s, u"wechat"_s});
    QCOMPARE(guest.step(), 1);
    QVERIFY(rememberStored(u"login wechat"_s));

    const QString phone = u"13700000071"_s;
    MALLCTL_OK(member, {u"login"_s, u"sms"_s, u"--phone"_s, phone});
    QCOMPARE(member.step(), 2);
    QVERIFY(rememberStored(u"login sms"_s));

    MALLCTL_OK(profile,
               {u"authorize-profile"_s, u"--nickname"_s, u"安全审计"_s, u"--gender"_s, u"1"_s});
    QCOMPARE(profile.step(), 3);
    QVERIFY(rememberStored(u"authorize-profile"_s));

    MALLCTL_OK(cart, {u"call"_s, u"POST"_s, u"/api/cart"_s, u"{\"goodsId\":3,\"quantity\":2}"_s});
    QCOMPARE(cart.json.value("status"_L1).toInt(), 200);
    MALLCTL_OK(address, {u"call"_s, u"POST"_s, u"/api/addresses"_s,
                         u"{\"name\":\"李四\",\"phone\":\"13900139000\",\"region\":\"浙江省 "
                         "杭州市\",\"detail\":\"文三路 90 号\"}"_s});
    const qint64 addressId = address.data().value("id"_L1).toInteger();
    QVERIFY(addressId > 0);
    // mallctl has no option for request headers, so its order goes without
    // an Idempotency-Key; the keyed order is placed below over HTTP.
    MALLCTL_OK(order, {u"call"_s, u"POST"_s, u"/api/orders"_s,
                       u"{\"fromCart\":true,\"addressId\":%1}"_s.arg(addressId)});
    QCOMPARE(order.data().value("status"_L1).toString(), u"created"_s);
    const qint64 orderId = order.data().value("id"_L1).toInteger();
    MALLCTL_OK(pay, {u"call"_s, u"POST"_s, u"/api/orders/%1/pay"_s.arg(orderId)});
    QCOMPARE(pay.data().value("status"_L1).toString(), u"paid"_s);
    MALLCTL_OK(review, {u"call"_s, u"POST"_s, u"/api/goods/3/reviews"_s,
                        u"{\"rating\":5,\"text\":\"续航很好\"}"_s});
    QCOMPARE(review.json.value("status"_L1).toInt(), 200);
    QVERIFY(rememberStored(u"the calls"_s));

    // An expired access token: the next command refreshes (and stores the
    // rotated pair) before it answers.
    const qint64 refreshes = http.get(u"/dev/stats"_s).object().value("refreshes"_L1).toInteger();
    QCOMPARE(http.post(u"/dev/expire"_s, {{"what"_L1, "access"_L1}}).code, u"OK"_s);
    MALLCTL_OK(whoami, {u"whoami"_s});
    QCOMPARE(whoami.uid(), member.uid());
    QCOMPARE(http.get(u"/dev/stats"_s).object().value("refreshes"_L1).toInteger(), refreshes + 1);
    const qsizetype before = secrets.size();
    QVERIFY(rememberStored(u"the refresh"_s));
    QCOMPARE(secrets.size(), before + 2); // a rotated pair

    MALLCTL_OK(logout, {u"logout"_s});
    QCOMPARE(logout.json.value("loggedOut"_L1).toBool(), true);
    QVERIFY(rememberStored(u"logout (the new guest)"_s));
#undef MALLCTL_OK

    // Tokens the test gets itself over HTTP, through the same server (and
    // its log): a guest, a member, a refresh, and an order with a key.
    const TestSession httpGuest = guestLogin(http, u"security-http-device"_s);
    const TestSession httpMember = smsLogin(http, u"13700000072"_s, httpGuest);
    QCOMPARE(httpMember.step, 2);
    const TestSession httpRefreshed =
        sessionFrom(http.post(u"/api/auth/refresh"_s,
                              {{"refreshToken"_L1, QString::fromLatin1(httpMember.refreshToken)}}));
    QVERIFY(!httpRefreshed.accessToken.isEmpty());
    const qint64 httpAddress =
        http.send("POST", u"/api/addresses"_s,
                  R"({"name":"王五","phone":"13700137000","region":"北京市","detail":"一号"})",
                  bearer(httpRefreshed.accessToken))
            .object()
            .value("id"_L1)
            .toInteger();
    const HttpReply keyed = http.send(
        "POST", u"/api/orders"_s,
        QJsonDocument(QJsonObject{{"items"_L1,
                                   QJsonArray{QJsonObject{{"goodsId"_L1, 5}, {"quantity"_L1, 1}}}},
                                  {"addressId"_L1, httpAddress}})
            .toJson(QJsonDocument::Compact),
        bearer(httpRefreshed.accessToken) +
            QList<QPair<QByteArray, QByteArray>>{{"Idempotency-Key", "sweep-order-1"}});
    QCOMPARE(keyed.code, u"OK"_s);
    for (const auto &[session, label] :
         {std::pair{httpGuest, u"the HTTP guest's"_s},
          std::pair{httpMember, u"the HTTP member's"_s},
          std::pair{httpRefreshed, u"the refreshed HTTP member's"_s}}) {
        remember(session.accessToken, label + u" access token"_s);
        remember(session.refreshToken, label + u" refresh token"_s);
    }
    QVERIFY(secrets.size() >= 14); // four pairs of mallctl's, three of the test's

    // Files while the server runs (its WAL included), and after it stopped.
    const QStringList roots = {QDir::homePath(),
                               qEnvironmentVariable("XDG_CONFIG_HOME"),
                               qEnvironmentVariable("XDG_DATA_HOME"),
                               qEnvironmentVariable("XDG_CACHE_HOME"),
                               config.path(),
                               server.dataDir()};
    FileScan running = scanFiles(roots, secrets);
    QCOMPARE(server.stop(), 0);
    const FileScan stopped = scanFiles(roots, secrets);
    // The scan did read what matters: mallctl's settings and the database.
    const QString settings = QFileInfo(config.filePath(u"mall/mallctl.conf"_s)).absoluteFilePath();
    const QString database = QFileInfo(server.dataDir() + u"/mall.sqlite"_s).absoluteFilePath();
    QVERIFY2(stopped.read.contains(settings), qPrintable(settings));
    QVERIFY2(running.read.contains(database) && stopped.read.contains(database),
             qPrintable(database));
    const QStringList fileFindings = running.findings + stopped.findings;
    QVERIFY2(fileFindings.isEmpty(),
             qPrintable(u"a token in a file: "_s + fileFindings.join(u"; ")));

    // Logs: everything mallctl printed, and the server's log.
    const QByteArray serverLog = server.standardError();
    QVERIFY2(serverLog.contains("mall.server") && serverLog.contains("/api/auth/refresh"),
             "the server did not log its requests: the rule *=true did not apply");
    QVERIFY2(serverLog.contains("qt."), "Qt's own categories were not logged at all");
    const QByteArray mallctlLog = mallctlOutput.join('\n');
    QVERIFY2(mallctlLog.contains("mall.net") && mallctlLog.contains("mall.auth"),
             "mallctl did not log: --verbose with *=true should let the library's log through");
    QStringList logFindings;
    for (const QString &leak : leaksIn(serverLog, secrets))
        logFindings << u"server log: "_s + leak;
    for (const QString &leak : leaksIn(mallctlLog, secrets))
        logFindings << u"mallctl output: "_s + leak;
    QVERIFY2(logFindings.isEmpty(), qPrintable(u"a token in a log: "_s + logFindings.join(u"; ")));
}

// ============================================================================
// 2. Redirects
// ============================================================================

void TstSecurity::crossOriginRedirectsNeverCarryTheToken_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("callerHeader"); // an Authorization the caller set itself
    QTest::addColumn<bool>("sameOriginHopFirst");
    for (int status : {301, 302, 303, 307, 308}) {
        for (const QByteArray &verb : {"GET"_ba, "POST"_ba}) {
            QTest::addRow("%d %s", status, verb.constData())
                << status << verb << QByteArray() << false;
            QTest::addRow("%d %s, caller's Authorization", status, verb.constData())
                << status << verb << "Authorization"_ba << false;
            QTest::addRow("%d %s, caller's lower-case authorization", status, verb.constData())
                << status << verb << "authorization"_ba << false;
        }
        QTest::addRow("%d GET after a same-origin hop", status) << status << "GET"_ba
                                                                << "Authorization"_ba << true;
    }
}

void TstSecurity::crossOriginRedirectsNeverCarryTheToken()
{
    QFETCH(int, status);
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, callerHeader);
    QFETCH(bool, sameOriginHopFirst);
    auto client = makeClient(u"redirect-device"_s);
    bool done = false;
    bool loggedIn = false;
    client->session().silentLogin([&](const mall::api::ApiResult &result) {
        done = true;
        loggedIn = result.ok();
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 10000) && loggedIn);
    const QByteArray token = client->session().accessToken();
    QVERIFY(token.startsWith(kJwtHeader));

    const QString echo = m_other.url().resolved(QUrl(u"/dev/echo"_s)).toString();
    QString path = u"/dev/redirect?status=%1&to=%2"_s.arg(status).arg(percent(echo));
    if (sameOriginHopFirst) {
        const QString hop = m_server.url().resolved(QUrl(path)).toString();
        path = u"/dev/redirect?status=%1&to=%2"_s.arg(status).arg(percent(hop));
    }
    QNetworkRequest request(m_server.url().resolved(QUrl(path)));
    if (!callerHeader.isEmpty())
        request.setRawHeader(callerHeader, "Bearer " + token);
    request.setRawHeader("X-Probe", "kept");
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    QNetworkReply *reply = verb == "GET" ? client->network().get(request)
                                         : client->network().post(request, R"({"a":1})"_ba);
    QVERIFY(waitForReply(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(reply->url().port(), m_other.url().port());
    const QJsonObject echoed = dataOf(reply);
    // The echo did run at the other origin (it reflects the request)...
    QCOMPARE(echoed.value("headers"_L1).toObject().value("x-probe"_L1).toString(), u"kept"_s);
    // ...and no Authorization header of any spelling arrived there.
    QCOMPARE(echoed.value("authorization"_L1).toBool(true), false);
    QVERIFY(echoed.value("uid"_L1).isNull());
    reply->deleteLater();
}

// The control: Qt's own redirect handling (the default policy) does send the
// header on, so the test above can tell a dropped token from a lost one.
void TstSecurity::plainQtForwardsTheTokenAcrossOrigins_data()
{
    QTest::addColumn<int>("status");
    for (int status : {301, 302, 307, 308})
        QTest::addRow("%d", status) << status;
}

void TstSecurity::plainQtForwardsTheTokenAcrossOrigins()
{
    QFETCH(int, status);
    const TestSession guest = guestLogin(*m_http, u"plain-qt-device"_s);
    QVERIFY(!guest.accessToken.isEmpty());
    QNetworkAccessManager plain;
    const QString echo = m_other.url().resolved(QUrl(u"/dev/echo"_s)).toString();
    QNetworkRequest request(m_server.url().resolved(
        QUrl(u"/dev/redirect?status=%1&to=%2"_s.arg(status).arg(percent(echo)))));
    request.setRawHeader("Authorization", "Bearer " + guest.accessToken);
    QNetworkReply *reply = plain.get(request);
    QVERIFY(waitForReply(reply));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(reply->url().port(), m_other.url().port());
    QCOMPARE(dataOf(reply).value("authorization"_L1).toBool(), true);
    reply->deleteLater();
}

// ============================================================================
// 3. Injection-shaped input
// ============================================================================

void TstSecurity::searchTreatsInjectionAsText_data()
{
    QTest::addColumn<QString>("q");
    QTest::addColumn<QString>("expect"); // "none", "some", or "any" number of goods
    QTest::newRow("OR 1=1") << u"' OR 1=1 --"_s << u"none"_s;
    QTest::newRow("UNION") << u"%' UNION SELECT password_hash FROM users --"_s << u"none"_s;
    QTest::newRow("DROP") << u"\"; DROP TABLE goods; --"_s << u"none"_s;
    QTest::newRow("parenthesis") << u"') OR ('1'='1"_s << u"none"_s;
    QTest::newRow("comment") << u"*/ OR /*"_s << u"none"_s;
    // One word each, so that splitting the text into words does not blunt them.
    QTest::newRow("OR without spaces") << u"'OR'1'='1"_s << u"none"_s;
    QTest::newRow("inline comments") << u"%'/**/OR/**/1=1/**/--"_s << u"none"_s;
    QTest::newRow("UNION without spaces")
        << u"'/**/UNION/**/SELECT/**/password_hash/**/FROM/**/users--"_s << u"none"_s;
    QTest::newRow("word then OR") << u"耳机' OR '1'='1"_s << u"none"_s;
    QTest::newRow("percent") << u"%"_s << u"any"_s;
    QTest::newRow("underscore") << u"_"_s << u"any"_s;
    QTest::newRow("backslash") << u"\\"_s << u"any"_s;
    // Controls: real words do match, so the oracle below is not vacuous.
    QTest::newRow("a real word") << u"耳机"_s << u"some"_s;
    QTest::newRow("two real words") << u"星河 手机"_s << u"some"_s;
}

void TstSecurity::searchTreatsInjectionAsText()
{
    QFETCH(QString, q);
    QFETCH(QString, expect);
    // What the text really matches: every word in the name or the brief.
    const QStringList words = q.simplified().split(u' ', Qt::SkipEmptyParts);
    QSet<qint64> expected;
    for (auto it = m_catalog.cbegin(); it != m_catalog.cend(); ++it) {
        const bool all = std::all_of(words.cbegin(), words.cend(), [&it](const QString &word) {
            return it->name.contains(word, Qt::CaseInsensitive) ||
                   it->brief.contains(word, Qt::CaseInsensitive);
        });
        if (all)
            expected.insert(it.key());
    }
    if (expect == u"none")
        QVERIFY(expected.isEmpty());
    else if (expect == u"some")
        QVERIFY(!expected.isEmpty());

    QSet<qint64> found;
    qint64 total = -1;
    for (int page = 1; page <= 5; ++page) {
        const HttpReply reply =
            m_http->get(u"/api/goods?size=100&page=%1&q=%2"_s.arg(page).arg(percent(q)));
        QCOMPARE(reply.status, 200);
        total = reply.object().value("total"_L1).toInteger();
        const QJsonArray items = reply.object().value("items"_L1).toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject goods = item.toObject();
            // Only Goods come back, never a column of another table.
            QVERIFY(!goods.contains("password_hash"_L1) && goods.contains("priceCents"_L1));
            found.insert(goods.value("id"_L1).toInteger());
        }
        if (items.size() < 100)
            break;
    }
    QCOMPARE(found, expected);
    QCOMPARE(total, qint64(expected.size()));
    verifyDatabaseIntact();
}

void TstSecurity::injectionShapedQueryValuesAre400_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("needle"); // the parameter the message names
    const auto row = [](const char *name, const char *path, const QString &value,
                        const char *needle) {
        QTest::newRow(name) << QString::fromLatin1(path) << value << QString::fromLatin1(needle);
    };
    row("category OR", "/api/goods?category=", u"1 OR 1=1"_s, "category");
    row("category stacked", "/api/goods?category=", u"1;DROP TABLE goods"_s, "category");
    row("category subquery", "/api/goods?category=", u"(SELECT 1)"_s, "category");
    row("category quote", "/api/goods?category=", u"1' --"_s, "category");
    row("category hex", "/api/goods?category=", u"0x1"_s, "category");
    row("sort stacked", "/api/goods?sort=", u"price_asc; DROP TABLE goods"_s, "sort");
    row("sort column", "/api/goods?sort=", u"g.id"_s, "sort");
    row("sort number", "/api/goods?sort=", u"1"_s, "sort");
    row("sort comment", "/api/goods?sort=", u"price_asc--"_s, "sort");
    row("sort CASE", "/api/goods?sort=", u"(CASE WHEN 1=1 THEN price_cents END)"_s, "sort");
    row("page OR", "/api/goods?page=", u"1 OR 1=1"_s, "page");
    row("size comment", "/api/goods?size=", u"1;--"_s, "size");
    row("reviews page", "/api/goods/1/reviews?page=", u"0x1"_s, "page");
    row("orders status", "/api/orders?status=", u"paid' OR '1'='1"_s, "status");
    row("coupons status", "/api/me/coupons?status=", u"unused' --"_s, "status");
    row("favorites size", "/api/favorites?size=", u"10 UNION SELECT 1"_s, "size");
}

void TstSecurity::injectionShapedQueryValuesAre400()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, needle);
    const TestSession member = memberViaPhoneButton(*m_http, u"query-device"_s, u"13700000081"_s);
    QCOMPARE(member.step, 2);
    const HttpReply reply = m_http->get(path + percent(value), member.accessToken);
    VERIFY_REFUSED(reply, 400, "BAD_REQUEST");
    QVERIFY2(reply.message.contains(needle), qPrintable(reply.message));
    verifyDatabaseIntact();
}

void TstSecurity::injectionShapedPathIdsAre404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // {cart}, {address}, {order} name the caller's own rows
    QTest::addColumn<QByteArray>("body");
    const auto row = [](const char *method, const QString &path, const QByteArray &body = {}) {
        QTest::addRow("%s %s", method, qPrintable(path)) << QByteArray(method) << path << body;
    };
    row("GET", u"/api/goods/1 OR 1=1"_s);
    row("GET", u"/api/goods/1;DROP"_s);
    row("GET", u"/api/goods/1' OR '1'='1"_s);
    row("GET", u"/api/goods/1--"_s);
    row("GET", u"/api/goods/0x1"_s);
    row("GET", u"/api/goods/1 OR 1=1/reviews"_s);
    row("GET", u"/api/orders/0x1"_s);
    row("GET", u"/api/orders/{order} OR 1=1"_s);
    row("GET", u"/api/orders/0 UNION SELECT 1"_s);
    row("POST", u"/api/orders/{order} OR 1=1/pay"_s);
    row("POST", u"/api/orders/{order};--/cancel"_s);
    row("PATCH", u"/api/cart/{cart} OR 1=1"_s, R"({"quantity":1})"_ba);
    row("DELETE", u"/api/cart/{cart};DELETE FROM cart"_s);
    row("PUT", u"/api/addresses/{address} OR 1=1"_s, R"({"detail":"x"})"_ba);
    row("DELETE", u"/api/addresses/{address} OR 1=1"_s);
    row("PUT", u"/api/favorites/1 OR 1=1"_s);
    row("DELETE", u"/api/favorites/1' --"_s);
    row("POST", u"/api/coupons/1 OR 1=1/claim"_s);
    row("POST", u"/api/goods/1 OR 1=1/reviews"_s, R"({"rating":5,"text":"x"})"_ba);
    row("GET", u"/media/goods/1 OR 1=1/0.png"_s);
    row("GET", u"/media/avatars/x' OR '1'='1.png"_s);
}

void TstSecurity::injectionShapedPathIdsAre404()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    // Rows of the caller's own that an id read as SQL would reach.
    const TestSession member = memberInfo(u"path-device"_s, u"13700000082"_s, u"路径"_s);
    QCOMPARE(member.step, 3);
    const HttpReply cart =
        call("POST", u"/api/cart"_s, {{"goodsId"_L1, 1}, {"quantity"_L1, 1}}, member.accessToken);
    const qint64 cartId =
        cart.object().value("items"_L1).toArray().first().toObject().value("id"_L1).toInteger();
    const qint64 addressId = addAddress(member.accessToken);
    const HttpReply order =
        call("POST", u"/api/orders"_s,
             {{"items"_L1, QJsonArray{QJsonObject{{"goodsId"_L1, 2}, {"quantity"_L1, 1}}}},
              {"addressId"_L1, addressId}},
             member.accessToken);
    const qint64 orderId = order.object().value("id"_L1).toInteger();
    QCOMPARE(call("PUT", u"/api/favorites/1"_s, {}, member.accessToken).code, u"OK"_s);
    QVERIFY(cartId > 0 && addressId > 0 && orderId > 0);

    const QString target = QString(path)
                               .replace(u"{cart}"_s, QString::number(cartId))
                               .replace(u"{address}"_s, QString::number(addressId))
                               .replace(u"{order}"_s, QString::number(orderId));
    const HttpReply reply = m_http->send(method, target, body, bearer(member.accessToken));
    VERIFY_REFUSED(reply, 404, "NOT_FOUND");

    // Nothing the request could have reached has changed.
    const QJsonArray items =
        call("GET", u"/api/cart"_s, {}, member.accessToken).object().value("items"_L1).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value("quantity"_L1).toInt(), 1);
    const QJsonArray addresses = call("GET", u"/api/addresses"_s, {}, member.accessToken)
                                     .object()
                                     .value("items"_L1)
                                     .toArray();
    QCOMPARE(addresses.size(), 1);
    QCOMPARE(addresses.first().toObject().value("detail"_L1).toString(), u"天河路 385 号"_s);
    QCOMPARE(call("GET", u"/api/orders/%1"_s.arg(orderId), {}, member.accessToken)
                 .object()
                 .value("status"_L1)
                 .toString(),
             u"created"_s);
    QCOMPARE(call("GET", u"/api/favorites/1"_s, {}, member.accessToken)
                 .object()
                 .value("favorited"_L1)
                 .toBool(),
             true);
    QCOMPARE(m_http->get(u"/api/me/coupons"_s, member.accessToken)
                 .object()
                 .value("total"_L1)
                 .toInteger(),
             0);
    QCOMPARE(m_http->get(u"/api/goods/1/reviews"_s).object().value("total"_L1).toInteger(), 0);
    verifyDatabaseIntact();
}

void TstSecurity::injectionShapedTextIsStoredAsText()
{
    // Every place free text reaches the database: each value must come back
    // exactly as sent, and nothing else may change.
    const QString nickname = u"Robert'); DROP TABLE users;--"_s; // within the 32 allowed
    const QString device = u"text-device"_s;
    const QString phone = u"13700000083"_s;
    const TestSession member = memberInfo(device, phone, nickname);
    QCOMPARE(member.step, 3);
    const HttpReply me = m_http->get(u"/api/user/me"_s, member.accessToken);
    QCOMPARE(me.object().value("nickname"_L1).toString(), nickname);

    const QJsonObject address{{"name"_L1, u"x' OR '1'='1"_s},
                              {"phone"_L1, "13800138000"_L1},
                              {"region"_L1, u"'; DELETE FROM goods; --"_s},
                              {"detail"_L1, u"\"); DROP TABLE addresses; -- 天河路"_s}};
    const HttpReply added = call("POST", u"/api/addresses"_s, address, member.accessToken);
    QCOMPARE(added.code, u"OK"_s);
    const qint64 addressId = added.object().value("id"_L1).toInteger();
    const HttpReply listed = call("GET", u"/api/addresses"_s, {}, member.accessToken);
    const QJsonArray addresses = listed.object().value("items"_L1).toArray();
    QCOMPARE(addresses.size(), 1);
    for (const QString &field : address.keys())
        QCOMPARE(addresses.first().toObject().value(field), address.value(field));
    const QString changedDetail = u"1' WHERE 1=1; UPDATE users SET nickname='pwned"_s;
    QCOMPARE(call("PUT", u"/api/addresses/%1"_s.arg(addressId), {{"detail"_L1, changedDetail}},
                  member.accessToken)
                 .object()
                 .value("detail"_L1)
                 .toString(),
             changedDetail);
    QCOMPARE(
        m_http->get(u"/api/user/me"_s, member.accessToken).object().value("nickname"_L1).toString(),
        nickname);

    const QString text = u"' || (SELECT password_hash FROM users) || '"_s;
    QCOMPARE(call("POST", u"/api/goods/4/reviews"_s, {{"rating"_L1, 4}, {"text"_L1, text}},
                  member.accessToken)
                 .code,
             u"OK"_s);
    const QJsonArray reviews =
        m_http->get(u"/api/goods/4/reviews"_s).object().value("items"_L1).toArray();
    QCOMPARE(reviews.size(), 1);
    QCOMPARE(reviews.first().toObject().value("text"_L1).toString(), text);
    QCOMPARE(reviews.first().toObject().value("nickname"_L1).toString(), nickname);

    // Idempotency keys are compared as text: a key shaped like "OR 1=1"
    // matches no other order.
    const auto placeOrder = [&](const QByteArray &key) {
        return m_http->send(
            "POST", u"/api/orders"_s,
            QJsonDocument(QJsonObject{{"items"_L1, QJsonArray{QJsonObject{{"goodsId"_L1, 6},
                                                                          {"quantity"_L1, 1}}}},
                                      {"addressId"_L1, addressId}})
                .toJson(QJsonDocument::Compact),
            bearer(member.accessToken) +
                QList<QPair<QByteArray, QByteArray>>{{"Idempotency-Key", key}});
    };
    const HttpReply first = placeOrder("'; DROP TABLE orders; --");
    QCOMPARE(first.code, u"OK"_s);
    const HttpReply replay = placeOrder("'; DROP TABLE orders; --");
    QCOMPARE(replay.header("Idempotent-Replayed"), "true"_ba);
    QCOMPARE(replay.object().value("id"_L1), first.object().value("id"_L1));
    const HttpReply other = placeOrder("x' OR '1'='1");
    QCOMPARE(other.code, u"OK"_s);
    QVERIFY(other.header("Idempotent-Replayed").isEmpty());
    QVERIFY(other.object().value("id"_L1) != first.object().value("id"_L1));
    QCOMPARE(
        m_http->get(u"/api/orders"_s, member.accessToken).object().value("total"_L1).toInteger(),
        2);

    QCOMPARE(call("POST", u"/api/track"_s,
                  {{"events"_L1,
                    QJsonArray{QJsonObject{{"event"_L1, u"'; DROP TABLE telemetry;--"_s}}}}},
                  member.accessToken)
                 .object()
                 .value("accepted"_L1)
                 .toInt(),
             1);

    // The user still logs in, as the same user with the same profile.
    const TestSession again = guestLogin(*m_http, device);
    QCOMPARE(again.uid, member.uid);
    QCOMPARE(again.step, 3);
    verifyDatabaseIntact();
}

void TstSecurity::injectionShapedCredentialsAreRefused()
{
    // A member whose session must survive everything below.
    const QString phone = u"13700000084"_s;
    const TestSession canary = memberViaPhoneButton(*m_http, u"canary-device"_s, phone);
    QCOMPARE(canary.step, 2);

    const QStringList badPhones = {u"13800138000' OR '1'='1"_s, u"' OR 1=1 --"_s,
                                   u"1380013800;--"_s, u"13800138000 UNION SELECT 1"_s};
    for (const QString &badPhone : badPhones) {
        VERIFY_REFUSED(m_http->post(u"/api/auth/sms/send"_s, {{"phone"_L1, badPhone}}), 400,
                       "BAD_REQUEST");
        VERIFY_REFUSED(m_http->post(u"/api/auth/phone-login"_s,
                                    {{"phone"_L1, badPhone}, {"smsCode"_L1, "123456"_L1}}),
                       400, "BAD_REQUEST");
        VERIFY_REFUSED(m_http->post(u"/api/auth/phone-login"_s,
                                    {{"phone"_L1, badPhone}, {"password"_L1, "' OR '1'='1"_L1}}),
                       400, "BAD_REQUEST");
        VERIFY_REFUSED(m_http->post(u"/wx/getPhoneNumber"_s,
                                    {{"deviceId"_L1, "canary-device"_L1}, {"phone"_L1, badPhone}}),
                       400, "BAD_REQUEST");
    }
    // A real phone with a code pending, and codes and passwords shaped like SQL.
    QCOMPARE(m_http->post(u"/api/auth/sms/send"_s, {{"phone"_L1, phone}}).code, u"OK"_s);
    VERIFY_REFUSED(m_http->post(u"/api/auth/phone-login"_s,
                                {{"phone"_L1, phone}, {"smsCode"_L1, "1' OR '1'='1"_L1}}),
                   400, "BAD_CREDENTIALS");
    VERIFY_REFUSED(m_http->post(u"/api/auth/phone-login"_s,
                                {{"phone"_L1, phone}, {"password"_L1, "' OR '1'='1' --"_L1}}),
                   400, "BAD_CREDENTIALS");
    VERIFY_REFUSED(m_http->post(u"/api/auth/wx-login"_s, {{"code"_L1, "' OR 1=1 --"_L1}}), 400,
                   "BAD_CREDENTIALS");
    VERIFY_REFUSED(m_http->post(u"/api/auth/oauth/token"_s,
                                {{"code"_L1, "' OR 1=1 --"_L1},
                                 {"codeVerifier"_L1, "x' OR '1'='1"_L1},
                                 {"redirectUri"_L1, "http://127.0.0.1:1/' OR 1=1"_L1}}),
                   400, "BAD_CREDENTIALS");
    for (const char *token : {"' OR 1=1 --", "x' OR token_hash LIKE '%", "%"}) {
        VERIFY_REFUSED(
            m_http->post(u"/api/auth/refresh"_s, {{"refreshToken"_L1, QLatin1String(token)}}), 401,
            "REFRESH_INVALID");
    }
    // Logout with a refresh token shaped to match every family revokes none.
    QCOMPARE(m_http->post(u"/api/auth/logout"_s, {{"refreshToken"_L1, "' OR 1=1 --"_L1}}).code,
             u"OK"_s);
    QCOMPARE(m_http->post(u"/api/auth/logout"_s, {{"refreshToken"_L1, "%"_L1}}).code, u"OK"_s);
    VERIFY_REFUSED(m_http->get(u"/api/user/me"_s, "' OR 1=1 --"), 401, "AUTH_FAIL");
    VERIFY_REFUSED(m_http->get(u"/api/user/me"_s, kJwtHeader + ".' OR 1=1 --.x"), 401, "AUTH_FAIL");
    // A device id is free text: shaped like SQL it is just a new device.
    const TestSession stranger = guestLogin(*m_http, u"canary-device' OR '1'='1"_s);
    QCOMPARE(stranger.step, 1);
    QVERIFY(stranger.uid > 0 && stranger.uid != canary.uid);

    // The canary's session lives, and the member still logs in.
    QCOMPARE(m_http->get(u"/api/user/me"_s, canary.accessToken).status, 200);
    const TestSession refreshed = sessionFrom(m_http->post(
        u"/api/auth/refresh"_s, {{"refreshToken"_L1, QString::fromLatin1(canary.refreshToken)}}));
    QCOMPARE(refreshed.uid, canary.uid);
    const TestSession bySms = smsLogin(*m_http, phone);
    QCOMPARE(bySms.uid, canary.uid);
    QCOMPARE(guestLogin(*m_http, u"canary-device"_s).uid, canary.uid);
    verifyDatabaseIntact();
}

// ============================================================================
// 4. Oversized input
// ============================================================================

void TstSecurity::bodiesOverOneMebibyteAre413()
{
    constexpr qsizetype kMiB = 1024 * 1024;
    const TestSession member = memberViaPhoneButton(*m_http, u"big-device"_s, u"13700000091"_s);
    // Valid JSON padded with white space to an exact size.
    const auto padded = [](const QByteArray &json, qsizetype size) {
        return json + QByteArray(size - json.size(), ' ');
    };
    const QByteArray login = R"({"deviceId":"big-device"})";
    VERIFY_REFUSED(m_http->send("POST", u"/wx/login"_s, padded(login, kMiB + 1)), 413,
                   "PAYLOAD_TOO_LARGE");
    // The limit is the body's size, not its content: one byte less passes.
    QCOMPARE(m_http->send("POST", u"/wx/login"_s, padded(login, kMiB)).code, u"OK"_s);

    const QByteArray address =
        R"({"name":"张三","phone":"13800138000","region":"广东省","detail":"一号"})";
    VERIFY_REFUSED(m_http->send("POST", u"/api/addresses"_s, padded(address, kMiB + 1),
                                bearer(member.accessToken)),
                   413, "PAYLOAD_TOO_LARGE");
    VERIFY_REFUSED(m_http->send("POST", u"/api/addresses"_s, QByteArray(16 * kMiB, 'x'),
                                bearer(member.accessToken)),
                   413, "PAYLOAD_TOO_LARGE");
    // None of it was stored.
    QCOMPARE(call("GET", u"/api/addresses"_s, {}, member.accessToken)
                 .object()
                 .value("items"_L1)
                 .toArray()
                 .size(),
             0);
    // A length that promises a terabyte, then a hang-up: the server neither
    // reserves it nor falls over.
    const QString host = m_server.url().host();
    const auto port = quint16(m_server.url().port());
    QTcpSocket liar;
    liar.connectToHost(host, port);
    QVERIFY(liar.waitForConnected(5000));
    liar.write("POST /wx/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 1099511627776\r\n\r\n" +
               QByteArray(64 * 1024, '['));
    QVERIFY(liar.waitForBytesWritten(5000));
    liar.abort();
    QCOMPARE(m_http->get(u"/dev/stats"_s).status, 200);
}

void TstSecurity::overlongFieldsAre400()
{
    const QString huge(100 * 1024, u'长');
    const QString hugeAscii(100 * 1024, u'x');
    const QString device = u"long-device"_s;
    const TestSession member = memberInfo(device, u"13700000092"_s, u"小明"_s);
    QCOMPARE(member.step, 3);
    const QJsonObject address{{"name"_L1, u"张三"_s},
                              {"phone"_L1, "13800138000"_L1},
                              {"region"_L1, u"广东省"_s},
                              {"detail"_L1, u"一号"_s}};
    for (const char *field : {"name", "region", "detail"}) {
        QJsonObject tooLong = address;
        tooLong.insert(QLatin1String(field), huge);
        const HttpReply reply = call("POST", u"/api/addresses"_s, tooLong, member.accessToken);
        VERIFY_REFUSED(reply, 400, "BAD_REQUEST");
        QVERIFY2(reply.message.contains(QLatin1String(field)), qPrintable(reply.message));
    }
    const qint64 addressId = addAddress(member.accessToken);
    VERIFY_REFUSED(call("PUT", u"/api/addresses/%1"_s.arg(addressId), {{"detail"_L1, huge}},
                        member.accessToken),
                   400, "BAD_REQUEST");
    QCOMPARE(call("GET", u"/api/addresses"_s, {}, member.accessToken)
                 .object()
                 .value("items"_L1)
                 .toArray()
                 .first()
                 .toObject()
                 .value("detail"_L1)
                 .toString(),
             u"天河路 385 号"_s);

    const HttpReply review = call("POST", u"/api/goods/1/reviews"_s,
                                  {{"rating"_L1, 5}, {"text"_L1, huge}}, member.accessToken);
    VERIFY_REFUSED(review, 400, "BAD_REQUEST");
    QVERIFY2(review.message.contains(u"text"), qPrintable(review.message));
    QCOMPARE(m_http->get(u"/api/goods/1/reviews"_s).object().value("total"_L1).toInteger(), 0);

    // Nickname: the platform signs at most 32 characters...
    const HttpReply signedProfile =
        m_http->post(u"/wx/getUserProfile"_s, {{"deviceId"_L1, device}, {"nickname"_L1, huge}});
    VERIFY_REFUSED(signedProfile, 400, "BAD_REQUEST");
    QVERIFY2(signedProfile.message.contains(u"nickname"), qPrintable(signedProfile.message));
    // ...and a long one put into a signed profile breaks the signature; the
    // stored nickname stays.
    const QJsonObject genuine =
        m_http->post(u"/wx/getUserProfile"_s, {{"deviceId"_L1, device}, {"nickname"_L1, u"短"_s}})
            .object();
    QJsonObject raw = parseObject(genuine.value("rawData"_L1).toString().toUtf8());
    raw.insert("nickName"_L1, huge);
    const HttpReply tampered = m_http->post(
        u"/api/user/profile"_s,
        {{"rawData"_L1, QString::fromUtf8(QJsonDocument(raw).toJson(QJsonDocument::Compact))},
         {"signature"_L1, genuine.value("signature"_L1)}},
        member.accessToken);
    QVERIFY2(tampered.status >= 400 && tampered.status < 500 && !tampered.code.isEmpty(),
             qPrintable(QString::number(tampered.status)));
    QCOMPARE(
        m_http->get(u"/api/user/me"_s, member.accessToken).object().value("nickname"_L1).toString(),
        u"小明"_s);

    VERIFY_REFUSED(m_http->get(u"/api/goods?q="_s + hugeAscii), 400, "BAD_REQUEST");
    VERIFY_REFUSED(m_http->post(u"/api/auth/sms/send"_s, {{"phone"_L1, huge}}), 400, "BAD_REQUEST");
    VERIFY_REFUSED(m_http->post(u"/api/auth/refresh"_s, {{"refreshToken"_L1, huge}}), 400,
                   "BAD_REQUEST");
    VERIFY_REFUSED(
        m_http->put(u"/api/user/password"_s, {{"password"_L1, huge}}, member.accessToken), 400,
        "BAD_REQUEST");
}

void TstSecurity::hugeNumbersAreRefused()
{
    const QByteArray digits(10000, '9');
    const TestSession member = memberInfo(u"number-device"_s, u"13700000093"_s, u"数字"_s);
    QCOMPARE(member.step, 3);
    const qint64 addressId = addAddress(member.accessToken);
    const QList<QPair<QString, QByteArray>> bodies = {
        {u"/api/cart"_s, R"({"goodsId":1,"quantity":)" + digits + "}"},
        {u"/api/cart"_s, R"({"goodsId":1,"quantity":-)" + digits + "}"},
        {u"/api/cart"_s, R"({"goodsId":)" + digits + R"(,"quantity":1})"},
        {u"/api/cart"_s, R"({"goodsId":1,"quantity":1e400})"},
        {u"/api/goods/1/reviews"_s, R"({"rating":)" + digits + R"(,"text":"好"})"},
        {u"/api/orders"_s, R"({"items":[{"goodsId":1,"quantity":)" + digits + R"(}],"addressId":)" +
                               QByteArray::number(addressId) + "}"},
        {u"/api/orders"_s, R"({"items":[{"goodsId":1,"quantity":1}],"addressId":)" + digits + "}"},
    };
    for (const auto &[path, body] : bodies) {
        const HttpReply reply = m_http->send("POST", path, body, bearer(member.accessToken));
        QVERIFY2(reply.status == 400 && reply.code == u"BAD_REQUEST",
                 qPrintable(path + u" "_s + QString::number(reply.status) + u" "_s + reply.code +
                            u" "_s + reply.message.left(200)));
    }
    for (const char *parameter : {"page", "size", "category"}) {
        VERIFY_REFUSED(m_http->get(u"/api/goods?%1=%2"_s.arg(QLatin1String(parameter),
                                                             QString::fromLatin1(digits))),
                       400, "BAD_REQUEST");
    }
    const QString longId = QString::fromLatin1(digits);
    VERIFY_REFUSED(m_http->get(u"/api/goods/"_s + longId), 404, "NOT_FOUND");
    VERIFY_REFUSED(m_http->get(u"/api/orders/"_s + longId, member.accessToken), 404, "NOT_FOUND");
    // Nothing was stored on the way.
    QCOMPARE(call("GET", u"/api/cart"_s, {}, member.accessToken)
                 .object()
                 .value("items"_L1)
                 .toArray()
                 .size(),
             0);
    QCOMPARE(
        m_http->get(u"/api/orders"_s, member.accessToken).object().value("total"_L1).toInteger(),
        0);
    QCOMPARE(m_http->get(u"/api/goods/1/reviews"_s).object().value("total"_L1).toInteger(), 0);
}

void TstSecurity::deepNestingIs400AndTheServerLives()
{
    constexpr qsizetype kDepth = 100000;
    const TestSession member = memberViaPhoneButton(*m_http, u"deep-device"_s, u"13700000094"_s);
    const QByteArray open(kDepth, '[');
    const QByteArray close(kDepth, ']');
    const QList<QPair<QString, QByteArray>> bodies = {
        {u"/wx/login"_s, open + close},
        {u"/wx/login"_s, R"({"deviceId":)" + open + close + "}"},
        {u"/api/cart"_s, R"({"goodsId":1,"quantity":)" + open + close + "}"},
        {u"/api/cart"_s, open}, // never closed
        {u"/api/addresses"_s,
         QByteArray("{\"a\":").repeated(kDepth) + "1" + QByteArray(kDepth, '}')},
        {u"/api/track"_s, R"({"events":[)" + QByteArray("{\"e\":").repeated(kDepth) + "1" +
                              QByteArray(kDepth, '}') + "]}"},
    };
    for (const auto &[path, body] : bodies) {
        const HttpReply reply = m_http->send("POST", path, body, bearer(member.accessToken));
        QVERIFY2(reply.status == 400 && reply.code == u"BAD_REQUEST",
                 qPrintable(path + u" "_s + QString::number(reply.status) + reply.networkError));
        // The next request is answered as usual.
        QCOMPARE(m_http->get(u"/api/user/me"_s, member.accessToken).status, 200);
    }
    QCOMPARE(call("GET", u"/api/cart"_s, {}, member.accessToken)
                 .object()
                 .value("items"_L1)
                 .toArray()
                 .size(),
             0);
}

void TstSecurity::manyParametersAndLongPathsAreAnswered()
{
    const QString host = m_server.url().host();
    const auto port = quint16(m_server.url().port());
    // A server that still answers, and answers right.
    const auto verifyAlive = [this] {
        const HttpReply stats = m_http->get(u"/dev/stats"_s);
        return stats.status == 200 && stats.code == u"OK" &&
               m_http->get(u"/api/goods/1"_s).object().value("id"_L1).toInteger() == 1;
    };

    // 2,000 parameters the API does not know: ignored.
    QByteArray query;
    for (int i = 0; i < 2000; ++i)
        query += (i ? "&p" : "p") + QByteArray::number(i) + "=' OR 1=1 --" + QByteArray::number(i);
    const RawAnswer unknown =
        rawExchange(host, port, rawRequest("GET", "/api/goods?" + query.replace(' ', "%20")));
    QCOMPARE(unknown.status, 200);
    QCOMPARE(parseObject(unknown.body).value("data"_L1).toObject().value("total"_L1).toInteger(),
             qint64(m_catalog.size()));
    // 2,000 copies of a parameter it does know: answered (the first counts).
    QByteArray repeated = "size=1";
    for (int i = 0; i < 1999; ++i)
        repeated += "&size=" + QByteArray::number(i % 200);
    const RawAnswer many = rawExchange(host, port, rawRequest("GET", "/api/goods?" + repeated));
    QVERIFY2(many.status == 200 || (many.status == 400 && many.code == u"BAD_REQUEST"),
             many.head.constData());
    QVERIFY(verifyAlive());

    // A 64 KiB path: a 404 envelope, not a crash or a hang.
    const RawAnswer longPath =
        rawExchange(host, port, rawRequest("GET", "/api/" + QByteArray(64 * 1024, 'a')));
    QCOMPARE(longPath.status, 404);
    QCOMPARE(longPath.code, u"NOT_FOUND"_s);
    const RawAnswer longId =
        rawExchange(host, port, rawRequest("GET", "/api/goods/" + QByteArray(64 * 1024, '1')));
    QCOMPARE(longId.status, 404);
    QVERIFY(verifyAlive());
    // A 1 MiB path and a 1 MiB header: some answer or a closed connection,
    // and the server still serves.
    const RawAnswer hugePath =
        rawExchange(host, port, rawRequest("GET", "/" + QByteArray(1024 * 1024, 'b')));
    QVERIFY2(hugePath.status == 0 || hugePath.status >= 400, hugePath.head.constData());
    const RawAnswer hugeHeader = rawExchange(
        host, port,
        rawRequest("GET", "/api/categories", {"X-Pad: " + QByteArray(1024 * 1024, 'c')}));
    QVERIFY2(hugeHeader.status == 0 || hugeHeader.status == 200 || hugeHeader.status >= 400,
             hugeHeader.head.constData());
    QVERIFY(verifyAlive());
}

void TstSecurity::oversizedHeadsAreRefusedWithoutDesync_data()
{
    QTest::addColumn<QByteArray>("bloat"); // header lines added to an ordinary request
    QTest::newRow("a 110 KiB header") << "X-Pad: " + QByteArray(110 * 1024, 'p') + "\r\n";
    QTest::newRow("a 110 KiB Idempotency-Key")
        << "Idempotency-Key: " + QByteArray(110 * 1024, 'k') + "\r\n";
    QByteArray many;
    for (int i = 0; i < 120; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("120 header fields") << many;
    QByteArray large;
    for (int i = 0; i < 60; ++i)
        large += "X-H" + QByteArray::number(i) + ": " + QByteArray(5000, 'v') + "\r\n";
    QTest::newRow("300 KiB of headers") << large;
}

// A head too big to take must be refused as a whole. Serving the request
// with its headers dropped loses Authorization and Content-Length, and the
// body is then read as a request of its own: whatever a client (or a proxy
// sharing the connection) sent as data would be executed.
void TstSecurity::oversizedHeadsAreRefusedWithoutDesync()
{
    QFETCH(QByteArray, bloat);
    const TestSession guest = guestLogin(*m_http, u"head-device"_s);
    QVERIFY(!guest.accessToken.isEmpty());
    const QByteArray smuggled =
        "GET /dev/echo?smuggled=1 HTTP/1.1\r\nHost: mall.test\r\nX-Smuggled: yes\r\n\r\n";
    const QByteArray request =
        "POST /dev/echo?requireAuth=1 HTTP/1.1\r\nHost: mall.test\r\n"
        "Authorization: Bearer " +
        guest.accessToken +
        "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(smuggled.size()) +
        "\r\n" + bloat + "\r\n" + smuggled;
    const QByteArray conversation =
        rawConversation(m_server.url().host(), quint16(m_server.url().port()), request);
    const QByteArray shown = redacted(conversation, 600);
    QVERIFY2(conversation.startsWith("HTTP/1.1 "), shown.constData());
    // One answer, never one for the body...
    QVERIFY2(conversation.count("HTTP/1.1 ") == 1 && !conversation.contains("\"x-smuggled\""),
             ("the body was answered as a request of its own: " + shown).constData());
    // ...and that answer is a refusal of the head, or the request served with
    // all its headers (the token read), never without them.
    const int status = conversation.mid(9, 3).toInt();
    const bool refused = status == 400 || status == 413 || status == 431;
    const bool servedWhole = status == 200 && conversation.contains("\"authorization\":true") &&
                             conversation.contains("\"uid\":" + QByteArray::number(guest.uid));
    QVERIFY2(refused || servedWhole,
             ("served without its headers: " + conversation.left(conversation.indexOf('\r')) + " " +
              redacted(conversation.mid(conversation.indexOf("\r\n\r\n")), 300))
                 .constData());
    QCOMPARE(m_http->get(u"/dev/stats"_s).status, 200);
}

// ============================================================================
// 5. /dev refuses non-loopback peers
// ============================================================================

namespace {

// Requests for /dev (and spellings of it) that only a loopback peer of a
// --dev server may have answered. Each must look exactly like an unknown path.
struct DevProbe
{
    QByteArray method;
    QByteArray target;
    QByteArray body;
    QList<QByteArray> headers;
};

QList<DevProbe> devProbes()
{
    const QList<QByteArray> spoofed = {"X-Forwarded-For: 127.0.0.1", "X-Real-IP: 127.0.0.1",
                                       "Forwarded: for=127.0.0.1", "Client-IP: ::1"};
    return {
        {"GET", "/dev/stats", {}, {}},
        {"GET", "/dev/stats", {}, spoofed},
        {"GET", "/dev/stats", {}, {"Host: 127.0.0.1"}},
        {"GET", "/dev/config", {}, {}},
        {"GET", "/dev/sms?phone=13700000099", {}, {}},
        {"GET", "/dev/echo", {}, {}},
        {"GET", "/dev/redirect?status=302&to=http://127.0.0.1/", {}, {}},
        {"POST", "/dev/reset", "{}", {}},
        {"POST", "/dev/expire", R"({"what":"access"})", {}},
        {"POST", "/dev/clock", R"({"advance":100000})", {}},
        {"POST", "/dev/config", R"({"accessTtl":1})", {}},
        {"POST", "/dev/faults", R"({"path":"/api","status":500,"count":100})", {}},
        {"DELETE", "/dev/faults", {}, {}},
        {"GET", "/dev", {}, {}},
        {"GET", "/dev/", {}, {}},
        {"GET", "/dev/stats/", {}, {}},
        {"GET", "/dev//stats", {}, {}},
        {"GET", "/%64ev/stats", {}, {}},
        {"GET", "/dev%2Fstats", {}, {}},
        {"GET", "/dev/./stats", {}, {}},
        {"GET", "/dev/../dev/stats", {}, {}},
        {"GET", "/./dev/stats", {}, {}},
        {"GET", "/api/../dev/stats", {}, {}},
        {"GET", "//dev/stats", {}, {}},
        {"GET", "/%2Fdev/stats", {}, {}},
        {"GET", "/%2F%2Fdev/stats", {}, {}},
        {"GET", "/%2fdev/config", {}, {}},
        {"POST", "/%2Fdev/config", R"({"accessTtl":1})", {}},
        {"POST", "/%2Fdev/expire", R"({"what":"access"})", {}},
        {"POST", "/%2Fdev/reset", "{}", {}},
        {"GET", "http://127.0.0.1/dev/stats", {}, {}}, // absolute-form target
    };
}

QByteArray probeName(const DevProbe &probe)
{
    return probe.method + ' ' + probe.target + (probe.headers.isEmpty() ? "" : " (+headers)");
}

// Sends every /dev probe; lists those answered otherwise than a path that
// does not exist is (`unknown`: the answer to one).
QStringList devProbesAnswered(const QString &host, quint16 port, const RawAnswer &unknown)
{
    QStringList answered;
    for (const DevProbe &probe : devProbes()) {
        const RawAnswer answer = rawExchange(
            host, port, rawRequest(probe.method, probe.target, probe.headers, probe.body));
        if (answer.status != 404 || answer.code != u"NOT_FOUND" || answer.body != unknown.body)
            answered << QString::fromLatin1(probeName(probe)) + u" -> "_s +
                            QString::number(answer.status) + u' ' + QString::fromUtf8(answer.body);
    }
    return answered;
}

} // namespace

void TstSecurity::tearDownNamespace()
{
    if (m_namespaceServer) {
        m_namespaceServer->terminate();
        if (!m_namespaceServer->waitForFinished(10000)) {
            m_namespaceServer->kill();
            m_namespaceServer->waitForFinished(5000);
        }
        m_namespaceServer.reset();
    }
    // Deleting the namespace deletes the veth end in it, and with it the pair.
    if (!m_namespace.isEmpty())
        runCommand(m_ip, {u"netns"_s, u"delete"_s, std::exchange(m_namespace, {})});
    if (!m_vethHost.isEmpty()) {
        const QString veth = std::exchange(m_vethHost, {});
        if (runCommand(m_ip, {u"link"_s, u"show"_s, veth}).ok())
            runCommand(m_ip, {u"link"_s, u"delete"_s, veth});
    }
}

void TstSecurity::devRefusesNonLoopbackPeers_data()
{
    QTest::addColumn<QString>("bind");
    QTest::newRow("0.0.0.0") << u"0.0.0.0"_s;
    QTest::newRow("::") << u"::"_s;
}

// The server runs inside a network namespace of its own (a veth pair to this
// host, private 10.203.x.y/30 addresses, nothing else), bound to every
// address there: the test reaches it from the host side, a peer that is not
// loopback, and from the namespace's own loopback. Nothing is reachable from
// outside this machine, and nothing leaves it.
void TstSecurity::devRefusesNonLoopbackPeers()
{
    QFETCH(QString, bind);
    m_ip = findTool(u"ip"_s);
    const QString curl = findTool(u"curl"_s);
    if (m_ip.isEmpty() || curl.isEmpty())
        QSKIP("needs ip (iproute2) and curl, which scripts/deps.sh installs");

    const quint32 random = QRandomGenerator::global()->generate();
    const QString suffix = QString::number(random & 0xffffff, 16).rightJustified(6, u'0');
    m_namespace = u"mallsec"_s + suffix;
    const CommandResult added = runCommand(m_ip, {u"netns"_s, u"add"_s, m_namespace});
    if (!added.ok()) {
        const QString why = QString::fromUtf8(added.err).trimmed();
        m_namespace.clear();
        if (why.contains(u"Operation not permitted") || why.contains(u"Permission denied"))
            QSKIP(qPrintable(u"cannot create a network namespace here: "_s + why));
        QFAIL(qPrintable(u"ip netns add: "_s + why));
    }
    // A /30 in 10.203.0.0/16 that this host does not use yet.
    QString prefix;
    const QByteArray used = runCommand(m_ip, {u"-4"_s, u"-o"_s, u"addr"_s, u"show"_s}).out +
                            runCommand(m_ip, {u"-4"_s, u"route"_s, u"show"_s}).out;
    for (int attempt = 0; attempt < 20 && prefix.isEmpty(); ++attempt) {
        const quint32 pick = QRandomGenerator::global()->bounded(256u * 64u);
        const QString third = QString::number(pick / 64);
        if (!used.contains("10.203." + third.toLatin1() + '.'))
            prefix = u"10.203.%1.%2"_s.arg(third).arg((pick % 64) * 4);
    }
    QVERIFY2(!prefix.isEmpty(), "no free 10.203.x.y/30 on this host");
    const QString base = prefix.section(u'.', 0, 2) + u'.';
    const int last = prefix.section(u'.', 3).toInt();
    const QString hostAddress = base + QString::number(last + 1);
    const QString namespaceAddress = base + QString::number(last + 2);
    m_vethHost = u"msec"_s + suffix + u'h';
    const QString vethInside = u"msec"_s + suffix + u'n';
    const QList<QStringList> setup = {
        {u"link"_s, u"add"_s, m_vethHost, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, vethInside,
         u"netns"_s, m_namespace},
        {u"addr"_s, u"add"_s, hostAddress + u"/30"_s, u"dev"_s, m_vethHost},
        {u"link"_s, u"set"_s, m_vethHost, u"up"_s},
        {u"-n"_s, m_namespace, u"addr"_s, u"add"_s, namespaceAddress + u"/30"_s, u"dev"_s,
         vethInside},
        {u"-n"_s, m_namespace, u"link"_s, u"set"_s, vethInside, u"up"_s},
        {u"-n"_s, m_namespace, u"link"_s, u"set"_s, u"lo"_s, u"up"_s},
    };
    for (const QStringList &arguments : setup) {
        const CommandResult result = runCommand(m_ip, arguments);
        QVERIFY2(result.ok(),
                 qPrintable(arguments.join(u' ') + u": "_s + QString::fromUtf8(result.err)));
    }
    const bool ipv6Loopback =
        runCommand(m_ip, {u"-n"_s, m_namespace, u"-6"_s, u"addr"_s, u"show"_s, u"dev"_s, u"lo"_s})
            .out.contains("::1");
    if (bind == u"::" && !ipv6Loopback)
        QSKIP("no IPv6 loopback in the namespace");
    // The namespace's address as the host reaches it: the IPv4 one, or for a
    // server bound to "::" (IPv6 only, the way Qt binds it) a unique local
    // IPv6 address on the same pair.
    QString peerAddress = namespaceAddress;
    if (bind == u"::") {
        const QString ula = u"fd6d:616c:6c%1:%2::"_s.arg(suffix.left(2), suffix.mid(2));
        QVERIFY(!runCommand(m_ip, {u"-6"_s, u"-o"_s, u"addr"_s, u"show"_s})
                     .out.contains(ula.toLatin1()));
        const QList<QStringList> setup6 = {
            {u"-6"_s, u"addr"_s, u"add"_s, ula + u"1/64"_s, u"dev"_s, m_vethHost, u"nodad"_s},
            {u"-n"_s, m_namespace, u"-6"_s, u"addr"_s, u"add"_s, ula + u"2/64"_s, u"dev"_s,
             vethInside, u"nodad"_s},
        };
        for (const QStringList &arguments : setup6) {
            const CommandResult result = runCommand(m_ip, arguments);
            if (!result.ok())
                QSKIP(qPrintable(u"no IPv6 on the pair: "_s + QString::fromUtf8(result.err)));
        }
        peerAddress = ula + u'2';
    }
    const QString peerUrlHost = bind == u"::" ? u'[' + peerAddress + u']' : peerAddress;

    // The server, inside the namespace.
    QTemporaryDir data;
    QVERIFY(data.isValid());
    m_namespaceServer = std::make_unique<QProcess>();
    // Its log is not looked at here, and an unread pipe could stall it.
    m_namespaceServer->setStandardErrorFile(QProcess::nullDevice());
    m_namespaceServer->setProgram(m_ip);
    m_namespaceServer->setArguments({u"netns"_s, u"exec"_s, m_namespace,
                                     QStringLiteral(MALL_SERVER_BINARY), u"--dev"_s, u"--bind"_s,
                                     bind, u"--port"_s, u"0"_s, u"--data"_s, data.path()});
    m_namespaceServer->start();
    QVERIFY(m_namespaceServer->waitForStarted(5000));
    QByteArray line;
    const QDeadlineTimer deadline(10000);
    while (!line.contains('\n') && !deadline.hasExpired() &&
           m_namespaceServer->state() == QProcess::Running) {
        m_namespaceServer->waitForReadyRead(100);
        line += m_namespaceServer->readAllStandardOutput();
    }
    static const QRegularExpression listening(u"^listening on http://\\S+:(\\d+)"_s);
    const auto match = listening.match(QString::fromLatin1(line));
    QVERIFY2(match.hasMatch(), line.constData());
    const auto port = quint16(match.captured(1).toUInt());

    // From the host: a peer that is not loopback. The API answers it...
    HttpClient fromHost(QUrl(u"http://%1:%2"_s.arg(peerUrlHost).arg(port)));
    const HttpReply categories = fromHost.get(u"/api/categories"_s);
    QCOMPARE(categories.status, 200);
    QCOMPARE(categories.object().value("items"_L1).toArray().size(), m_categories.size());
    const TestSession canary = guestLogin(fromHost, u"namespace-canary"_s);
    QVERIFY(canary.uid > 0);
    // ...and /dev, however it is spelled, is a path that does not exist.
    const RawAnswer unknown =
        rawExchange(peerAddress, port, rawRequest("GET", "/dev-nothing/here"));
    QCOMPARE(unknown.status, 404);
    const QStringList answered = devProbesAnswered(peerAddress, port, unknown);
    QVERIFY2(answered.isEmpty(),
             qPrintable(u"/dev answered a non-loopback peer: "_s + answered.join(u"; ")));
    // The same through Qt's client, as the app would send it.
    VERIFY_REFUSED(fromHost.get(u"/dev/stats"_s), 404, "NOT_FOUND");
    VERIFY_REFUSED(fromHost.post(u"/dev/reset"_s, {}), 404, "NOT_FOUND");
    // Nothing those requests asked for happened: the canary's token lives.
    QCOMPARE(fromHost.get(u"/api/user/me"_s, canary.accessToken).status, 200);

    // From inside the namespace to its own, non-loopback address: refused.
    const auto curlIn = [&](const QString &url) {
        const CommandResult result = runCommand(
            m_ip, {u"netns"_s, u"exec"_s, m_namespace, curl, u"-sS"_s, u"--noproxy"_s, u"*"_s,
                   u"--max-time"_s, u"10"_s, u"-o"_s, u"-"_s, u"-w"_s, u"\\n%{http_code}"_s, url});
        const qsizetype cut = result.out.lastIndexOf('\n');
        return std::pair{result.out.mid(cut + 1).toInt(), result.out.left(qMax<qsizetype>(0, cut))};
    };
    const auto [ownStatus, ownBody] =
        curlIn(u"http://%1:%2/dev/stats"_s.arg(peerUrlHost).arg(port));
    QCOMPARE(ownStatus, 404);
    QVERIFY(ownBody.contains("NOT_FOUND"));
    // From the namespace's loopback: answered. The refusals above are the
    // check at work, not a server that has no /dev.
    const QString loopback = bind == u"::" ? u"[::1]"_s : u"127.0.0.1"_s;
    const auto [loopStatus, loopBody] = curlIn(u"http://%1:%2/dev/stats"_s.arg(loopback).arg(port));
    QCOMPARE(loopStatus, 200);
    QCOMPARE(parseObject(loopBody).value("code"_L1).toString(), u"OK"_s);
}

// Without --dev, /dev does not exist for anyone, loopback included.
void TstSecurity::devIsAbsentWithoutTheDevFlag()
{
    ServerProcess server(QStringList{});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http(server.url());
    const TestSession canary = guestLogin(http, u"production-canary"_s);
    QVERIFY(canary.uid > 0);
    const QString host = server.url().host();
    const auto port = quint16(server.url().port());
    const RawAnswer unknown = rawExchange(host, port, rawRequest("GET", "/dev-nothing/here"));
    QCOMPARE(unknown.status, 404);
    const QStringList answered = devProbesAnswered(host, port, unknown);
    // The canary's session is still there (a /dev/reset would have ended it).
    const int canaryStatus = http.get(u"/api/user/me"_s, canary.accessToken).status;
    QCOMPARE(server.stop(), 0);
    QVERIFY2(answered.isEmpty(),
             qPrintable(u"/dev answered on a server without --dev: "_s + answered.join(u"; ")));
    QCOMPARE(canaryStatus, 200);
}

// ============================================================================
// 6. Refresh-token reuse revokes the family
// ============================================================================

// The owner's client refreshes; later a thief presents the copy of the old
// refresh token it stole. That is reuse: the whole family ends, whatever
// the thief holds, and the owner gets back in through the device's
// platform identity, which the thief does not have.
void TstSecurity::stolenRefreshTokenReusedAfterTheOwnerRefreshed()
{
    const QString device = u"owner-device"_s;
    const TestSession guest = guestLogin(*m_http, device);
    const TestSession member = smsLogin(*m_http, u"13700000061"_s, guest);
    QCOMPARE(member.step, 2);
    const QByteArray stolenAccess = member.accessToken;
    const QByteArray stolenRefresh = member.refreshToken;

    auto owner =
        makeClient(device, mall::auth::StoredTokens{member.accessToken, member.refreshToken});
    QVERIFY(restore(*owner, member.uid));
    QVERIFY(owner->session().refreshToken() == stolenRefresh);

    // One refused request makes the owner's client refresh; the token it
    // was refused with stays valid on the server (no expiry was forced).
    const qint64 refreshes = statInt("refreshes");
    devPost(u"/dev/faults"_s, {{"path"_L1, "/api/user/me"_L1},
                               {"status"_L1, 401},
                               {"code"_L1, "AUTH_FAIL"_L1},
                               {"count"_L1, 1}});
    QNetworkReply *me = clientGet(*owner, u"/api/user/me"_s);
    QVERIFY(waitForReply(me));
    QCOMPARE(statusOf(me), 200);
    me->deleteLater();
    QCOMPARE(statInt("refreshes"), refreshes + 1);
    const QByteArray ownerAccess = owner->session().accessToken();
    const QByteArray ownerRefresh = owner->session().refreshToken();
    QVERIFY(ownerRefresh != stolenRefresh && ownerAccess != stolenAccess);
    // Before the theft is noticed the thief's access token works.
    QCOMPARE(m_http->get(u"/api/user/me"_s, stolenAccess).status, 200);

    // Outside the grace window, the stolen refresh token is reuse.
    devPost(u"/dev/clock"_s, {{"advance"_L1, 11}});
    const qint64 reuses = statInt("reuseDetected");
    VERIFY_REFUSED(m_http->post(u"/api/auth/refresh"_s,
                                {{"refreshToken"_L1, QString::fromLatin1(stolenRefresh)}}),
                   401, "REFRESH_REUSED");
    QCOMPARE(statInt("reuseDetected"), reuses + 1);

    // Every token of the family is dead: the thief's and the owner's.
    for (const QByteArray &access : {stolenAccess, ownerAccess})
        VERIFY_REFUSED(m_http->get(u"/api/user/me"_s, access), 401, "AUTH_FAIL");
    for (const QByteArray &refresh : {stolenRefresh, ownerRefresh}) {
        const HttpReply reply = m_http->post(u"/api/auth/refresh"_s,
                                             {{"refreshToken"_L1, QString::fromLatin1(refresh)}});
        QCOMPARE(reply.status, 401);
        QVERIFY2(reply.code == u"REFRESH_INVALID" || reply.code == u"REFRESH_REUSED",
                 qPrintable(reply.code));
        QVERIFY(sessionFrom(reply).accessToken.isEmpty());
    }

    // The owner's client gets back in (silent login as its device), a
    // member still, in a family the stolen tokens are no part of.
    QNetworkReply *back = clientGet(*owner, u"/api/user/me"_s);
    QVERIFY(waitForReply(back));
    QCOMPARE(statusOf(back), 200);
    const QJsonObject user = dataOf(back);
    back->deleteLater();
    QCOMPARE(user.value("uid"_L1).toInteger(), member.uid);
    QCOMPARE(user.value("step"_L1).toInt(), 2);
    const QByteArray newRefresh = owner->session().refreshToken();
    QVERIFY(newRefresh != ownerRefresh && newRefresh != stolenRefresh);
    VERIFY_REFUSED(m_http->get(u"/api/user/me"_s, stolenAccess), 401, "AUTH_FAIL");
    QCOMPARE(m_http
                 ->post(u"/api/auth/refresh"_s,
                        {{"refreshToken"_L1, QString::fromLatin1(stolenRefresh)}})
                 .status,
             401);
    QCOMPARE(m_http->get(u"/api/user/me"_s, owner->session().accessToken()).status, 200);
}

// The thief refreshes first and holds a fresh pair; when the owner's client
// later refreshes with the token the thief already rotated, the family ends
// and the thief's fresh pair with it.
void TstSecurity::thiefWhoRefreshedFirstIsCutOffByTheOwner()
{
    const QString device = u"owner-device-2"_s;
    const TestSession guest = guestLogin(*m_http, device);
    const TestSession member = smsLogin(*m_http, u"13700000062"_s, guest);
    QCOMPARE(member.step, 2);

    auto owner =
        makeClient(device, mall::auth::StoredTokens{member.accessToken, member.refreshToken});
    QVERIFY(restore(*owner, member.uid));
    QVERIFY(owner->session().refreshToken() == member.refreshToken);

    const TestSession thief = sessionFrom(m_http->post(
        u"/api/auth/refresh"_s, {{"refreshToken"_L1, QString::fromLatin1(member.refreshToken)}}));
    QCOMPARE(thief.uid, member.uid);
    QCOMPARE(m_http->get(u"/api/user/me"_s, thief.accessToken).status, 200);

    devPost(u"/dev/clock"_s, {{"advance"_L1, 11}});
    const qint64 reuses = statInt("reuseDetected");
    devPost(u"/dev/faults"_s, {{"path"_L1, "/api/user/me"_L1},
                               {"status"_L1, 401},
                               {"code"_L1, "AUTH_FAIL"_L1},
                               {"count"_L1, 1}});
    QNetworkReply *me = clientGet(*owner, u"/api/user/me"_s);
    QVERIFY(waitForReply(me));
    QCOMPARE(statusOf(me), 200);
    const QJsonObject user = dataOf(me);
    me->deleteLater();
    QCOMPARE(statInt("reuseDetected"), reuses + 1);
    QCOMPARE(user.value("uid"_L1).toInteger(), member.uid);
    QCOMPARE(user.value("step"_L1).toInt(), 2);

    for (const QByteArray &access : {thief.accessToken, member.accessToken})
        VERIFY_REFUSED(m_http->get(u"/api/user/me"_s, access), 401, "AUTH_FAIL");
    for (const QByteArray &refresh : {thief.refreshToken, member.refreshToken}) {
        const HttpReply reply = m_http->post(u"/api/auth/refresh"_s,
                                             {{"refreshToken"_L1, QString::fromLatin1(refresh)}});
        QCOMPARE(reply.status, 401);
        QVERIFY2(reply.code == u"REFRESH_INVALID" || reply.code == u"REFRESH_REUSED",
                 qPrintable(reply.code));
    }
    QVERIFY(owner->session().refreshToken() != thief.refreshToken);
    QCOMPARE(m_http->get(u"/api/user/me"_s, owner->session().accessToken()).status, 200);
}

QTEST_GUILESS_MAIN(TstSecurity)
#include "tst_security.moc"
