// Session and keychain against a real mall-server and a real Secret Service
// (run under scripts/with-keyring.sh, as ./test.sh does).

#include "auth/keychaintokenstore.h"
#include "auth/mallclient.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QDirIterator>
#include <QJSEngine>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using mall::api::ApiResult;
using mall::auth::AuthGuard;
using mall::auth::MallClient;

namespace {

// Runs the event loop until `done` holds: callbacks here come from the loop.
template <typename F> bool spinUntil(F done, int timeoutMs = 15000)
{
    return QTest::qWaitFor(done, timeoutMs);
}

ApiResult await(const std::function<void(std::function<void(const ApiResult &)>)> &start)
{
    std::optional<ApiResult> result;
    start([&result](const ApiResult &r) { result = r; });
    spinUntil([&] { return result.has_value(); });
    return result.value_or(ApiResult{});
}

} // namespace

class TstSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void restartRestoresSessionAndShowsCachedUserFirst();
    void keychainEntriesArePerOriginAndRemovedOnLogout();
    void nothingSecretInAnyFileUnderHome();
    void noKeychainKeepsTokensInMemoryAndSaysSoOnce();
    void requestsWaitForReadyInsteadOfRacing();
    void tenConcurrentSilentLoginsMakeOneWxLogin();
    void deadRefreshTokenKeepsMemberAMember();
    void smsLoginLinksTheGuestAndCooldownCountsDown();
    void sessionKeyRotatedBeforeBindIsRenewedFirst();
    void lyingCheckSessionEndsInOneRetryPrompt();
    void profileAuthorizationReachesStepThree();
    void mustAuthRunsNowWhenAlreadyThere();
    void mustAuthResumesExactlyOnce();
    void mustAuthGuestToMemberInfoGoesThroughBothSteps();
    void mustAuthIsDroppedOnCancelAndLogout();
    void mustAuthTakesAJavaScriptFunction();
    void browserLoginWithPkce();
    void logoutStartsOverAsANewGuest();

private:
    std::unique_ptr<MallClient> makeClient(const QString &deviceId = {}, bool keychain = true,
                                           const QUrl &api = {});
    bool initSession(MallClient &client);
    QString smsCode(const QString &phone)
    {
        return m_http->get(QStringLiteral("/dev/sms?phone=") + phone)
            .object()
            .value(QLatin1String("code"))
            .toString();
    }
    QJsonObject stats() { return m_http->get(QStringLiteral("/dev/stats")).object(); }
    int endpoint(const QString &route)
    {
        return stats().value(QLatin1String("endpoints")).toObject().value(route).toInt();
    }
    void devPost(const QString &path, const QJsonObject &body)
    {
        QCOMPARE(m_http->post(path, body).code, QStringLiteral("OK"));
    }
    ApiResult smsLogin(MallClient &client, const QString &phone);

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    bool m_keychain = false;
};

std::unique_ptr<MallClient> TstSession::makeClient(const QString &deviceId, bool keychain,
                                                   const QUrl &api)
{
    MallClient::Options options;
    options.network.apiOrigin = api.isEmpty() ? m_server.url() : api;
    options.deviceId =
        deviceId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : deviceId;
    options.useKeychain = keychain;
    options.useUserCache = true;
    return std::make_unique<MallClient>(std::move(options));
}

bool TstSession::initSession(MallClient &client)
{
    client.session().init();
    return spinUntil([&] { return client.session().isReady(); });
}

ApiResult TstSession::smsLogin(MallClient &client, const QString &phone)
{
    const ApiResult sent = await([&](auto done) { client.phoneLogin().sendSmsCode(phone, done); });
    if (!sent.ok())
        return sent;
    return await([&](auto done) { client.phoneLogin().loginWithSms(phone, smsCode(phone), done); });
}

void TstSession::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("mall-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_session"));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
    // Is there a Secret Service? Under ./test.sh there is (with-keyring.sh).
    mall::auth::KeychainTokenStore probe(QStringLiteral("probe:") + QUuid::createUuid().toString());
    QSignalSpy unavailable(&probe, &mall::auth::KeychainTokenStore::unavailable);
    bool saved = false;
    probe.save({"a", "r"}, [&](bool, const QString &) { saved = true; });
    QVERIFY(spinUntil([&] { return saved; }));
    m_keychain = unavailable.isEmpty();
    probe.clear([](bool, const QString &) {});
}

