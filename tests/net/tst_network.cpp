// The network layer against a real mall-server: one refresh for any number of
// failed requests, held requests replayed intact, the auth-fail styles, stale
// tokens, dead sessions, the fuse, retries, redirects, proactive refresh,
// abort, teardown, and QML's XMLHttpRequest through the factory.

#include "auth/mallclient.h"
#include "httpclient.h"
#include "net/apinetworkmanagerfactory.h"
#include "net/requestattributes.h"
#include "serverprocess.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

using mall::auth::MallClient;
using mall::net::FailureReason;
using mall::net::FailureReasonAttribute;

namespace {

// A keychain stand-in that takes its time, like a real one: the session must
// not release held requests before the save has completed.
class SlowTokenStore : public mall::auth::MemoryTokenStore
{
public:
    void save(const mall::auth::StoredTokens &tokens, SaveDone done) override
    {
        // With a context that dies with the store: no timer fires into a dead one.
        QTimer::singleShot(300, &m_context, [this, tokens, done = std::move(done)] {
            mall::auth::MemoryTokenStore::save(tokens, [this, done](bool ok, const QString &e) {
                lastSaveCompletedMs = QDateTime::currentMSecsSinceEpoch();
                done(ok, e);
            });
        });
    }
    qint64 lastSaveCompletedMs = 0;

private:
    QObject m_context;
};

QJsonObject dataOf(QNetworkReply *reply)
{
    return QJsonDocument::fromJson(reply->readAll())
        .object()
        .value(QLatin1String("data"))
        .toObject();
}

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

FailureReason reasonOf(QNetworkReply *reply)
{
    return FailureReason(reply->attribute(FailureReasonAttribute).toInt());
}

} // namespace

class TstNetwork : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void oneRefreshForManyFailures_data();
    void oneRefreshForManyFailures();
    void authFailStyles_data();
    void authFailStyles();
    void staleTokenIsReplayedWithoutRefresh();
    void failedRefreshFailsHeldRequestsCleanly();
    void deadRefreshTokenFallsBackToSilentLogin();
    void reusedRefreshTokenRecoversThroughSilentLogin();
    void sessionEndsOnceWhenNothingCanBringItBack();
    void fuseStopsARefreshLoop();
    void networkErrorsRetryOnlyWhenSafe();
    void timeoutsRetryOnlyWhenSafe();
    void tokenGoesOnlyToTheApiOrigin();
    void crossOriginRedirectsDropTheToken_data();
    void crossOriginRedirectsDropTheToken();
    void sameOriginRedirectKeepsTheToken();
    void proactiveRefreshMeansNoAuthFailures();
    void clockSkewIsCorrectedFromTheDateHeader();
    void lowPriorityNeverStartsARefresh();
    void tokensArePersistedBeforeHeldRequestsGo();
    void abortWhileHeldOrInFlight();
    void destroyingTheManagerMidFlightIsSafe();
    void qmlXmlHttpRequestGoesThroughTheFactory();
    void logsCarryNoTokens();
    void aRefreshThatNeverAnswersEndsInTime();
    void abortInRedirectedRefusesTheRedirect();
    void closeCancelsLikeAbort();
    void redirectChainsAreFollowedPastTheOrigin();
    void onlyHttpRedirectsAreFollowed();
    void aRefusalAfterTheReplayKeepsItsBody();
    void aFailedRefreshAheadOfExpiryStillSends();
    void a403WithoutAuthFailIsNotATokenProblem();

private:
    std::unique_ptr<MallClient> makeClient(const mall::net::NetworkSettings &tweak = {},
                                           std::unique_ptr<mall::auth::TokenStore> store = {});
    bool login(MallClient &client);
    QNetworkReply *send(MallClient &client, const QByteArray &verb, const QString &path,
                        const QByteArray &body = {},
                        const QList<QPair<QByteArray, QByteArray>> &headers = {},
                        QNetworkRequest::Priority priority = QNetworkRequest::NormalPriority);
    bool waitFor(const QList<QNetworkReply *> &replies, int timeoutMs = 15000);
    QJsonObject stats() { return m_http->get(QStringLiteral("/dev/stats")).object(); }
    int statInt(const char *name) { return stats().value(QLatin1String(name)).toInt(); }
    int endpointCount(const QString &route)
    {
        return stats().value(QLatin1String("endpoints")).toObject().value(route).toInt();
    }
    void devPost(const QString &path, const QJsonObject &body)
    {
        const HttpReply reply = m_http->post(path, body);
        QVERIFY2(reply.code == u"OK", qPrintable(path + QLatin1String(": ") + reply.message));
    }
    void expireAccess()
    {
        devPost(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("access")}});
    }
    void fault(const QJsonObject &rule) { devPost(QStringLiteral("/dev/faults"), rule); }

    ServerProcess m_server;
    ServerProcess m_other; // a second origin, for redirects
    std::unique_ptr<HttpClient> m_http;
};

void TstNetwork::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_other.start(), qPrintable(m_other.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstNetwork::init()
{
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).code, QStringLiteral("OK"));
    devPost(QStringLiteral("/dev/config"),
            {{QLatin1String("accessTtl"), 900},
             {QLatin1String("authFailStyle"), QLatin1String("401")}});
    QCOMPARE(m_http->send("DELETE", QStringLiteral("/dev/faults"), {}).code, QStringLiteral("OK"));
}

