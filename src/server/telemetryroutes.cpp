#include "bodyreader.h"
#include "loginflow.h"
#include "requestauth.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mall::server {

namespace {

constexpr qsizetype kMaxBatch = 100;

// Telemetry is low priority and arrives often: check the batch, store each
// item as compact JSON in one transaction, and do nothing else.
ApiResponse store(ServerContext &context, const ApiRequest &request, const char *field,
                  const QString &kind)
{
    auto authed = requireUser(context, request, 1);
    if (auto *failure = std::get_if<ApiResponse>(&authed))
        return *failure;
    const qint64 uid = std::get<AuthedUser>(authed).user.uid;

    BodyReader body(request.body);
    if (!body.ok())
        return badRequest(request, body.error());
    const QJsonValue value = body.object().value(QLatin1String(field));
    if (!value.isArray()) {
        return badRequest(
            request, QStringLiteral("field \"%1\" must be an array").arg(QLatin1String(field)));
    }
    const QJsonArray items = value.toArray();
    if (items.size() > kMaxBatch) {
        return badRequest(
            request,
            QStringLiteral("at most %1 %2 per request").arg(kMaxBatch).arg(QLatin1String(field)));
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            return badRequest(
                request,
                QStringLiteral("%1[%2] must be an object").arg(QLatin1String(field)).arg(i));
        }
    }

    const qint64 now = context.clock.now();
    Transaction transaction(context.db);
    for (const QJsonValue &item : items) {
        context.db.exec(
            QStringLiteral("INSERT INTO telemetry (kind, uid, payload, received_at) "
                           "VALUES (?, ?, ?, ?)"),
            {kind, uid,
             QString::fromUtf8(QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact)),
             now});
    }
    transaction.commit();
    return ApiResponse::ok(QJsonObject{{QLatin1String("accepted"), items.size()}});
}

ApiResponse track(ServerContext &context, const ApiRequest &request)
{
    return store(context, request, "events", QStringLiteral("track"));
}

ApiResponse logError(ServerContext &context, const ApiRequest &request)
{
    return store(context, request, "errors", QStringLiteral("error"));
}

} // namespace

void registerTelemetryRoutes(Router &router, ServerContext &context)
{
    router.add("POST", QStringLiteral("/api/track"), withContext(context, track));
    router.add("POST", QStringLiteral("/api/log/error"), withContext(context, logError));
}

} // namespace mall::server