void TstSession::init()
{
    if (!m_keychain)
        QSKIP("no Secret Service here: run ./test.sh, which provides a throwaway one");
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).code, QStringLiteral("OK"));
    devPost(QStringLiteral("/dev/config"), {{QLatin1String("checkSessionLies"), false}});
    // Each test is a fresh installation: the keychain entry and the user
    // cache are per backend origin, and the server was just emptied.
    const QString origin = m_server.url().toString(QUrl::RemovePath);
    bool cleared = false;
    mall::auth::KeychainTokenStore store(origin);
    store.clear([&](bool, const QString &) { cleared = true; });
    QVERIFY(spinUntil([&] { return cleared; }));
    mall::auth::UserCache(origin).clear();
}

void TstSession::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

void TstSession::restartRestoresSessionAndShowsCachedUserFirst()
{
    const QString device = QUuid::createUuid().toString(QUuid::WithoutBraces);
    qint64 uid = 0;
    QByteArray refreshToken;
    {
        auto first = makeClient(device);
        QVERIFY(initSession(*first));
        QVERIFY(first->store().isPersistent());
        QVERIFY(smsLogin(*first, QStringLiteral("13500000001")).ok());
        uid = first->session().uid();
        refreshToken = first->session().refreshToken();
        QCOMPARE(first->session().authStep(), 2);
    }
    const int loginsBefore = stats().value(QLatin1String("logins")).toInt();

    // A new process would start exactly like this.
    auto second = makeClient(device);
    QSignalSpy userChanged(&second->session(), &mall::auth::Session::userChanged);
    second->session().init();
    // Before the event loop has run once, so before any network call: the
    // cached user is there to show.
    QCOMPARE(second->session().uid(), uid);
    QCOMPARE(second->session().authStep(), 2);
    QVERIFY(second->session().user().value(QLatin1String("phone")).isUndefined()); // not cached
    QVERIFY(spinUntil([&] { return second->session().isReady(); }));
    QCOMPARE(second->session().refreshToken(), refreshToken);
    const ApiResult me =
        await([&](auto done) { second->api().get(QStringLiteral("/api/user/me"), done); });
    QCOMPARE(me.object().value(QLatin1String("uid")).toInteger(), uid);
    QCOMPARE(stats().value(QLatin1String("logins")).toInt(),
             loginsBefore); // restored, not re-logged
}

void TstSession::keychainEntriesArePerOriginAndRemovedOnLogout()
{
    using mall::auth::KeychainTokenStore;
    KeychainTokenStore a(QStringLiteral("http://origin-a.test:1"));
    KeychainTokenStore b(QStringLiteral("http://origin-b.test:2"));
    QVERIFY(a.entryKey() != b.entryKey());
    bool done = false;
    a.save({"access-a", "refresh-a"}, [&](bool ok, const QString &) { done = ok; });
    QVERIFY(spinUntil([&] { return done; }));
    done = false;
    b.save({"access-b", "refresh-b"}, [&](bool ok, const QString &) { done = ok; });
    QVERIFY(spinUntil([&] { return done; }));

    std::optional<mall::auth::StoredTokens> loaded;
    done = false;
    a.load([&](auto tokens, const QString &) {
        loaded = tokens;
        done = true;
    });
    QVERIFY(spinUntil([&] { return done; }));
    QVERIFY(loaded);
    QCOMPARE(loaded->refreshToken, QByteArray("refresh-a"));

    // Removed: a new store for the same origin finds nothing.
    done = false;
    a.clear([&](bool ok, const QString &) { done = ok; });
    QVERIFY(spinUntil([&] { return done; }));
    // A store that goes away answers what it still owed, with a failure.
    std::optional<bool> abandoned;
    {
        KeychainTokenStore shortLived(QStringLiteral("http://origin-c.test:3"));
        shortLived.save({"x", "y"}, [&](bool ok, const QString &) { abandoned = ok; });
    }
    QCOMPARE(abandoned, std::optional<bool>(false));
    done = false;
    KeychainTokenStore again(QStringLiteral("http://origin-a.test:1"));
    again.load([&](auto tokens, const QString &) {
        loaded = tokens;
        done = true;
    });
    QVERIFY(spinUntil([&] { return done; }));
    QVERIFY(!loaded);
    // Clearing what is not there is fine.
    done = false;
    again.clear([&](bool ok, const QString &) { done = ok; });
    QVERIFY(spinUntil([&] { return done; }));
    b.clear([](bool, const QString &) {});

    // And through a real logout: the member's refresh token is gone.
    auto client = makeClient();
    QVERIFY(initSession(*client));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000002")).ok());
    const QByteArray memberRefresh = client->session().refreshToken();
    QVERIFY(await([&](auto d) { client->session().logout(d); }).ok());
    done = false;
    KeychainTokenStore(m_server.url().toString(QUrl::RemovePath))
        .load([&](auto tokens, const QString &) {
            loaded = tokens;
            done = true;
        });
    QVERIFY(spinUntil([&] { return done; }));
    QVERIFY(!loaded || loaded->refreshToken != memberRefresh);
}