void TstNetwork::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
    QCOMPARE(m_other.stop(), 0);
}

std::unique_ptr<MallClient> TstNetwork::makeClient(const mall::net::NetworkSettings &tweak,
                                                   std::unique_ptr<mall::auth::TokenStore> store)
{
    MallClient::Options options;
    options.network = tweak;
    options.network.apiOrigin = m_server.url();
    options.deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    options.store = std::move(store);
    return std::make_unique<MallClient>(std::move(options));
}

bool TstNetwork::login(MallClient &client)
{
    bool done = false;
    bool ok = false;
    client.session().silentLogin([&](const mall::api::ApiResult &result) {
        done = true;
        ok = result.ok();
    });
    return QTest::qWaitFor([&] { return done; }, 10000) && ok;
}

QNetworkReply *TstNetwork::send(MallClient &client, const QByteArray &verb, const QString &path,
                                const QByteArray &body,
                                const QList<QPair<QByteArray, QByteArray>> &headers,
                                QNetworkRequest::Priority priority)
{
    QNetworkRequest request(m_server.url().resolved(QUrl(path)));
    request.setPriority(priority);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (verb == "GET")
        return client.network().get(request);
    return client.network().sendCustomRequest(request, verb, body);
}

bool TstNetwork::waitFor(const QList<QNetworkReply *> &replies, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](QNetworkReply *reply) { return reply->isFinished(); });
        },
        timeoutMs);
}

void TstNetwork::oneRefreshForManyFailures_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("25") << 25;
    QTest::newRow("300") << 300;
}

void TstNetwork::oneRefreshForManyFailures()
{
    QFETCH(int, count);
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();

    QList<QNetworkReply *> replies;
    QHash<QNetworkReply *, int> finishedCount;
    QHash<QNetworkReply *, int> managerFinished;
    connect(&client->network(), &QNetworkAccessManager::finished, this,
            [&managerFinished](QNetworkReply *reply) { ++managerFinished[reply]; });
    for (int i = 0; i < count; ++i) {
        // Half GETs, half POSTs whose bodies (with non-ASCII and NUL-free
        // binary-ish text) and headers must arrive byte-identical.
        QNetworkReply *reply =
            i % 2 == 0 ? send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"), {},
                              {{"X-Seq", QByteArray::number(i)}})
                       : send(*client, "POST", QStringLiteral("/dev/echo?requireAuth=1"),
                              "订单 #" + QByteArray::number(i) + " \t{\"q\":[1,2]}",
                              {{"X-Seq", QByteArray::number(i)},
                               {"Content-Type", "text/plain; charset=utf-8"}});
        connect(reply, &QNetworkReply::finished, this,
                [&finishedCount, reply] { ++finishedCount[reply]; });
        replies.append(reply);
    }
    QVERIFY(waitFor(replies, 60000));
    QTest::qWait(50); // a second finished() would show up now

    for (int i = 0; i < count; ++i) {
        QNetworkReply *reply = replies[i];
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(statusOf(reply), 200);
        QCOMPARE(finishedCount.value(reply), 1);
        const QJsonObject echo = dataOf(reply);
        QCOMPARE(echo.value(QLatin1String("uid")).toInteger(), client->session().uid());
        const QJsonObject headers = echo.value(QLatin1String("headers")).toObject();
        QCOMPARE(headers.value(QLatin1String("x-seq")).toString(), QString::number(i));
        if (i % 2 == 1) {
            QCOMPARE(echo.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
            QCOMPARE(echo.value(QLatin1String("body")).toString().toUtf8(),
                     "订单 #" + QByteArray::number(i) + " \t{\"q\":[1,2]}");
            QCOMPARE(headers.value(QLatin1String("content-type")).toString(),
                     QStringLiteral("text/plain; charset=utf-8"));
        }
    }
    QCOMPARE(statInt("refreshes"), 1);
    QCOMPARE(client->gate().refreshCount(), 1);
    // The manager reports each reply the caller holds, once; besides those
    // only the session's own refresh call, never an attempt underneath.
    for (QNetworkReply *reply : replies)
        QCOMPARE(managerFinished.value(reply), 1);
    QCOMPARE(managerFinished.size(), count + 1);
    QCOMPARE(client->gate().heldCount(), 0);
}

void TstNetwork::authFailStyles_data()
{
    QTest::addColumn<QString>("style");
    QTest::newRow("401") << "401";
    QTest::newRow("403") << "403";
    QTest::newRow("body") << "body";
}

