#include "bodyreader.h"
#include "catalogseed.h"
#include "loginflow.h"
#include "requestauth.h"
#include "routes.h"

#include <QUrl>

#include <QJsonObject>

namespace mall::server {

using protocol::ErrorCode;

namespace {

// The methods the API answers: the echo takes each, and a fault rule may
// name one.
const QList<QByteArray> apiMethods{"GET", "POST", "PUT", "PATCH", "DELETE"};

ApiResponse stats(ServerContext &context, const ApiRequest &)
{
    QJsonObject object = context.stats.toJson();
    object.insert(QLatin1String("pendingFaults"), context.faults.pending());
    return ApiResponse::ok(object);
}

QStringList openidsOf(ServerContext &context, qint64 uid)
{
    QStringList openids;
    QSqlQuery rows =
        context.db.exec(QStringLiteral("SELECT openid FROM identities WHERE uid = ?"), {uid});
    while (rows.next())
        openids.append(rows.value(0).toString());
    return openids;
}

ApiResponse expire(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString what = body.string("what", 32);
    const std::optional<qint64> uid = body.optionalInteger("uid");
    if (!body.ok())
        return badRequest(request, body.error());
    if (what == QLatin1String("access")) {
        context.tokens.expireAccessTokens(uid);
    } else if (what == QLatin1String("refresh")) {
        context.tokens.expireRefreshTokens(uid);
    } else if (what == QLatin1String("sessionKey")) {
        QStringList openids = uid ? openidsOf(context, *uid) : QStringList();
        if (uid && openids.isEmpty())
            return ApiResponse::error(ErrorCode::NotFound,
                                      QStringLiteral("uid has no platform identity"));
        context.platform.rotateSessionKeys(openids);
    } else {
        return badRequest(request,
                          QStringLiteral("\"what\" must be access, refresh or sessionKey"));
    }
    return ApiResponse::ok();
}

ApiResponse addFault(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    Fault fault;
    fault.pathPrefix = body.string("path", 512);
    fault.method = body.optionalString("method", 8).value_or(QString()).toLatin1();
    fault.status = int(body.optionalInteger("status").value_or(0));
    fault.code = body.optionalString("code", 64).value_or(QString()).toLatin1();
    fault.delayMs = int(body.optionalInteger("delayMs").value_or(0));
    fault.drop = body.optionalBool("drop").value_or(false);
    fault.remaining = int(body.integer("count"));
    const std::optional<qint64> holdAnswerMs = body.optionalInteger("holdAnswerMs");
    if (!body.ok())
        return badRequest(request, body.error());
    // Absent or null: every matching request, as rules always were.
    const QJsonValue probability = body.object().value(QLatin1String("probability"));
    if (!probability.isUndefined() && !probability.isNull()) {
        const double p = probability.toDouble(-1);
        if (!probability.isDouble() || !(p > 0 && p <= 1))
            return badRequest(request, QStringLiteral("\"probability\" must be over 0, at most 1"));
        fault.probability = p;
    }
    if (holdAnswerMs) {
        if (*holdAnswerMs < 0 || *holdAnswerMs > 60000)
            return badRequest(request, QStringLiteral("\"holdAnswerMs\" must be 0-60000"));
        fault.holdAnswerMs = int(*holdAnswerMs);
    }
    if (!fault.pathPrefix.startsWith(QLatin1Char('/')))
        return badRequest(request, QStringLiteral("\"path\" must start with /"));
    if (!fault.method.isEmpty() && !apiMethods.contains(fault.method))
        return badRequest(request,
                          QStringLiteral("\"method\" must be GET, POST, PUT, PATCH or DELETE"));
    if (fault.status != 0 && (fault.status < 400 || fault.status > 599))
        return badRequest(request, QStringLiteral("\"status\" must be 400-599"));
    if (fault.delayMs < 0 || fault.delayMs > 60000)
        return badRequest(request, QStringLiteral("\"delayMs\" must be 0-60000"));
    if (fault.remaining < 1 || fault.remaining > 1000000)
        return badRequest(request, QStringLiteral("\"count\" must be at least 1"));
    if (fault.status == 0 && fault.delayMs == 0 && !fault.drop && !fault.holdAnswerMs) {
        return badRequest(request,
                          QStringLiteral("a fault needs status, delayMs, drop or holdAnswerMs"));
    }
    if (fault.status != 0 && fault.code.isEmpty()) {
        fault.code = fault.status >= 500 ? protocol::errorCodeName(ErrorCode::ServerBusy)
                                         : QByteArrayLiteral("FAULT");
    }
    context.faults.add(fault);
    return ApiResponse::ok(QJsonObject{{QLatin1String("pendingFaults"), context.faults.pending()}});
}

ApiResponse clearFaults(ServerContext &context, const ApiRequest &)
{
    context.faults.clear();
    return ApiResponse::ok();
}

QJsonObject configJson(const ServerConfig &config)
{
    return QJsonObject{
        {QLatin1String("accessTtl"), config.accessTtl},
        {QLatin1String("refreshTtl"), config.refreshTtl},
        {QLatin1String("graceSeconds"), config.graceSeconds},
        {QLatin1String("authFailStyle"), protocol::authFailStyleName(config.authFailStyle)},
        {QLatin1String("checkSessionLies"), config.checkSessionLies},
    };
}

ApiResponse showConfig(ServerContext &context, const ApiRequest &)
{
    return ApiResponse::ok(configJson(context.config));
}

ApiResponse changeConfig(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const auto accessTtl = body.optionalInteger("accessTtl");
    const auto refreshTtl = body.optionalInteger("refreshTtl");
    const auto grace = body.optionalInteger("graceSeconds");
    const auto styleName = body.optionalString("authFailStyle", 8);
    const auto lies = body.optionalBool("checkSessionLies");
    if (!body.ok())
        return badRequest(request, body.error());
    const auto style = styleName ? protocol::authFailStyleFromName(*styleName)
                                 : std::optional(context.config.authFailStyle);
    if (!style)
        return badRequest(request, QStringLiteral("\"authFailStyle\" must be 401, 403 or body"));
    if ((accessTtl && *accessTtl < 1) || (refreshTtl && *refreshTtl < 1) || (grace && *grace < 0))
        return badRequest(request, QStringLiteral("lifetimes must be positive"));
    // Validate everything first, then apply: a bad field changes nothing.
    context.config.accessTtl = accessTtl.value_or(context.config.accessTtl);
    context.config.refreshTtl = refreshTtl.value_or(context.config.refreshTtl);
    context.config.graceSeconds = grace.value_or(context.config.graceSeconds);
    context.config.authFailStyle = *style;
    context.config.checkSessionLies = lies.value_or(context.config.checkSessionLies);
    return ApiResponse::ok(configJson(context.config));
}

ApiResponse lastSms(ServerContext &context, const ApiRequest &request)
{
    const QString phone = request.query.queryItemValue(QStringLiteral("phone"));
    const auto found = context.smsOutbox.constFind(phone);
    if (found == context.smsOutbox.cend())
        return ApiResponse::error(ErrorCode::NotFound, QStringLiteral("no SMS sent to that phone"));
    return ApiResponse::ok(QJsonObject{{QLatin1String("code"), QString::fromLatin1(*found)}});
}

ApiResponse reset(ServerContext &context, const ApiRequest &)
{
    // Everything users and sessions left behind, children before parents
    // (foreign keys are on). The catalog is seeded again afterwards, so stock,
    // sales and coupon counts are as on a first start.
    static const QStringList tables = {
        QStringLiteral("refresh_tokens"), QStringLiteral("sessions"),
        QStringLiteral("order_items"),    QStringLiteral("orders"),
        QStringLiteral("user_coupons"),   QStringLiteral("reviews"),
        QStringLiteral("footprints"),     QStringLiteral("cart_items"),
        QStringLiteral("favorites"),      QStringLiteral("addresses"),
        QStringLiteral("telemetry"),      QStringLiteral("identities"),
        QStringLiteral("users"),          QStringLiteral("phone_guard"),
        QStringLiteral("oauth_codes"),    QStringLiteral("avatars"),
        QStringLiteral("platform_codes"), QStringLiteral("platform_devices"),
        QStringLiteral("banners"),        QStringLiteral("goods"),
        QStringLiteral("coupons"),        QStringLiteral("categories"),
    };
    context.clock.reset();
    Transaction transaction(context.db);
    for (const QString &table : tables)
        context.db.exec(QStringLiteral("DELETE FROM ") + table);
    transaction.commit();
    seedCatalogIfEmpty(context.db, context.clock.now());
    context.stats.reset();
    context.faults.clear();
    context.smsOutbox.clear();
    return ApiResponse::ok();
}

ApiResponse advanceClock(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const qint64 seconds = body.integer("advance");
    if (!body.ok())
        return badRequest(request, body.error());
    if (seconds < 0 || seconds > 400LL * 24 * 3600)
        return badRequest(request, QStringLiteral("\"advance\" must be 0 to 400 days in seconds"));
    context.clock.advance(seconds);
    return ApiResponse::ok(QJsonObject{{QLatin1String("now"), context.clock.now()},
                                       {QLatin1String("offset"), context.clock.offset()}});
}

// Reflects a request back: for network-layer tests (are bodies replayed
// intact, did a token come along). Says whether a valid token came, never
// what it was. With ?requireAuth=1 it is a protected endpoint.
ApiResponse echo(ServerContext &context, const ApiRequest &request)
{
    std::optional<AuthedUser> caller;
    if (request.query.queryItemValue(QStringLiteral("requireAuth")) == QLatin1String("1")) {
        auto authed = requireUser(context, request, 1);
        if (auto *failure = std::get_if<ApiResponse>(&authed))
            return *failure;
        caller = std::get<AuthedUser>(authed);
    }
    QJsonObject headers;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "content-type" || lower == "idempotency-key" || lower.startsWith("x-"))
            headers.insert(QString::fromLatin1(lower), QString::fromLatin1(value));
    }
    const auto principal = presentedPrincipal(context, request);
    return ApiResponse::ok(QJsonObject{
        {QLatin1String("method"), QString::fromLatin1(request.method)},
        {QLatin1String("body"), QString::fromUtf8(request.body)},
        {QLatin1String("headers"), headers},
        {QLatin1String("authorization"), !request.header("Authorization").isEmpty()},
        {QLatin1String("uid"), principal ? QJsonValue(principal->uid) : QJsonValue()},
    });
}