void TstSession::nothingSecretInAnyFileUnderHome()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000003")).ok());
    const QByteArray access = client->session().accessToken();
    const QByteArray refresh = client->session().refreshToken();
    QVERIFY(!access.isEmpty() && !refresh.isEmpty());
    client.reset(); // settle what is written on the way out
    int scanned = 0;
    QDirIterator files(QDir::homePath(), QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (!file.open(QIODevice::ReadOnly) || file.size() > 50 * 1024 * 1024)
            continue;
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(access), qPrintable(file.fileName()));
        QVERIFY2(!bytes.contains(refresh), qPrintable(file.fileName()));
        QVERIFY2(!bytes.contains(refresh.left(24)), qPrintable(file.fileName()));
        ++scanned;
    }
    // The user cache was written somewhere under HOME, and it was scanned.
    QVERIFY(scanned > 0);
}

void TstSession::noKeychainKeepsTokensInMemoryAndSaysSoOnce()
{
    // In a child process with no D-Bus to reach, the store must fall back.
    QTemporaryDir home;
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MALL_KEYCHAIN_CHILD"), QStringLiteral("1"));
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent/bus"));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    const QByteArray output = child.readAllStandardOutput() + child.readAllStandardError();
    QVERIFY2(child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("memory-only: ok"), output.constData());
    // Nothing at all written for the tokens.
    QDirIterator files(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("child-refresh-token"), qPrintable(file.fileName()));
    }
}

void TstSession::requestsWaitForReadyInsteadOfRacing()
{
    auto client = makeClient();
    client->session().init();
    // Sent before the session is ready (the seeds' onLoad before onLaunch).
    QNetworkReply *early = client->network().get(
        QNetworkRequest(m_server.url().resolved(QUrl(QStringLiteral("/dev/echo?requireAuth=1")))));
    QVERIFY(spinUntil([&] { return early->isFinished(); }));
    QCOMPARE(early->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(stats().value(QLatin1String("authFailures")).toInt(), 0);
    QCOMPARE(stats().value(QLatin1String("refreshes")).toInt(), 0);
}

void TstSession::tenConcurrentSilentLoginsMakeOneWxLogin()
{
    auto client = makeClient(QString(), false);
    int ok = 0;
    for (int i = 0; i < 10; ++i)
        client->session().silentLogin([&ok](const ApiResult &r) { ok += r.ok(); });
    QVERIFY(spinUntil([&] { return ok == 10; }));
    QCOMPARE(endpoint(QStringLiteral("POST /wx/login")), 1);
    QCOMPARE(endpoint(QStringLiteral("POST /api/auth/wx-login")), 1);
}

void TstSession::deadRefreshTokenKeepsMemberAMember()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000004")).ok());
    const qint64 uid = client->session().uid();
    devPost(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("refresh")}});
    devPost(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("access")}});
    const ApiResult me =
        await([&](auto done) { client->api().get(QStringLiteral("/api/user/me"), done); });
    QVERIFY2(me.ok(), qPrintable(me.message));
    QCOMPARE(me.object().value(QLatin1String("uid")).toInteger(), uid);
    QCOMPARE(me.object().value(QLatin1String("step")).toInt(), 2);
    QCOMPARE(client->session().authStep(), 2);
}

