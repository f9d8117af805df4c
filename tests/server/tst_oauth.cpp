// The desktop browser login over real HTTP (OAuth code flow with PKCE for a
// native app on a loopback redirect, RFC 7636 and RFC 8252): the authorize
// page, its form, the redirect with code and state, and the code exchange.

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

namespace {

using Fields = QList<QPair<QString, QString>>;

// RFC 7636 section 4.1: 32 random octets, base64url without padding (43 chars).
QString makeVerifier()
{
    QByteArray bytes(32, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString challengeFor(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString loopback(int port, const QString &path = QStringLiteral("/cb"))
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path);
}

// A query string with every reserved character percent-encoded.
QString encodeQuery(const Fields &fields)
{
    QStringList pairs;
    for (const auto &[name, value] : fields)
        pairs.append(name + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return pairs.join(QLatin1Char('&'));
}

// application/x-www-form-urlencoded as a browser submits a form: spaces as '+'.
QByteArray encodeForm(const Fields &fields)
{
    QByteArrayList pairs;
    for (const auto &[name, value] : fields) {
        QByteArray encoded = QUrl::toPercentEncoding(value);
        encoded.replace("%20", "+");
        pairs.append(QUrl::toPercentEncoding(name) + '=' + encoded);
    }
    return pairs.join('&');
}

// The query of a redirect, read as application/x-www-form-urlencoded (RFC 6749
// appendix B), which is how an OAuth client reads code and state.
QMap<QString, QString> decodeFormQuery(const QUrl &url)
{
    QMap<QString, QString> items;
    const QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    for (QByteArray pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        pair.replace('+', ' ');
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        items.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                     QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return items;
}

QString unescapeHtml(QString text)
{
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

// The hidden inputs of the page's form, in page order, as a browser sends them.
Fields hiddenInputs(const QByteArray &html)
{
    static const QRegularExpression input(
        QStringLiteral("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">"));
    Fields fields;
    auto matches = input.globalMatch(QString::fromUtf8(html));
    while (matches.hasNext()) {
        const auto match = matches.next();
        fields.append({unescapeHtml(match.captured(1)), unescapeHtml(match.captured(2))});
    }
    return fields;
}

QString fieldValue(const Fields &fields, const QString &name)
{
    for (const auto &[key, value] : fields) {
        if (key == name)
            return value;
    }
    return {};
}

Fields withField(Fields fields, const QString &name, const QString &value)
{
    for (auto &field : fields) {
        if (field.first == name)
            field.second = value;
    }
    return fields;
}

QByteArray cookieFrom(const QByteArray &setCookie)
{
    return setCookie.left(setCookie.indexOf(';')).trimmed();
}

} // namespace

class TstOAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void authorizePageOffersTheButton();
    void deviceGrantGivesGuestThenMember();
    void browserWithoutDeviceUsesCookie();
    void codeIsSingleUse();
    void wrongVerifierSpendsTheCode();
    void redirectUriMustMatch();
    void codeExpiresAfterFiveMinutes();
    void authorizeRefusesBadParameters_data();
    void authorizeRefusesBadParameters();
    void tamperedFormIsRefused_data();
    void tamperedFormIsRefused();
    void stateIsEchoedExactly_data();
    void stateIsEchoedExactly();
    void authorizeQueryIsFormEncoded();
    void tokenRequestNamesMissingField_data();
    void tokenRequestNamesMissingField();

private:
    struct Grant
    {
        QString code;
        QString state;
        QUrl location;
    };

    static Fields authorizeFields(const QString &redirectUri, const QString &verifier,
                                  const QString &state, const QString &deviceId);
    HttpReply authorizePage(const Fields &fields, HttpClient *browser = nullptr,
                            const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpReply approve(const Fields &form, HttpClient *browser = nullptr);
    // The page, then its button: the code the app's loopback listener would get.
    Grant grant(const QString &redirectUri, const QString &verifier, const QString &deviceId,
                const QString &state = QStringLiteral("st-1"));
    HttpReply exchange(const QString &code, const QString &verifier, const QString &redirectUri);

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TstOAuth::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstOAuth::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

Fields TstOAuth::authorizeFields(const QString &redirectUri, const QString &verifier,
                                 const QString &state, const QString &deviceId)
{
    Fields fields{{QStringLiteral("redirect_uri"), redirectUri},
                  {QStringLiteral("state"), state},
                  {QStringLiteral("code_challenge"), challengeFor(verifier)},
                  {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
    if (!deviceId.isEmpty())
        fields.append({QStringLiteral("device_id"), deviceId});
    return fields;
}

HttpReply TstOAuth::authorizePage(const Fields &fields, HttpClient *browser,
                                  const QList<QPair<QByteArray, QByteArray>> &headers)
{
    HttpClient &client = browser ? *browser : *m_http;
    return client.send("GET", QStringLiteral("/wx/authorize?") + encodeQuery(fields), {}, headers);
}

HttpReply TstOAuth::approve(const Fields &form, HttpClient *browser)
{
    HttpClient &client = browser ? *browser : *m_http;
    return client.send("POST", QStringLiteral("/wx/authorize"), encodeForm(form),
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
}

TstOAuth::Grant TstOAuth::grant(const QString &redirectUri, const QString &verifier,
                                const QString &deviceId, const QString &state)
{
    const HttpReply page = authorizePage(authorizeFields(redirectUri, verifier, state, deviceId));
    if (page.status != 200) {
        qWarning("authorize page answered %d: %s", page.status, page.body.constData());
        return {};
    }
    const HttpReply approval = approve(hiddenInputs(page.body));
    if (approval.status != 302) {
        qWarning("approval answered %d: %s", approval.status, approval.body.constData());
        return {};
    }
    const QUrl location(QString::fromUtf8(approval.header("Location")), QUrl::StrictMode);
    const QMap<QString, QString> query = decodeFormQuery(location);
    return Grant{query.value(QStringLiteral("code")), query.value(QStringLiteral("state")),
                 location};
}

HttpReply TstOAuth::exchange(const QString &code, const QString &verifier,
                             const QString &redirectUri)
{
    return m_http->post(QStringLiteral("/api/auth/oauth/token"),
                        QJsonObject{{QLatin1String("code"), code},
                                    {QLatin1String("codeVerifier"), verifier},
                                    {QLatin1String("redirectUri"), redirectUri}});
}

void TstOAuth::authorizePageOffersTheButton()
{
    const QString verifier = makeVerifier();
    QVERIFY(verifier.size() >= 43);
    const QString redirectUri = loopback(53682);
    const HttpReply page = authorizePage(authorizeFields(
        redirectUri, verifier, QStringLiteral("page-state"), QStringLiteral("oauth-page")));
    QCOMPARE(page.status, 200);
    QVERIFY2(page.header("Content-Type").startsWith("text/html"),
             page.header("Content-Type").constData());
    const QString html = QString::fromUtf8(page.body);
    QVERIFY(html.contains(QStringLiteral("授权登录")));
    QVERIFY(html.contains(QLatin1String("<form method=\"post\" action=\"/wx/authorize\">")));
    QVERIFY(html.contains(QLatin1String("<button")));

    // The form carries the request on to the approval.
    const Fields form = hiddenInputs(page.body);
    QCOMPARE(fieldValue(form, QStringLiteral("redirect_uri")), redirectUri);
    QCOMPARE(fieldValue(form, QStringLiteral("state")), QStringLiteral("page-state"));
    QCOMPARE(fieldValue(form, QStringLiteral("code_challenge")), challengeFor(verifier));
    QCOMPARE(fieldValue(form, QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(fieldValue(form, QStringLiteral("device_id")), QStringLiteral("oauth-page"));

    const HttpReply approval = approve(form);
    QCOMPARE(approval.status, 302);
    const QUrl location(QString::fromUtf8(approval.header("Location")));
    QCOMPARE(location.scheme(), QStringLiteral("http"));
    QCOMPARE(location.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(location.port(), 53682);
    QCOMPARE(location.path(), QStringLiteral("/cb"));
    const QMap<QString, QString> query = decodeFormQuery(location);
    QVERIFY(!query.value(QStringLiteral("code")).isEmpty());
    QCOMPARE(query.value(QStringLiteral("state")), QStringLiteral("page-state"));
}

void TstOAuth::deviceGrantGivesGuestThenMember()
{
    const QString redirectUri = loopback(40001);

    // A device never seen before: a new guest.
    QString verifier = makeVerifier();
    Grant first = grant(redirectUri, verifier, QStringLiteral("oauth-fresh"));
    QVERIFY(!first.code.isEmpty());
    const HttpReply guestPair = exchange(first.code, verifier, redirectUri);
    QCOMPARE(guestPair.status, 200);
    QCOMPARE(guestPair.code, QStringLiteral("OK"));
    const TestSession guest = sessionFrom(guestPair);
    QVERIFY(guest.uid > 0);
    QCOMPARE(guest.step, 1);
    QVERIFY(!guest.refreshToken.isEmpty());
    QCOMPARE(m_http->get(QStringLiteral("/api/user/me"), guest.accessToken).status, 200);

    // The same device again: the same account.
    verifier = makeVerifier();
    first = grant(redirectUri, verifier, QStringLiteral("oauth-fresh"));
    QCOMPARE(sessionFrom(exchange(first.code, verifier, redirectUri)).uid, guest.uid);

    // A device upgraded to member in the mini-program signs in as that member.
    const TestSession member = memberViaPhoneButton(*m_http, QStringLiteral("oauth-member"),
                                                    QStringLiteral("13600000001"));
    QCOMPARE(member.step, 2);
    QVERIFY(member.uid != guest.uid);
    verifier = makeVerifier();
    const Grant memberGrant = grant(redirectUri, verifier, QStringLiteral("oauth-member"));
    QVERIFY(!memberGrant.code.isEmpty());
    const TestSession desktop = sessionFrom(exchange(memberGrant.code, verifier, redirectUri));
    QCOMPARE(desktop.uid, member.uid);
    QCOMPARE(desktop.step, 2);
    const HttpReply me = m_http->get(QStringLiteral("/api/user/me"), desktop.accessToken);
    QCOMPARE(me.object().value(QLatin1String("phone")).toString(), QStringLiteral("13600000001"));
}

void TstOAuth::browserWithoutDeviceUsesCookie()
{
    const QString redirectUri = loopback(40002);
    HttpClient browser(m_server.url());

    // First visit: the platform remembers this browser in a cookie.
    QString verifier = makeVerifier();
    const HttpReply page =
        authorizePage(authorizeFields(redirectUri, verifier, QStringLiteral("web"), {}), &browser);
    QCOMPARE(page.status, 200);
    const QByteArray setCookie = page.header("Set-Cookie");
    QVERIFY2(setCookie.startsWith("wxweb="), setCookie.constData());
    QVERIFY2(setCookie.contains("HttpOnly"), setCookie.constData());
    const QByteArray cookie = cookieFrom(setCookie);
    QVERIFY(cookie.size() > int(qstrlen("wxweb=")));
    const Fields form = hiddenInputs(page.body);
    QVERIFY(!fieldValue(form, QStringLiteral("device_id")).isEmpty());

    // The account is in the form, so the POST works without the cookie.
    HttpClient noCookies(m_server.url());
    const HttpReply approval = approve(form, &noCookies);
    QCOMPARE(approval.status, 302);
    const QMap<QString, QString> query =
        decodeFormQuery(QUrl(QString::fromUtf8(approval.header("Location"))));
    QCOMPARE(query.value(QStringLiteral("state")), QStringLiteral("web"));
    const TestSession first =
        sessionFrom(exchange(query.value(QStringLiteral("code")), verifier, redirectUri));
    QVERIFY(first.uid > 0);
    QCOMPARE(first.step, 1);

    // Back with the cookie: no new cookie, the same account.
    verifier = makeVerifier();
    const HttpReply returning =
        authorizePage(authorizeFields(redirectUri, verifier, QStringLiteral("web2"), {}), &browser,
                      {{"Cookie", cookie}});
    QCOMPARE(returning.status, 200);
    QVERIFY2(returning.header("Set-Cookie").isEmpty(), returning.header("Set-Cookie").constData());
    const Fields returningForm = hiddenInputs(returning.body);
    QCOMPARE(fieldValue(returningForm, QStringLiteral("device_id")),
             fieldValue(form, QStringLiteral("device_id")));
    const HttpReply again = approve(returningForm, &browser);
    QCOMPARE(again.status, 302);
    const QString code = decodeFormQuery(QUrl(QString::fromUtf8(again.header("Location"))))
                             .value(QStringLiteral("code"));
    QCOMPARE(sessionFrom(exchange(code, verifier, redirectUri)).uid, first.uid);

    // Another browser is another account.
    HttpClient otherBrowser(m_server.url());
    const HttpReply otherPage = authorizePage(
        authorizeFields(redirectUri, makeVerifier(), QStringLiteral("web3"), {}), &otherBrowser);
    QCOMPARE(otherPage.status, 200);
    QVERIFY(cookieFrom(otherPage.header("Set-Cookie")) != cookie);
    QVERIFY(fieldValue(hiddenInputs(otherPage.body), QStringLiteral("device_id")) !=
            fieldValue(form, QStringLiteral("device_id")));
}

void TstOAuth::codeIsSingleUse()
{
    const QString redirectUri = loopback(40003);
    const QString verifier = makeVerifier();
    const Grant granted = grant(redirectUri, verifier, QStringLiteral("oauth-once"));
    QVERIFY(!granted.code.isEmpty());
    QCOMPARE(exchange(granted.code, verifier, redirectUri).code, QStringLiteral("OK"));
    const HttpReply replay = exchange(granted.code, verifier, redirectUri);
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.code, QStringLiteral("BAD_CREDENTIALS"));
    QVERIFY(replay.object().value(QLatin1String("accessToken")).isUndefined());
}

void TstOAuth::wrongVerifierSpendsTheCode()
{
    const QString redirectUri = loopback(40004);
    const QString verifier = makeVerifier();
    const Grant granted = grant(redirectUri, verifier, QStringLiteral("oauth-verifier"));
    QVERIFY(!granted.code.isEmpty());

    const HttpReply wrong = exchange(granted.code, makeVerifier(), redirectUri);
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.code, QStringLiteral("BAD_CREDENTIALS"));
    // No second guess: the code is gone even for the right verifier.
    const HttpReply right = exchange(granted.code, verifier, redirectUri);
    QCOMPARE(right.status, 400);
    QCOMPARE(right.code, QStringLiteral("BAD_CREDENTIALS"));

    // The challenge itself is not a verifier (S256, not plain).
    const Grant other = grant(redirectUri, verifier, QStringLiteral("oauth-verifier"));
    const HttpReply plain = exchange(other.code, challengeFor(verifier), redirectUri);
    QCOMPARE(plain.status, 400);
    QCOMPARE(plain.code, QStringLiteral("BAD_CREDENTIALS"));
}

void TstOAuth::redirectUriMustMatch()
{
    const QString redirectUri = loopback(40005);
    const QString verifier = makeVerifier();
    Grant granted = grant(redirectUri, verifier, QStringLiteral("oauth-redirect"));
    QVERIFY(!granted.code.isEmpty());
    const HttpReply otherPort = exchange(granted.code, verifier, loopback(40006));
    QCOMPARE(otherPort.status, 400);
    QCOMPARE(otherPort.code, QStringLiteral("BAD_CREDENTIALS"));

    granted = grant(redirectUri, verifier, QStringLiteral("oauth-redirect"));
    const HttpReply otherPath =
        exchange(granted.code, verifier, loopback(40005, QStringLiteral("/other")));
    QCOMPARE(otherPath.status, 400);
    QCOMPARE(otherPath.code, QStringLiteral("BAD_CREDENTIALS"));
}

void TstOAuth::codeExpiresAfterFiveMinutes()
{
    const auto advance = [this](qint64 seconds) {
        return m_http
            ->post(QStringLiteral("/dev/clock"), QJsonObject{{QLatin1String("advance"), seconds}})
            .code;
    };
    const QString redirectUri = loopback(40007);

    // Within the lifetime by the server's clock: still good.
    QString verifier = makeVerifier();
    Grant granted = grant(redirectUri, verifier, QStringLiteral("oauth-clock"));
    QVERIFY(!granted.code.isEmpty());
    QCOMPARE(advance(290), QStringLiteral("OK"));
    QCOMPARE(exchange(granted.code, verifier, redirectUri).code, QStringLiteral("OK"));

    verifier = makeVerifier();
    granted = grant(redirectUri, verifier, QStringLiteral("oauth-clock"));
    QVERIFY(!granted.code.isEmpty());
    QCOMPARE(advance(301), QStringLiteral("OK"));
    const HttpReply expired = exchange(granted.code, verifier, redirectUri);
    QCOMPARE(expired.status, 400);
    QCOMPARE(expired.code, QStringLiteral("BAD_CREDENTIALS"));
}

void TstOAuth::authorizeRefusesBadParameters_data()
{
    // A null QString leaves the parameter out.
    QTest::addColumn<QString>("redirectUri");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("challenge");
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("status");

    const QString good = challengeFor(makeVerifier());
    const QString s256 = QStringLiteral("S256");
    const QString state = QStringLiteral("st");
    QTest::newRow("loopback v4") << loopback(1234) << state << good << s256 << 200;
    QTest::newRow("localhost") << QStringLiteral("http://localhost:1234/cb") << state << good
                               << s256 << 200;
    QTest::newRow("loopback v6") << QStringLiteral("http://[::1]:1234/cb") << state << good << s256
                                 << 200;
    QTest::newRow("foreign host") << QStringLiteral("http://example.com/cb") << state << good
                                  << s256 << 400;
    QTest::newRow("foreign host with port")
        << QStringLiteral("http://example.com:1234/cb") << state << good << s256 << 400;
    QTest::newRow("https loopback")
        << QStringLiteral("https://127.0.0.1:1/cb") << state << good << s256 << 400;
    QTest::newRow("no port") << QStringLiteral("http://127.0.0.1/cb") << state << good << s256
                             << 400;
    QTest::newRow("loopback as user info")
        << QStringLiteral("http://127.0.0.1:1234@example.com/cb") << state << good << s256 << 400;
    QTest::newRow("loopback-looking name")
        << QStringLiteral("http://127.0.0.1.example.com:1234/cb") << state << good << s256 << 400;
    QTest::newRow("fragment") << loopback(1234, QStringLiteral("/cb#x")) << state << good << s256
                              << 400;
    QTest::newRow("no redirect_uri") << QString() << state << good << s256 << 400;
    QTest::newRow("plain method") << loopback(1234) << state << good << QStringLiteral("plain")
                                  << 400;
    QTest::newRow("no method") << loopback(1234) << state << good << QString() << 400;
    QTest::newRow("short challenge") << loopback(1234) << state << good.left(42) << s256 << 400;
    QTest::newRow("challenge with '+'")
        << loopback(1234) << state << good.left(42) + QLatin1Char('+') << s256 << 400;
    QTest::newRow("no challenge") << loopback(1234) << state << QString() << s256 << 400;
    QTest::newRow("no state") << loopback(1234) << QString() << good << s256 << 400;
    QTest::newRow("empty state") << loopback(1234) << QStringLiteral("") << good << s256 << 400;
}

void TstOAuth::authorizeRefusesBadParameters()
{
    QFETCH(QString, redirectUri);
    QFETCH(QString, state);
    QFETCH(QString, challenge);
    QFETCH(QString, method);
    QFETCH(int, status);

    Fields fields{{QStringLiteral("device_id"), QStringLiteral("oauth-params")}};
    if (!redirectUri.isNull())
        fields.append({QStringLiteral("redirect_uri"), redirectUri});
    if (!state.isNull())
        fields.append({QStringLiteral("state"), state});
    if (!challenge.isNull())
        fields.append({QStringLiteral("code_challenge"), challenge});
    if (!method.isNull())
        fields.append({QStringLiteral("code_challenge_method"), method});
    const HttpReply page = authorizePage(fields);
    QCOMPARE(page.status, status);
    QVERIFY2(page.header("Content-Type").startsWith("text/html"),
             page.header("Content-Type").constData());
    // A refused request gets no button to press.
    QCOMPARE(page.body.contains("<form"), status == 200);
    QVERIFY(page.header("Location").isEmpty());
}

void TstOAuth::tamperedFormIsRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("foreign redirect_uri") << "redirect_uri"
                                          << "http://example.com/cb";
    QTest::newRow("foreign redirect_uri with port") << "redirect_uri"
                                                    << "http://evil.test:80/cb";
    QTest::newRow("https redirect_uri") << "redirect_uri"
                                        << "https://127.0.0.1:40008/cb";
    QTest::newRow("plain method") << "code_challenge_method"
                                  << "plain";
    QTest::newRow("short challenge") << "code_challenge"
                                     << "abc";
    QTest::newRow("empty state") << "state"
                                 << "";
    QTest::newRow("empty device") << "device_id"
                                  << "";
}

void TstOAuth::tamperedFormIsRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    const QString verifier = makeVerifier();
    const HttpReply page = authorizePage(authorizeFields(
        loopback(40008), verifier, QStringLiteral("tamper"), QStringLiteral("oauth-tamper")));
    QCOMPARE(page.status, 200);
    const Fields form = hiddenInputs(page.body);
    QVERIFY(!fieldValue(form, field).isEmpty());

    const HttpReply approval = approve(withField(form, field, value));
    QCOMPARE(approval.status, 400);
    QVERIFY(approval.header("Location").isEmpty());
    QVERIFY(!approval.body.contains("code="));

    // The untouched form still goes through.
    QCOMPARE(approve(form).status, 302);
}

void TstOAuth::stateIsEchoedExactly_data()
{
    QTest::addColumn<QString>("state");
    QTest::newRow("plain") << QStringLiteral("xyz123");
    QTest::newRow("space, ampersand, equals") << QStringLiteral("a b&c=d");
    QTest::newRow("plus") << QStringLiteral("a+b");
    QTest::newRow("percent") << QStringLiteral("100%25 %41");
    QTest::newRow("url-ish") << QStringLiteral("/back?x=1#top");
    QTest::newRow("quotes and tags") << QStringLiteral("\"<b>'x'</b>\"");
    QTest::newRow("unicode") << QStringLiteral("状态 ✓");
}

void TstOAuth::stateIsEchoedExactly()
{
    QFETCH(QString, state);
    const QString redirectUri = loopback(40009);
    const QString verifier = makeVerifier();
    const Grant granted = grant(redirectUri, verifier, QStringLiteral("oauth-state"), state);
    QVERIFY2(granted.location.isValid(), qPrintable(granted.location.errorString()));
    QCOMPARE(granted.state, state);
    QVERIFY(!granted.code.isEmpty());
    QCOMPARE(exchange(granted.code, verifier, redirectUri).code, QStringLiteral("OK"));
}

void TstOAuth::authorizeQueryIsFormEncoded()
{
    // RFC 6749 section 4.1.1: the request's query is form-encoded, where '+'
    // is a space, as many URL builders write it.
    const QString challenge = challengeFor(makeVerifier());
    const HttpReply page = m_http->send(
        "GET",
        QStringLiteral("/wx/authorize?redirect_uri=http%3A%2F%2F127.0.0.1%3A40010%2Fcb"
                       "&state=two+words&code_challenge=") +
            challenge + QStringLiteral("&code_challenge_method=S256&device_id=oauth-form"),
        {});
    QCOMPARE(page.status, 200);
    QCOMPARE(fieldValue(hiddenInputs(page.body), QStringLiteral("state")),
             QStringLiteral("two words"));
}

void TstOAuth::tokenRequestNamesMissingField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("no code") << QByteArray(R"({"codeVerifier":"v","redirectUri":"u"})") << "code";
    QTest::newRow("no codeVerifier")
        << QByteArray(R"({"code":"c","redirectUri":"u"})") << "codeVerifier";
    QTest::newRow("no redirectUri")
        << QByteArray(R"({"code":"c","codeVerifier":"v"})") << "redirectUri";
    QTest::newRow("code a number")
        << QByteArray(R"({"code":5,"codeVerifier":"v","redirectUri":"u"})") << "code";
    QTest::newRow("empty body") << QByteArray("{}") << "code";
}

void TstOAuth::tokenRequestNamesMissingField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const HttpReply reply = m_http->send("POST", QStringLiteral("/api/auth/oauth/token"), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, QStringLiteral("BAD_REQUEST"));
    QVERIFY2(reply.message.contains(QLatin1Char('"') + field + QLatin1Char('"')),
             qPrintable(reply.message));
}

QTEST_GUILESS_MAIN(TstOAuth)
#include "tst_oauth.moc"