ApiResponse redirect(ServerContext &, const ApiRequest &request)
{
    const int status = request.query.queryItemValue(QStringLiteral("status")).toInt();
    const QString target = request.query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded);
    if (!QList<int>{301, 302, 303, 307, 308}.contains(status) || target.isEmpty())
        return badRequest(request, QStringLiteral("need status (301-308) and to"));
    return ApiResponse::raw(status, "text/plain", {}).withHeader("Location", target.toUtf8());
}

} // namespace

void registerDevRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/dev/stats"), withContext(context, stats));
    router.add("POST", QStringLiteral("/dev/expire"), withContext(context, expire));
    router.add("POST", QStringLiteral("/dev/faults"), withContext(context, addFault));
    router.add("DELETE", QStringLiteral("/dev/faults"), withContext(context, clearFaults));
    router.add("GET", QStringLiteral("/dev/config"), withContext(context, showConfig));
    router.add("POST", QStringLiteral("/dev/config"), withContext(context, changeConfig));
    router.add("GET", QStringLiteral("/dev/sms"), withContext(context, lastSms));
    router.add("POST", QStringLiteral("/dev/reset"), withContext(context, reset));
    router.add("POST", QStringLiteral("/dev/clock"), withContext(context, advanceClock));
    for (const QByteArray &method : apiMethods)
        router.add(method, QStringLiteral("/dev/echo"), withContext(context, echo));
    for (const char *method : {"GET", "POST", "PUT", "DELETE"})
        router.add(method, QStringLiteral("/dev/redirect"), withContext(context, redirect));
}

} // namespace mall::server