void TstSession::smsLoginLinksTheGuestAndCooldownCountsDown()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    const qint64 guest = client->session().uid();
    const QString phone = QStringLiteral("13500000005");
    QVERIFY(await([&](auto d) { client->phoneLogin().sendSmsCode(phone, d); }).ok());
    QCOMPARE(client->phoneLogin().smsCooldown(), 60);
    // A second send inside the cooldown does not even reach the server.
    const int sends = endpoint(QStringLiteral("POST /api/auth/sms/send"));
    const ApiResult again = await([&](auto d) { client->phoneLogin().sendSmsCode(phone, d); });
    QCOMPARE(again.code, QStringLiteral("RATE_LIMITED"));
    QCOMPARE(endpoint(QStringLiteral("POST /api/auth/sms/send")), sends);
    QVERIFY(spinUntil([&] { return client->phoneLogin().smsCooldown() <= 59; }, 3000));
    // Bad input is caught before any request.
    QCOMPARE(await([&](auto d) {
                 client->phoneLogin().loginWithSms(QStringLiteral("12345"),
                                                   QStringLiteral("123456"), d);
             }).code,
             QStringLiteral("BAD_REQUEST"));
    QCOMPARE(await([&](auto d) {
                 client->phoneLogin().loginWithSms(phone, QStringLiteral("12"), d);
             }).code,
             QStringLiteral("BAD_REQUEST"));
    const ApiResult login =
        await([&](auto d) { client->phoneLogin().loginWithSms(phone, smsCode(phone), d); });
    QVERIFY2(login.ok(), qPrintable(login.message));
    QCOMPARE(client->session().uid(), guest); // the guest became the member
    QCOMPARE(client->session().authStep(), 2);
}

void TstSession::sessionKeyRotatedBeforeBindIsRenewedFirst()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    const qint64 guest = client->session().uid();
    devPost(QStringLiteral("/dev/expire"),
            {{QLatin1String("what"), QLatin1String("sessionKey")}, {QLatin1String("uid"), guest}});
    const int logins = stats().value(QLatin1String("logins")).toInt();
    const ApiResult bound = await([&](auto d) {
        client->phoneLogin().bindPhoneWithPlatform(QStringLiteral("13500000006"), d);
    });
    QVERIFY2(bound.ok(), qPrintable(bound.code + QLatin1Char(' ') + bound.message));
    QCOMPARE(client->session().uid(), guest);
    QCOMPARE(client->session().authStep(), 2);
    // check-session said "stale", so one silent login came first; then the bind.
    QCOMPARE(stats().value(QLatin1String("logins")).toInt(), logins + 2);
}

void TstSession::lyingCheckSessionEndsInOneRetryPrompt()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    const qint64 guest = client->session().uid();
    devPost(QStringLiteral("/dev/config"), {{QLatin1String("checkSessionLies"), true}});
    devPost(QStringLiteral("/dev/expire"),
            {{QLatin1String("what"), QLatin1String("sessionKey")}, {QLatin1String("uid"), guest}});
    const int wxLogins = endpoint(QStringLiteral("POST /wx/login"));
    const ApiResult first = await([&](auto d) {
        client->phoneLogin().bindPhoneWithPlatform(QStringLiteral("13500000007"), d);
    });
    QCOMPARE(first.code, QStringLiteral("SESSION_KEY_EXPIRED"));        // "please tap again"
    QCOMPARE(endpoint(QStringLiteral("POST /wx/login")), wxLogins + 1); // one silent login
    QCOMPARE(client->session().authStep(), 1);
    const ApiResult second = await([&](auto d) {
        client->phoneLogin().bindPhoneWithPlatform(QStringLiteral("13500000007"), d);
    });
    QVERIFY2(second.ok(), qPrintable(second.message));
    QCOMPARE(client->session().uid(), guest);
    QCOMPARE(client->session().authStep(), 2);
}

void TstSession::profileAuthorizationReachesStepThree()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000008")).ok());
    const ApiResult result = await(
        [&](auto d) { client->profile().authorize(QStringLiteral("小红"), QString(), 2, d); });
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(client->session().authStep(), 3);
    QCOMPARE(client->session().user().value(QLatin1String("nickname")).toString(),
             QStringLiteral("小红"));
    QVERIFY(client->session()
                .user()
                .value(QLatin1String("avatarUrl"))
                .toString()
                .contains(QLatin1String("/media/avatars/")));
    QCOMPARE(await([&](auto d) {
                 client->profile().authorize(QStringLiteral("  "), QString(), 0, d);
             }).code,
             QStringLiteral("BAD_REQUEST"));
}

void TstSession::mustAuthRunsNowWhenAlreadyThere()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    int runs = 0;
    QSignalSpy required(&client->guard(), &AuthGuard::authRequired);
    QVERIFY(client->guard().mustAuth(
        1, [&runs] { ++runs; }, QStringLiteral("home")));
    QCOMPARE(runs, 1);
    QCOMPARE(required.count(), 0);
    QCOMPARE(AuthGuard::routeFor(1, 2), AuthGuard::Route::LoginPage);
    QCOMPARE(AuthGuard::routeFor(1, 3), AuthGuard::Route::LoginPage);
    QCOMPARE(AuthGuard::routeFor(2, 3), AuthGuard::Route::ProfilePopup);
    QCOMPARE(AuthGuard::routeFor(3, 3), AuthGuard::Route::None);
}

