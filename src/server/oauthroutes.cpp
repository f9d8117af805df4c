#include "bodyreader.h"
#include "loginflow.h"
#include "routes.h"
#include "securerandom.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace mall::server {

using protocol::ErrorCode;

namespace {

constexpr qint64 kCodeLifetime = 5 * 60;

// RFC 8252 section 7.3: native apps receive the code on a loopback redirect.
bool isLoopbackRedirect(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.port() <= 0 ||
        url.hasFragment()) {
        return false;
    }
    return url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback();
}

bool isPkceValue(const QString &value)
{
    // RFC 7636: 43-128 characters of [A-Z a-z 0-9 - . _ ~].
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9._~-]{43,128}")));
    return pattern.match(value).hasMatch();
}

QString escapeHtml(const QString &text)
{
    return text.toHtmlEscaped();
}

ApiResponse htmlPage(int status, const QString &title, const QString &body)
{
    const QString page =
        QStringLiteral(
            "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%1</title><style>body{font-family:sans-serif;background:#f5f5f5;display:flex;"
            "justify-content:center;padding-top:15vh;margin:0}main{background:#fff;padding:32px "
            "40px;"
            "border-radius:12px;text-align:center;box-shadow:0 2px 12px rgba(0,0,0,.08)}"
            "button{background:#07c160;color:#fff;border:0;border-radius:6px;font-size:18px;"
            "padding:12px 48px;cursor:pointer}p{color:#666}</style></head><body><main>%2</main>"
            "</body></html>")
            .arg(escapeHtml(title), body);
    return ApiResponse::raw(status, "text/html; charset=utf-8", page.toUtf8());
}

struct AuthorizeParams
{
    QString redirectUri;
    QString state;
    QString challenge;
    QString account; // whose platform identity signs in
    QString problem;
};

AuthorizeParams readParams(const QUrlQuery &query)
{
    AuthorizeParams params;
    params.redirectUri = query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    params.state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    params.challenge = query.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
    params.account = query.queryItemValue(QStringLiteral("device_id"), QUrl::FullyDecoded);
    const QString method =
        query.queryItemValue(QStringLiteral("code_challenge_method"), QUrl::FullyDecoded);
    if (!isLoopbackRedirect(params.redirectUri))
        params.problem =
            QStringLiteral("redirect_uri must be an http loopback address with a port");
    else if (params.state.isEmpty() || params.state.size() > 256)
        params.problem = QStringLiteral("state is required");
    else if (method != QLatin1String("S256"))
        params.problem = QStringLiteral("code_challenge_method must be S256");
    else if (!isPkceValue(params.challenge))
        params.problem = QStringLiteral("code_challenge is malformed");
    else if (params.account.size() > 128)
        params.problem = QStringLiteral("device_id is too long");
    return params;
}

QString cookieValue(const ApiRequest &request, const QString &name)
{
    const QStringList cookies =
        QString::fromLatin1(request.header("Cookie")).split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &cookie : cookies) {
        const QString trimmed = cookie.trimmed();
        if (trimmed.startsWith(name + QLatin1Char('=')))
            return trimmed.mid(name.size() + 1);
    }
    return {};
}

// Query strings and HTML forms are form-encoded: '+' is a space.
QUrlQuery formQuery(QByteArray encoded)
{
    encoded.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(encoded));
}