void TstNetwork::authFailStyles()
{
    QFETCH(QString, style);
    devPost(QStringLiteral("/dev/config"), {{QLatin1String("authFailStyle"), style}});
    mall::net::NetworkSettings settings;
    settings.authFailStyle = *mall::protocol::authFailStyleFromName(style);
    auto client = makeClient(settings);
    QVERIFY(login(*client));
    expireAccess();

    QNetworkReply *echo = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    // A missing step is not a token failure, even when both are HTTP 403.
    QNetworkReply *needMember =
        send(*client, "PUT", QStringLiteral("/api/user/password"), R"({"password":"long enough"})",
             {{"Content-Type", "application/json"}});
    QVERIFY(waitFor({echo, needMember}));
    QCOMPARE(statusOf(echo), 200);
    QCOMPARE(statusOf(needMember), 403);
    QCOMPARE(QJsonDocument::fromJson(needMember->readAll()).object().value(QLatin1String("code")),
             QJsonValue(QLatin1String("NEED_MEMBER")));
    QCOMPARE(statInt("refreshes"), 1);
}

void TstNetwork::staleTokenIsReplayedWithoutRefresh()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();
    // The server holds this one for 600 ms before it looks at the token, so it
    // is refused after the refresh for the other request has completed.
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("delayMs"), 600},
           {QLatin1String("count"), 1}});
    QNetworkReply *slow = send(*client, "GET", QStringLiteral("/api/user/me"));
    QTest::qWait(50);
    QNetworkReply *fast = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({slow, fast}));
    QCOMPARE(statusOf(fast), 200);
    QCOMPARE(statusOf(slow), 200);
    QCOMPARE(statInt("refreshes"), 1);
    QCOMPARE(statInt("authFailures"), 2);
}

void TstNetwork::failedRefreshFailsHeldRequestsCleanly()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();
    fault({{QLatin1String("path"), QLatin1String("/api/auth/refresh")},
           {QLatin1String("status"), 503},
           {QLatin1String("count"), 1}});
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 10; ++i)
        replies.append(send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1")));
    QVERIFY(waitFor(replies));
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->error(), QNetworkReply::TemporaryNetworkFailureError);
        QCOMPARE(reasonOf(reply), FailureReason::RefreshFailed);
        QVERIFY(!reply->errorString().isEmpty());
    }
    QCOMPARE(client->gate().heldCount(), 0);
    // The session lives: the next request refreshes and goes through.
    QNetworkReply *later = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({later}));
    QCOMPARE(statusOf(later), 200);
    // Two refreshes were tried; the server counts only the one it answered
    // (the first met the injected fault before reaching the handler).
    QCOMPARE(client->gate().refreshCount(), 2);
    QCOMPARE(statInt("refreshes"), 1);
}

void TstNetwork::deadRefreshTokenFallsBackToSilentLogin()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    const qint64 uid = client->session().uid();
    // The guest becomes a member elsewhere (phone login with its token): its
    // own family, refresh token included, is revoked by that login.
    const QString phone = QStringLiteral("13600000077");
    m_http->post(QStringLiteral("/api/auth/sms/send"), {{QLatin1String("phone"), phone}});
    const QString code = m_http->get(QStringLiteral("/dev/sms?phone=") + phone)
                             .object()
                             .value(QLatin1String("code"))
                             .toString();
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/phone-login"),
                        {{QLatin1String("phone"), phone}, {QLatin1String("smsCode"), code}},
                        client->session().accessToken())
                 .code,
             QStringLiteral("OK"));
    const int loginsBefore = statInt("logins");

    QNetworkReply *reply = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({reply}));
    QCOMPARE(statusOf(reply), 200);
    const QJsonObject me = dataOf(reply);
    QCOMPARE(me.value(QLatin1String("uid")).toInteger(), uid); // still the same user...
    QCOMPARE(me.value(QLatin1String("step")).toInt(), 2);      // ...and still a member
    QCOMPARE(client->session().authStep(), 2);
    QCOMPARE(statInt("logins"), loginsBefore + 1);

    // The same through /dev/expire refresh.
    devPost(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("refresh")}});
    expireAccess();
    QNetworkReply *again = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({again}));
    QCOMPARE(statusOf(again), 200);
    QCOMPARE(dataOf(again).value(QLatin1String("uid")).toInteger(), uid);
}

void TstNetwork::reusedRefreshTokenRecoversThroughSilentLogin()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    const qint64 uid = client->session().uid();
    // Someone else rotates this session's refresh token (a stolen copy)...
    const HttpReply stolen = m_http->post(
        QStringLiteral("/api/auth/refresh"),
        {{QLatin1String("refreshToken"), QString::fromLatin1(client->session().refreshToken())}});
    QCOMPARE(stolen.code, QStringLiteral("OK"));
    devPost(QStringLiteral("/dev/clock"), {{QLatin1String("advance"), 11}});
    expireAccess();
    QSignalSpy expired(&client->gate(), &mall::net::AuthGate::sessionExpired);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i)
        replies.append(send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1")));
    QVERIFY(waitFor(replies));
    // ...the client's refresh reveals the reuse, the family dies, and this
    // device gets back in through a silent login: the same user, no error.
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(dataOf(reply).value(QLatin1String("uid")).toInteger(), uid);
    }
    QCOMPARE(expired.count(), 0);
    QCOMPARE(statInt("reuseDetected"), 1);
    // The thief's copy is dead with the family.
    const QByteArray thiefRefresh =
        stolen.object().value(QLatin1String("refreshToken")).toString().toLatin1();
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/refresh"),
                        {{QLatin1String("refreshToken"), QString::fromLatin1(thiefRefresh)}})
                 .code,
             QStringLiteral("REFRESH_INVALID"));
}