void TstSession::mustAuthResumesExactlyOnce()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    int runs = 0;
    QSignalSpy required(&client->guard(), &AuthGuard::authRequired);
    QSignalSpy resumed(&client->guard(), &AuthGuard::resumed);
    QVERIFY(!client->guard().mustAuth(
        2, [&runs] { ++runs; }, QStringLiteral("goods/42")));
    QCOMPARE(runs, 0);
    QCOMPARE(required.count(), 1);
    QCOMPARE(required.first().at(0).value<AuthGuard::Route>(), AuthGuard::Route::LoginPage);
    QCOMPARE(client->guard().pendingFrom(), QStringLiteral("goods/42"));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000009")).ok());
    QCOMPARE(runs, 1);
    QCOMPARE(resumed.count(), 1);
    QCOMPARE(resumed.first().at(0).toString(), QStringLiteral("goods/42"));
    QVERIFY(!client->guard().hasPending());
    // Later changes of the user do not run it again.
    QVERIFY(await([&](auto d) {
                client->profile().authorize(QStringLiteral("a"), QString(), 0, d);
            }).ok());
    QCOMPARE(runs, 1);
}

void TstSession::mustAuthGuestToMemberInfoGoesThroughBothSteps()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    int runs = 0;
    QSignalSpy required(&client->guard(), &AuthGuard::authRequired);
    QVERIFY(!client->guard().mustAuth(
        3, [&runs] { ++runs; }, QStringLiteral("goods/7/review")));
    QCOMPARE(required.last().at(0).value<AuthGuard::Route>(), AuthGuard::Route::LoginPage);
    QVERIFY(smsLogin(*client, QStringLiteral("13500000010")).ok());
    QCOMPARE(runs, 0);
    QCOMPARE(required.count(), 2);
    QCOMPARE(required.last().at(0).value<AuthGuard::Route>(), AuthGuard::Route::ProfilePopup);
    QVERIFY(await([&](auto d) {
                client->profile().authorize(QStringLiteral("b"), QString(), 1, d);
            }).ok());
    QCOMPARE(runs, 1);
}

void TstSession::mustAuthIsDroppedOnCancelAndLogout()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    int runs = 0;
    QSignalSpy cancelled(&client->guard(), &AuthGuard::cancelled);
    client->guard().mustAuth(
        2, [&runs] { ++runs; }, QStringLiteral("cart"));
    client->guard().cancel(); // the user backed out of the login page
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(cancelled.first().at(0).toString(), QStringLiteral("cart"));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000011")).ok());
    QCOMPARE(runs, 0);
    // A pending action does not survive a logout either.
    client->guard().mustAuth(
        3, [&runs] { ++runs; }, QStringLiteral("review"));
    QVERIFY(client->guard().hasPending());
    QVERIFY(await([&](auto d) { client->session().logout(d); }).ok());
    QVERIFY(!client->guard().hasPending());
    QCOMPARE(runs, 0);
}

void TstSession::mustAuthTakesAJavaScriptFunction()
{
    auto client = makeClient();
    QVERIFY(initSession(*client));
    QJSEngine engine;
    engine.globalObject().setProperty(QStringLiteral("runs"), 0);
    const QJSValue action = engine.evaluate(QStringLiteral("(function() { runs = runs + 1; })"));
    QVERIFY(action.isCallable());
    QVERIFY(!client->guard().mustAuth(2, action, QStringLiteral("favorites")));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000012")).ok());
    QCOMPARE(engine.globalObject().property(QStringLiteral("runs")).toInt(), 1);
}

