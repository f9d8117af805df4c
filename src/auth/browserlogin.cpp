#include "browserlogin.h"

#include "authlog.h"

#include <QCryptographicHash>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace mall::auth {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return raw.toBase64(kBase64Url);
}

} // namespace

BrowserLogin::BrowserLogin(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(localFailure(QStringLiteral("TIMEOUT"), QStringLiteral("浏览器登录超时")));
    });
}

BrowserLogin::~BrowserLogin() = default;

void BrowserLogin::start(const std::function<void(const QUrl &)> &openBrowser, Session::Done done)
{
    if (m_done) {
        return done(localFailure(QStringLiteral("CONFLICT"),
                                 QStringLiteral("a browser login is already waiting")));
    }
    // Qt 6.4's constructors start listening on their own, on an address of
    // their choosing (and the two-argument one reads QHostAddress::LocalHost
    // as a port number): close, then listen on loopback only (RFC 8252).
    m_listener = new QOAuthHttpServerReplyHandler(this);
    m_listener->close();
    m_listener->setCallbackText(
        QStringLiteral("登录完成，请回到应用。 You can return to the app."));
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        delete m_listener;
        return done(
            localFailure(QString(), QStringLiteral("cannot listen on the loopback interface")));
    }
    connect(m_listener, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &BrowserLogin::onCallback);
    m_done = std::move(done);
    m_verifier = randomUrlSafe(48); // 64 characters
    m_state = QString::fromLatin1(randomUrlSafe(24));
    m_redirectUri = m_listener->callback();
    const QByteArray challenge =
        QCryptographicHash::hash(m_verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);

    QUrl authorize = m_session.api().baseUrl().resolved(QUrl(QStringLiteral("/wx/authorize")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("redirect_uri"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_redirectUri)));
    query.addQueryItem(QStringLiteral("state"), m_state);
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    // Sign in as this device's platform identity: the same user as silent login.
    query.addQueryItem(QStringLiteral("device_id"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_session.deviceId())));
    authorize.setQuery(query);
    m_timeout.start();
    qCInfo(lcAuth, "browser login started; waiting on the loopback redirect");
    openBrowser(authorize);
}

void BrowserLogin::onCallback(const QVariantMap &values)
{
    if (!m_done)
        return;
    if (values.value(QStringLiteral("state")).toString() != m_state) {
        // Not our redirect (or forged): ignore it, keep waiting.
        qCWarning(lcAuth, "browser login: a redirect with the wrong state was ignored");
        return;
    }
    const QString code = values.value(QStringLiteral("code")).toString();
    if (code.isEmpty())
        return finish(
            localFailure(QStringLiteral("BAD_CREDENTIALS"), QStringLiteral("授权被拒绝")));
    if (m_listener)
        m_listener->close();
    api::CallOptions options;
    options.skipAuth = true;
    m_session.api().call(
        "POST", QStringLiteral("/api/auth/oauth/token"),
        QJsonObject{{QLatin1String("code"), code},
                    {QLatin1String("codeVerifier"), QString::fromLatin1(m_verifier)},
                    {QLatin1String("redirectUri"), m_redirectUri}},
        [this](const api::ApiResult &result) {
            if (!result.ok())
                return finish(result);
            m_session.acceptLogin(result, [this](const api::ApiResult &login) { finish(login); });
        },
        options);
}

void BrowserLogin::cancel()
{
    if (m_done)
        finish(localFailure(QStringLiteral("CANCELLED"), QStringLiteral("已取消")));
}

void BrowserLogin::finish(const api::ApiResult &result)
{
    m_timeout.stop();
    m_verifier.clear();
    if (m_listener) {
        m_listener->close();
        m_listener->deleteLater();
    }
    if (Session::Done done = std::exchange(m_done, {}))
        done(result);
}

} // namespace mall::auth