void TstNetwork::sessionEndsOnceWhenNothingCanBringItBack()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/refresh"),
                        {{QLatin1String("refreshToken"),
                          QString::fromLatin1(client->session().refreshToken())}})
                 .code,
             QStringLiteral("OK"));
    devPost(QStringLiteral("/dev/clock"), {{QLatin1String("advance"), 11}});
    expireAccess();
    // And the platform refuses the silent login too.
    fault({{QLatin1String("path"), QLatin1String("/api/auth/wx-login")},
           {QLatin1String("status"), 400},
           {QLatin1String("code"), QLatin1String("BAD_CREDENTIALS")},
           {QLatin1String("count"), 100}});
    QSignalSpy expired(&client->gate(), &mall::net::AuthGate::sessionExpired);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i)
        replies.append(send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1")));
    QVERIFY(waitFor(replies));
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(reasonOf(reply), FailureReason::SessionExpired);
    }
    QCOMPARE(expired.count(), 1);
    QVERIFY(client->session().accessToken().isEmpty());
    // More requests fail at once, without another refresh or another signal.
    QNetworkReply *after = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({after}));
    QCOMPARE(reasonOf(after), FailureReason::SessionExpired);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(client->gate().refreshCount(), 1);
}

void TstNetwork::fuseStopsARefreshLoop()
{
    mall::net::NetworkSettings settings;
    settings.refreshFuse = {3, 1000, 400};
    auto client = makeClient(settings);
    QVERIFY(login(*client));
    // A server that refuses every token on this path, however fresh.
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("status"), 401},
           {QLatin1String("code"), QLatin1String("AUTH_FAIL")},
           {QLatin1String("count"), 1000}});
    QList<FailureReason> reasons;
    for (int i = 0; i < 6; ++i) {
        QNetworkReply *reply = send(*client, "GET", QStringLiteral("/api/user/me"));
        QVERIFY(waitFor({reply}));
        QVERIFY(reply->error() != QNetworkReply::NoError);
        reasons.append(reasonOf(reply));
    }
    QCOMPARE(statInt("refreshes"), 3);
    QCOMPARE(reasons.mid(3), QList<FailureReason>(3, FailureReason::FuseBlown));
    // After the restore time, refreshing is allowed again.
    QTest::qWait(450);
    QNetworkReply *reply = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({reply}));
    QCOMPARE(statInt("refreshes"), 4);
}

void TstNetwork::networkErrorsRetryOnlyWhenSafe()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    const auto drop = [this](const QString &path, int count) {
        fault({{QLatin1String("path"), path},
               {QLatin1String("drop"), true},
               {QLatin1String("count"), count}});
    };
    // GET: safe, retried.
    drop(QStringLiteral("/api/user/me"), 1);
    QNetworkReply *get = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({get}));
    QCOMPARE(statusOf(get), 200);

    // POST without Idempotency-Key: never sent twice.
    const QString route = QStringLiteral("POST /api/auth/check-session");
    drop(QStringLiteral("/api/auth/check-session"), 1);
    QNetworkReply *post = send(*client, "POST", QStringLiteral("/api/auth/check-session"), "{}");
    QVERIFY(waitFor({post}));
    QCOMPARE(post->error(), QNetworkReply::RemoteHostClosedError);
    QTest::qWait(700); // longer than any backoff
    QCOMPARE(endpointCount(route), 0);

    // The same POST with an Idempotency-Key: retried.
    drop(QStringLiteral("/api/auth/check-session"), 1);
    QNetworkReply *keyed = send(*client, "POST", QStringLiteral("/api/auth/check-session"), "{}",
                                {{"Idempotency-Key", "k-1"}});
    QVERIFY(waitFor({keyed}));
    QCOMPARE(statusOf(keyed), 200);
    QCOMPARE(endpointCount(route), 1);

    // Retries are bounded: against a server that always drops, the request
    // fails in the end, long before 50 drops are used up. (Qt itself also
    // resends idempotent requests on a dropped keep-alive connection, so the
    // exact number of tries is ours times Qt's.)
    drop(QStringLiteral("/api/user/me"), 50);
    QNetworkReply *doomed = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({doomed}));
    QCOMPARE(doomed->error(), QNetworkReply::RemoteHostClosedError);
    QCOMPARE(statInt("pendingFaults"), 1);
}

void TstNetwork::timeoutsRetryOnlyWhenSafe()
{
    mall::net::NetworkSettings settings;
    settings.transferTimeoutMs = 300;
    auto client = makeClient(settings);
    QVERIFY(login(*client));
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("delayMs"), 1000},
           {QLatin1String("count"), 1}});
    QNetworkReply *get = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({get}));
    QCOMPARE(statusOf(get), 200);

    fault({{QLatin1String("path"), QLatin1String("/api/auth/check-session")},
           {QLatin1String("delayMs"), 1000},
           {QLatin1String("count"), 1}});
    QNetworkReply *post = send(*client, "POST", QStringLiteral("/api/auth/check-session"), "{}");
    QVERIFY(waitFor({post}));
    QVERIFY(post->error() != QNetworkReply::NoError);
    // The client hung up, so the server drops the delayed request; a second
    // send would meet no fault (count 1) and be answered and counted at once.
    QTest::qWait(1500);
    QCOMPARE(endpointCount(QStringLiteral("POST /api/auth/check-session")), 0);
}