void TstSession::browserLoginWithPkce()
{
    // The device first becomes a member through the phone button.
    const QString device = QUuid::createUuid().toString(QUuid::WithoutBraces);
    qint64 memberUid = 0;
    {
        auto phone = makeClient(device, false);
        QVERIFY(initSession(*phone));
        QVERIFY(await([&](auto d) {
                    phone->phoneLogin().bindPhoneWithPlatform(QStringLiteral("13500000013"), d);
                }).ok());
        memberUid = phone->session().uid();
    }
    auto desktop = makeClient(device, false);
    // The test plays the browser: the authorize page, the button, the redirect.
    QUrl authorizeUrl;
    std::optional<ApiResult> result;
    desktop->browserLogin().start([&](const QUrl &url) { authorizeUrl = url; },
                                  [&](const ApiResult &r) { result = r; });
    QVERIFY2(authorizeUrl.isValid(), result ? qPrintable(result->message) : "no result");
    QVERIFY(authorizeUrl.query().contains(QLatin1String("code_challenge_method=S256")));
    QVERIFY(!authorizeUrl.query().contains(QLatin1String("code_verifier")));
    const HttpReply page = m_http->get(authorizeUrl.path() + QLatin1Char('?') +
                                       authorizeUrl.query(QUrl::FullyEncoded));
    QCOMPARE(page.status, 200);
    QByteArray form;
    static const QRegularExpression hidden(QStringLiteral("name=\"([a-z_]+)\" value=\"([^\"]*)\""));
    auto it = hidden.globalMatch(QString::fromUtf8(page.body));
    while (it.hasNext()) {
        const auto match = it.next();
        const QString value = match.captured(2).replace(QLatin1String("&amp;"), QLatin1String("&"));
        form += (form.isEmpty() ? "" : "&") + match.captured(1).toLatin1() + '=' +
                QUrl::toPercentEncoding(value);
    }
    const HttpReply approved =
        m_http->send("POST", QStringLiteral("/wx/authorize"), form,
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(approved.status, 302);
    const QUrl redirect = QUrl::fromEncoded(approved.header("Location"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QNetworkAccessManager browser;
    QNetworkReply *landing = browser.get(QNetworkRequest(redirect));
    QVERIFY(spinUntil([&] { return result.has_value(); }));
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(desktop->session().uid(), memberUid); // the same user as on the phone
    QCOMPARE(desktop->session().authStep(), 2);
    QVERIFY(spinUntil([&] { return landing->isFinished(); }));
    delete landing;
}

void TstSession::logoutStartsOverAsANewGuest()
{
    const QString device = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto client = makeClient(device);
    QVERIFY(initSession(*client));
    QVERIFY(smsLogin(*client, QStringLiteral("13500000014")).ok());
    const qint64 member = client->session().uid();
    const QByteArray memberRefresh = client->session().refreshToken();
    QSignalSpy loggedOut(&client->session(), &mall::auth::Session::loggedOut);
    const ApiResult after = await([&](auto d) { client->session().logout(d); });
    QVERIFY2(after.ok(), qPrintable(after.message));
    QCOMPARE(loggedOut.count(), 1);
    QVERIFY(client->session().uid() != member);
    QCOMPARE(client->session().authStep(), 1);
    // The member's session is over on the server too.
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/refresh"),
                        {{QLatin1String("refreshToken"), QString::fromLatin1(memberRefresh)}})
                 .code,
             QStringLiteral("REFRESH_INVALID"));
    // And a silent login on this device keeps the new guest.
    const qint64 guest = client->session().uid();
    auto again = makeClient(device, false);
    QVERIFY(await([&](auto d) { again->session().silentLogin(d); }).ok());
    QCOMPARE(again->session().uid(), guest);
}

// The child process of noKeychainKeepsTokensInMemoryAndSaysSoOnce().
static int keychainChild(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    mall::auth::KeychainTokenStore store(QStringLiteral("http://child.test:9"));
    int unavailable = 0;
    QObject::connect(&store, &mall::auth::KeychainTokenStore::unavailable, [&] { ++unavailable; });
    bool saved = false;
    std::optional<mall::auth::StoredTokens> loaded;
    bool loadDone = false;
    store.save({"child-access-token", "child-refresh-token"},
               [&](bool ok, const QString &) { saved = ok; });
    store.load([&](auto tokens, const QString &) {
        loaded = tokens;
        loadDone = true;
    });
    if (!QTest::qWaitFor([&] { return loadDone; }, 20000))
        return 3;
    const bool ok = saved && loaded && loaded->refreshToken == "child-refresh-token" &&
                    unavailable == 1 && !store.isPersistent();
    std::printf("%s (unavailable signalled %d time(s))\n",
                ok ? "memory-only: ok" : "memory-only: FAILED", unavailable);
    return ok ? 0 : 1;
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("MALL_KEYCHAIN_CHILD"))
        return keychainChild(argc, argv);
    QCoreApplication app(argc, argv);
    TstSession test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_session.moc"