ApiResponse authorizePage(ServerContext &, const ApiRequest &request)
{
    AuthorizeParams params =
        readParams(formQuery(request.query.query(QUrl::FullyEncoded).toLatin1()));
    if (!params.problem.isEmpty())
        return htmlPage(400, QStringLiteral("授权失败"),
                        QStringLiteral("<p>%1</p>").arg(escapeHtml(params.problem)));

    // Who is "logged in to the platform" in this browser: the app's device
    // when it says so, else a browser account kept in a cookie.
    QByteArray setCookie;
    if (params.account.isEmpty()) {
        QString browserAccount = cookieValue(request, QStringLiteral("wxweb"));
        if (!QRegularExpression(
                 QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]{16,64}")))
                 .match(browserAccount)
                 .hasMatch()) {
            browserAccount = QString::fromLatin1(randomToken(18));
            setCookie = "wxweb=" + browserAccount.toLatin1() + "; Path=/wx; HttpOnly; SameSite=Lax";
        }
        params.account = QStringLiteral("web:") + browserAccount;
    }
    const auto hidden = [](const char *name, const QString &value) {
        return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">")
            .arg(QLatin1String(name), escapeHtml(value));
    };
    const QString form =
        QStringLiteral("<h2>商城 申请使用你的微信身份登录</h2><p>授权后将返回应用</p>"
                       "<form method=\"post\" action=\"/wx/authorize\">%1%2%3%4%5"
                       "<button id=\"approve\" type=\"submit\">授权登录</button></form>")
            .arg(hidden("redirect_uri", params.redirectUri), hidden("state", params.state),
                 hidden("code_challenge", params.challenge),
                 hidden("code_challenge_method", QStringLiteral("S256")),
                 hidden("device_id", params.account));
    ApiResponse page = htmlPage(200, QStringLiteral("授权登录"), form);
    if (!setCookie.isEmpty())
        page.withHeader("Set-Cookie", setCookie);
    return page;
}

ApiResponse approve(ServerContext &context, const ApiRequest &request)
{
    const AuthorizeParams params = readParams(formQuery(request.body));
    if (!params.problem.isEmpty() || params.account.isEmpty()) {
        return htmlPage(400, QStringLiteral("授权失败"),
                        QStringLiteral("<p>%1</p>").arg(escapeHtml(params.problem)));
    }
    const QByteArray code = randomToken(24);
    context.db.exec(QStringLiteral("INSERT INTO oauth_codes (code_hash, openid, challenge, "
                                   "redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?)"),
                    {QString::fromLatin1(sha256Hex(code)),
                     context.platform.openidForDevice(params.account), params.challenge,
                     params.redirectUri, context.clock.now() + kCodeLifetime});
    // Every value fully percent-encoded: QUrlQuery would leave '+' and '%'
    // alone, and the client would read a different state back.
    QUrl target(params.redirectUri);
    QByteArray query = target.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        query += '&';
    query += "code=" + QUrl::toPercentEncoding(QString::fromLatin1(code)) +
             "&state=" + QUrl::toPercentEncoding(params.state);
    target.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return ApiResponse::raw(302, "text/plain", {})
        .withHeader("Location", target.toEncoded())
        .withHeader("Cache-Control", "no-store");
}

ApiResponse exchangeToken(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString code = body.string("code", 256);
    const QString verifier = body.string("codeVerifier", 256);
    const QString redirectUri = body.string("redirectUri", 2048);
    if (!body.ok())
        return badRequest(request, body.error());

    Transaction transaction(context.db);
    const QString codeHash = QString::fromLatin1(sha256Hex(code.toUtf8()));
    QSqlQuery row = context.db.exec(
        QStringLiteral("SELECT openid, challenge, redirect_uri, expires_at FROM oauth_codes "
                       "WHERE code_hash = ?"),
        {codeHash});
    const bool found = row.next();
    // A code is spent by its first presentation, right or wrong, so a
    // verifier cannot be guessed against it.
    context.db.exec(QStringLiteral("DELETE FROM oauth_codes WHERE code_hash = ?"), {codeHash});
    const QByteArray computed =
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const bool valid = found && row.value(3).toLongLong() > context.clock.now() &&
                       row.value(2).toString() == redirectUri && isPkceValue(verifier) &&
                       constantTimeEquals(computed, row.value(1).toByteArray());
    if (!valid) {
        transaction.commit();
        return ApiResponse::error(ErrorCode::BadCredentials,
                                  request.text("授权码无效", "The authorization code is invalid"));
    }
    const QString openid = row.value(0).toString();
    std::optional<qint64> uid = context.users.uidForOpenid(openid);
    if (!uid) {
        uid = context.users.createGuest(context.clock.now());
        context.users.linkIdentity(openid, *uid);
    }
    ApiResponse answer = answerLogin(context, request, *uid, openid);
    transaction.commit();
    return answer;
}

} // namespace

void registerOAuthRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/wx/authorize"), withContext(context, authorizePage));
    router.add("POST", QStringLiteral("/wx/authorize"), withContext(context, approve));
    router.add("POST", QStringLiteral("/api/auth/oauth/token"),
               withContext(context, exchangeToken));
}

} // namespace mall::server