void TstNetwork::tokenGoesOnlyToTheApiOrigin()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    QNetworkReply *foreign = client->network().get(
        QNetworkRequest(m_other.url().resolved(QUrl(QStringLiteral("/dev/echo")))));
    QNetworkRequest skip(m_server.url().resolved(QUrl(QStringLiteral("/dev/echo"))));
    skip.setAttribute(QNetworkRequest::Attribute(mall::net::SkipAuthAttribute), true);
    QNetworkReply *skipped = client->network().get(skip);
    QNetworkReply *own = send(*client, "GET", QStringLiteral("/dev/echo"));
    QVERIFY(waitFor({foreign, skipped, own}));
    QCOMPARE(dataOf(foreign).value(QLatin1String("authorization")).toBool(), false);
    QCOMPARE(dataOf(skipped).value(QLatin1String("authorization")).toBool(), false);
    QCOMPARE(dataOf(own).value(QLatin1String("authorization")).toBool(), true);
}

void TstNetwork::crossOriginRedirectsDropTheToken_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("expectedVerb");
    QTest::addColumn<bool>("bodyKept");
    for (int status : {301, 302, 307, 308}) {
        QTest::addRow("%d GET", status)
            << status << QByteArray("GET") << QByteArray("GET") << false;
        const bool keeps = status == 307 || status == 308;
        QTest::addRow("%d POST", status)
            << status << QByteArray("POST") << QByteArray(keeps ? "POST" : "GET") << keeps;
    }
}

void TstNetwork::crossOriginRedirectsDropTheToken()
{
    QFETCH(int, status);
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, expectedVerb);
    QFETCH(bool, bodyKept);
    auto client = makeClient();
    QVERIFY(login(*client));
    const QString target = m_other.url().resolved(QUrl(QStringLiteral("/dev/echo"))).toString();
    const QString path = QStringLiteral("/dev/redirect?status=%1&to=%2")
                             .arg(status)
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(target)));
    QNetworkReply *reply = send(*client, verb, path, verb == "POST" ? "payload" : QByteArray());
    QSignalSpy redirected(reply, &QNetworkReply::redirected);
    QVERIFY(waitFor({reply}));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(redirected.count(), 1);
    QCOMPARE(reply->url().port(), m_other.url().port());
    const QJsonObject echo = dataOf(reply);
    QCOMPARE(echo.value(QLatin1String("authorization")).toBool(), false);
    QCOMPARE(echo.value(QLatin1String("method")).toString().toLatin1(), expectedVerb);
    QCOMPARE(echo.value(QLatin1String("body")).toString(),
             bodyKept ? QStringLiteral("payload") : QString());
}

void TstNetwork::sameOriginRedirectKeepsTheToken()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    const QString target =
        m_server.url().resolved(QUrl(QStringLiteral("/dev/echo?requireAuth=1"))).toString();
    QNetworkReply *reply = send(*client, "GET",
                                QStringLiteral("/dev/redirect?status=302&to=") +
                                    QString::fromLatin1(QUrl::toPercentEncoding(target)));
    QVERIFY(waitFor({reply}));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(dataOf(reply).value(QLatin1String("uid")).toInteger(), client->session().uid());
}

void TstNetwork::proactiveRefreshMeansNoAuthFailures()
{
    devPost(QStringLiteral("/dev/config"), {{QLatin1String("accessTtl"), 2}});
    auto client = makeClient();
    QVERIFY(login(*client));
    QElapsedTimer run;
    run.start();
    int requests = 0;
    // A 2 s token lives 2 to 3 s and is renewed 3/8 s before it ends: in
    // 6 s, at least two renewals and at most three.
    while (run.elapsed() < 6000) {
        QNetworkReply *reply = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
        QVERIFY(waitFor({reply}));
        QCOMPARE(statusOf(reply), 200);
        ++requests;
        QTest::qWait(50);
    }
    QVERIFY(requests > 20);
    QCOMPARE(statInt("authFailures"), 0);
    QVERIFY2(statInt("refreshes") >= 2, "the 2 s tokens were not renewed ahead of expiry");
    // ...and not in a loop either: a 2 s token serves about 2 s here.
    QVERIFY2(statInt("refreshes") <= 3, QByteArray::number(statInt("refreshes")).constData());
}

void TstNetwork::clockSkewIsCorrectedFromTheDateHeader()
{
    // The server's clock runs five minutes ahead: read naively, every token
    // would seem to have five more minutes to live than it has.
    devPost(QStringLiteral("/dev/clock"), {{QLatin1String("advance"), 300}});
    devPost(QStringLiteral("/dev/config"), {{QLatin1String("accessTtl"), 3}});
    auto client = makeClient();
    QVERIFY(login(*client));
    QElapsedTimer run;
    run.start();
    while (run.elapsed() < 7000) {
        QNetworkReply *reply = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
        QVERIFY(waitFor({reply}));
        QCOMPARE(statusOf(reply), 200);
        QTest::qWait(100);
    }
    QCOMPARE(statInt("authFailures"), 0);
    QVERIFY(statInt("refreshes") >= 2);
    const qint64 offset = client->gate().serverClock().offsetMs();
    QVERIFY2(offset > 298000 && offset < 302000, QByteArray::number(offset).constData());
}

void TstNetwork::lowPriorityNeverStartsARefresh()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();
    QNetworkReply *telemetry = send(*client, "POST", QStringLiteral("/dev/echo?requireAuth=1"),
                                    R"({"events":[]})", {}, QNetworkRequest::LowPriority);
    QVERIFY(waitFor({telemetry}));
    QVERIFY(telemetry->error() != QNetworkReply::NoError);
    QCOMPARE(statInt("refreshes"), 0);

    // While a refresh runs (slowed down here), low-priority traffic waits for it.
    fault({{QLatin1String("path"), QLatin1String("/api/auth/refresh")},
           {QLatin1String("delayMs"), 400},
           {QLatin1String("count"), 1}});
    QNetworkReply *normal = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(QTest::qWaitFor([&] { return client->gate().heldCount() > 0; }, 5000));
    QNetworkReply *waiting = send(*client, "POST", QStringLiteral("/dev/echo?requireAuth=1"),
                                  R"({"events":[1]})", {}, QNetworkRequest::LowPriority);
    QVERIFY(waitFor({normal, waiting}));
    QCOMPARE(statusOf(normal), 200);
    QCOMPARE(statusOf(waiting), 200);
    QCOMPARE(statInt("refreshes"), 1);
}

void TstNetwork::tokensArePersistedBeforeHeldRequestsGo()
{
    auto store = std::make_unique<SlowTokenStore>();
    SlowTokenStore *slow = store.get();
    auto client = makeClient({}, std::move(store));
    QVERIFY(login(*client));
    expireAccess();
    QList<QNetworkReply *> replies;
    QHash<QNetworkReply *, qint64> finishedAt;
    for (int i = 0; i < 5; ++i) {
        QNetworkReply *reply = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
        connect(reply, &QNetworkReply::finished, this,
                [&finishedAt, reply] { finishedAt[reply] = QDateTime::currentMSecsSinceEpoch(); });
        replies.append(reply);
    }
    const qint64 saveBefore = slow->lastSaveCompletedMs;
    QVERIFY(waitFor(replies));
    QVERIFY(slow->lastSaveCompletedMs > saveBefore);
    for (QNetworkReply *reply : replies) {
        QCOMPARE(statusOf(reply), 200);
        QVERIFY(finishedAt.value(reply) >= slow->lastSaveCompletedMs);
    }
}

void TstNetwork::abortWhileHeldOrInFlight()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();
    fault({{QLatin1String("path"), QLatin1String("/api/auth/refresh")},
           {QLatin1String("delayMs"), 400},
           {QLatin1String("count"), 1}});
    QNetworkReply *first = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(QTest::qWaitFor([&] { return client->gate().heldCount() > 0; }, 5000));
    QNetworkReply *held = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(QTest::qWaitFor([&] { return client->gate().heldCount() > 1; }, 5000));
    QSignalSpy heldFinished(held, &QNetworkReply::finished);
    held->abort();
    QCOMPARE(heldFinished.count(), 1);
    QCOMPARE(held->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(waitFor({first}));
    QCOMPARE(statusOf(first), 200);
    QTest::qWait(100);
    QCOMPARE(heldFinished.count(), 1);
    QCOMPARE(client->gate().heldCount(), 0);
    held->abort(); // aborting again changes nothing
    QCOMPARE(heldFinished.count(), 1);

    // In flight: the server sits on it.
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("delayMs"), 500},
           {QLatin1String("count"), 1}});
    QNetworkReply *slow = send(*client, "GET", QStringLiteral("/api/user/me"));
    QSignalSpy slowFinished(slow, &QNetworkReply::finished);
    QTest::qWait(150);
    slow->abort();
    QCOMPARE(slowFinished.count(), 1);
    QTest::qWait(600);
    QCOMPARE(slowFinished.count(), 1);
    QCOMPARE(slow->error(), QNetworkReply::OperationCanceledError);
}

void TstNetwork::destroyingTheManagerMidFlightIsSafe()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("delayMs"), 300},
           {QLatin1String("count"), 5}});
    QList<QPointer<QNetworkReply>> replies;
    for (int i = 0; i < 20; ++i)
        replies.append(send(*client, "GET",
                            i % 2 ? QStringLiteral("/api/user/me")
                                  : QStringLiteral("/dev/echo?requireAuth=1")));
    QTest::qWait(20);
    client.reset();
    QTest::qWait(700); // late answers and queued signals find nothing to crash on
    for (const auto &reply : replies)
        QVERIFY(reply.isNull()); // the replies went with their manager
}

void TstNetwork::qmlXmlHttpRequestGoesThroughTheFactory()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    expireAccess();
    mall::net::ApiNetworkManagerFactory factory(&client->gate());
    QQmlEngine engine;
    engine.setNetworkAccessManagerFactory(&factory);
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQml
        QtObject {
            property string url
            property int status: 0
            property string body
            function go() {
                var xhr = new XMLHttpRequest();
                xhr.onreadystatechange = function() {
                    if (xhr.readyState === XMLHttpRequest.DONE) { body = xhr.responseText; status = xhr.status }
                };
                xhr.open("POST", url);
                xhr.setRequestHeader("Content-Type", "application/json");
                xhr.send(JSON.stringify({ from: "qml", n: 42 }));
            }
        })",
                      QUrl());
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    object->setProperty(
        "url", m_server.url().resolved(QUrl(QStringLiteral("/dev/echo?requireAuth=1"))).toString());
    QMetaObject::invokeMethod(object.get(), "go");
    QTRY_COMPARE_WITH_TIMEOUT(object->property("status").toInt(), 200, 10000);
    const QJsonObject echo = QJsonDocument::fromJson(object->property("body").toString().toUtf8())
                                 .object()
                                 .value(QLatin1String("data"))
                                 .toObject();
    QCOMPARE(echo.value(QLatin1String("uid")).toInteger(), client->session().uid());
    QCOMPARE(echo.value(QLatin1String("body")).toString(),
             QStringLiteral(R"({"from":"qml","n":42})"));
    QCOMPARE(statInt("refreshes"), 1);
}

namespace {
QStringList *capturedMessages = nullptr;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (capturedMessages)
        capturedMessages->append(message);
}
} // namespace

void TstNetwork::logsCarryNoTokens()
{
    QStringList messages;
    capturedMessages = &messages;
    QLoggingCategory::setFilterRules(QStringLiteral("*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    auto client = makeClient();
    QByteArrayList tokens;
    bool ok = login(*client);
    tokens << client->session().accessToken() << client->session().refreshToken();
    expireAccess();
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i)
        replies.append(send(*client, "POST", QStringLiteral("/dev/echo?requireAuth=1"), "{}"));
    ok = ok && waitFor(replies);
    tokens << client->session().accessToken() << client->session().refreshToken();
    // And a failure path: a reused token ends the session.
    m_http->post(QStringLiteral("/api/auth/refresh"),
                 {{QLatin1String("refreshToken"), QString::fromLatin1(tokens.last())}});
    devPost(QStringLiteral("/dev/clock"), {{QLatin1String("advance"), 11}});
    expireAccess();
    QNetworkReply *last = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    ok = ok && waitFor({last});
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    capturedMessages = nullptr;

    QVERIFY(ok);
    QVERIFY2(messages.size() > 5, "nothing was logged at all");
    const QString all = messages.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("refresh")));
    for (const QByteArray &token : tokens) {
        QVERIFY(!token.isEmpty());
        QVERIFY2(!all.contains(QString::fromLatin1(token)), token.constData());
    }
}

void TstNetwork::aRefreshThatNeverAnswersEndsInTime()
{
    // The refresh call itself times out...
    mall::net::NetworkSettings settings;
    settings.transferTimeoutMs = 400;
    auto client = makeClient(settings);
    QVERIFY(login(*client));
    expireAccess();
    fault({{QLatin1String("path"), QLatin1String("/api/auth/refresh")},
           {QLatin1String("delayMs"), 3000},
           {QLatin1String("count"), 1}});
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *held = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({held}, 5000));
    QCOMPARE(reasonOf(held), FailureReason::RefreshFailed);
    QVERIFY2(clock.elapsed() < 2500, QByteArray::number(clock.elapsed()).constData());

    // ...and if it did not, the gate's watchdog ends the wait.
    mall::net::NetworkSettings patient;
    patient.refreshTimeoutMs = 500;
    auto other = makeClient(patient);
    QVERIFY(login(*other));
    expireAccess();
    fault({{QLatin1String("path"), QLatin1String("/api/auth/refresh")},
           {QLatin1String("delayMs"), 2000},
           {QLatin1String("count"), 1}});
    clock.restart();
    QNetworkReply *waiting = send(*other, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({waiting}, 5000));
    QCOMPARE(reasonOf(waiting), FailureReason::RefreshFailed);
    QVERIFY2(clock.elapsed() < 1500, QByteArray::number(clock.elapsed()).constData());
    // The late answer still brings its token in.
    QTest::qWait(2000);
    QNetworkReply *after = send(*other, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({after}));
    QCOMPARE(statusOf(after), 200);
}

void TstNetwork::abortInRedirectedRefusesTheRedirect()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    const QString target = m_server.url().resolved(QUrl(QStringLiteral("/api/user/me"))).toString();
    QNetworkReply *reply = send(*client, "GET",
                                QStringLiteral("/dev/redirect?status=307&to=") +
                                    QString::fromLatin1(QUrl::toPercentEncoding(target)));
    int finished = 0;
    int afterFinish = 0;
    connect(reply, &QNetworkReply::redirected, reply, &QNetworkReply::abort);
    connect(reply, &QNetworkReply::finished, this, [&] { ++finished; });
    connect(reply, &QNetworkReply::metaDataChanged, this, [&] { afterFinish += finished; });
    connect(reply, &QNetworkReply::readyRead, this, [&] { afterFinish += finished; });
    QVERIFY(waitFor({reply}));
    QTest::qWait(300);
    QCOMPARE(finished, 1);
    QCOMPARE(afterFinish, 0);
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(endpointCount(QStringLiteral("GET /api/user/me")), 0); // never sent
}

void TstNetwork::closeCancelsLikeAbort()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("delayMs"), 500},
           {QLatin1String("count"), 1}});
    QNetworkReply *reply = send(*client, "GET", QStringLiteral("/api/user/me"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTest::qWait(100);
    QCOMPARE(client->network().inFlightCount(), 1);
    reply->close();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(client->network().inFlightCount(), 0);
}

void TstNetwork::redirectChainsAreFollowedPastTheOrigin()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    const QString final = m_other.url().resolved(QUrl(QStringLiteral("/dev/echo"))).toString();
    const QString hop = m_other.url()
                            .resolved(QUrl(QStringLiteral("/dev/redirect?status=302&to=") +
                                           QString::fromLatin1(QUrl::toPercentEncoding(final))))
                            .toString();
    QNetworkReply *reply = send(*client, "GET",
                                QStringLiteral("/dev/redirect?status=301&to=") +
                                    QString::fromLatin1(QUrl::toPercentEncoding(hop)));
    QSignalSpy redirected(reply, &QNetworkReply::redirected);
    QVERIFY(waitFor({reply}));
    QCOMPARE(statusOf(reply), 200);
    QCOMPARE(redirected.count(), 2);
    QCOMPARE(reply->url().path(), QStringLiteral("/dev/echo"));
    QCOMPARE(dataOf(reply).value(QLatin1String("authorization")).toBool(), false);
}

void TstNetwork::onlyHttpRedirectsAreFollowed()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    QNetworkReply *reply =
        send(*client, "GET",
             QStringLiteral("/dev/redirect?status=302&to=file%3A%2F%2F%2Fetc%2Fhostname"));
    QVERIFY(waitFor({reply}));
    QCOMPARE(reply->error(), QNetworkReply::ProtocolUnknownError);
    QVERIFY(reply->readAll().isEmpty());
}

void TstNetwork::aRefusalAfterTheReplayKeepsItsBody()
{
    auto client = makeClient();
    QVERIFY(login(*client));
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("status"), 401},
           {QLatin1String("code"), QLatin1String("AUTH_FAIL")},
           {QLatin1String("count"), 2}});
    QNetworkReply *reply = send(*client, "GET", QStringLiteral("/api/user/me"));
    QSignalSpy readyRead(reply, &QIODevice::readyRead);
    QVERIFY(waitFor({reply}));
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(statusOf(reply), 401);
    QVERIFY(readyRead.count() >= 1);
    QVERIFY(reply->rawHeader("Content-Type").startsWith("application/json"));
    QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("code")),
             QJsonValue(QLatin1String("AUTH_FAIL")));
    QCOMPARE(statInt("refreshes"), 1);
}

void TstNetwork::aFailedRefreshAheadOfExpiryStillSends()
{
    devPost(QStringLiteral("/dev/config"), {{QLatin1String("accessTtl"), 6}});
    auto client = makeClient();
    QVERIFY(login(*client));
    // The refresh will fail; set up now, so that the wait below leaves the
    // whole lead time (an eighth of the life) to the refresh and the request.
    fault({{QLatin1String("path"), QLatin1String("/api/auth/refresh")},
           {QLatin1String("status"), 503},
           {QLatin1String("count"), 1}});
    // Near expiry, the next request refreshes ahead of it.
    QTRY_VERIFY_WITH_TIMEOUT(client->gate().refreshDue(), 8000);
    QVERIFY(client->gate().serverClock().serverNowSecs() < client->gate().accessExpiresAt());
    QNetworkReply *reply = send(*client, "GET", QStringLiteral("/dev/echo?requireAuth=1"));
    QVERIFY(waitFor({reply}));
    QCOMPARE(client->gate().refreshCount(), 1); // it was tried...
    QCOMPARE(statusOf(reply), 200);             // ...and the still-good token was used
    QCOMPARE(statInt("authFailures"), 0);
}

void TstNetwork::a403WithoutAuthFailIsNotATokenProblem()
{
    devPost(QStringLiteral("/dev/config"),
            {{QLatin1String("authFailStyle"), QLatin1String("403")}});
    mall::net::NetworkSettings settings;
    settings.authFailStyle = mall::protocol::AuthFailStyle::Status403;
    auto client = makeClient(settings);
    QVERIFY(login(*client));
    // A 403 from something else (a firewall, a proxy), not a token refusal.
    fault({{QLatin1String("path"), QLatin1String("/api/user/me")},
           {QLatin1String("status"), 403},
           {QLatin1String("code"), QLatin1String("FORBIDDEN_BY_PROXY")},
           {QLatin1String("count"), 1}});
    QNetworkReply *reply = send(*client, "GET", QStringLiteral("/api/user/me"));
    QVERIFY(waitFor({reply}));
    QCOMPARE(statusOf(reply), 403);
    QCOMPARE(client->gate().refreshCount(), 0);
}

QTEST_MAIN(TstNetwork)
#include "tst_network.moc"
