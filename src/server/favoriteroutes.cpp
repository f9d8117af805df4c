#include "catalogjson.h"
#include "loginflow.h"
#include "paging.h"
#include "pathid.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace mall::server {

using protocol::ErrorCode;

namespace {

ApiResponse noSuchGoods(const ApiRequest &request)
{
    return ApiResponse::error(ErrorCode::NotFound, request.text("商品不存在", "No such goods"));
}

bool goodsExists(ServerContext &context, qint64 goodsId)
{
    return context.db.scalar(QStringLiteral("SELECT 1 FROM goods WHERE id = ?"), {goodsId})
        .isValid();
}

QJsonObject stateJson(qint64 goodsId, bool favorited)
{
    return QJsonObject{{QLatin1String("goodsId"), goodsId},
                       {QLatin1String("favorited"), favorited}};
}

ApiResponse listFavorites(ServerContext &context, const ApiRequest &request,
                          const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    QString pagingError;
    const std::optional<Paging> paging = readPaging(request, &pagingError);
    if (!paging)
        return badRequest(request, pagingError);

    const qint64 total =
        context.db.scalar(QStringLiteral("SELECT COUNT(*) FROM favorites WHERE uid = ?"), {uid})
            .toLongLong();
    // rowid breaks ties within one second: a later insert has a larger one.
    QSqlQuery query = context.db.exec(
        QStringLiteral("SELECT %1, f.created_at FROM favorites f JOIN goods g ON g.id = f.goods_id "
                       "WHERE f.uid = ? ORDER BY f.created_at DESC, f.rowid DESC "
                       "LIMIT ? OFFSET ?")
            .arg(goodsColumns()),
        {uid, paging->size, paging->offset()});
    QJsonArray items;
    const QString origin = request.origin();
    while (query.next()) {
        // The catalog's Goods object, so a client reads a favorite like any goods.
        QJsonObject goods = goodsJson(query, origin);
        goods.insert(QLatin1String("favoritedAt"), query.value(kGoodsColumnCount).toLongLong());
        items.append(goods);
    }
    return ApiResponse::ok(pageJson(items, total, *paging));
}

// Not in the shared contract: whether one goods is a favorite, for the heart
// on a goods page without paging through the whole list.
ApiResponse favoriteState(ServerContext &context, const ApiRequest &request,
                          const AuthedUser &authed)
{
    const std::optional<qint64> goodsId = pathId(request, QStringLiteral("goodsId"));
    if (!goodsId || !goodsExists(context, *goodsId))
        return noSuchGoods(request);
    const bool favorited =
        context.db
            .scalar(QStringLiteral("SELECT 1 FROM favorites WHERE uid = ? AND goods_id = ?"),
                    {authed.user.uid, *goodsId})
            .isValid();
    return ApiResponse::ok(stateJson(*goodsId, favorited));
}

ApiResponse addFavorite(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const std::optional<qint64> goodsId = pathId(request, QStringLiteral("goodsId"));
    if (!goodsId || !goodsExists(context, *goodsId))
        return noSuchGoods(request);
    // Idempotent: a repeated PUT keeps the first time, so it does not move
    // an old favorite to the top of the list.
    context.db.exec(QStringLiteral("INSERT INTO favorites (uid, goods_id, created_at) "
                                   "VALUES (?, ?, ?) ON CONFLICT (uid, goods_id) DO NOTHING"),
                    {authed.user.uid, *goodsId, context.clock.now()});
    return ApiResponse::ok(stateJson(*goodsId, true));
}

ApiResponse removeFavorite(ServerContext &context, const ApiRequest &request,
                           const AuthedUser &authed)
{
    const std::optional<qint64> goodsId = pathId(request, QStringLiteral("goodsId"));
    if (!goodsId)
        return noSuchGoods(request);
    // Idempotent: removing what is not (or no longer) a favorite is fine,
    // whether or not the goods exists.
    context.db.exec(QStringLiteral("DELETE FROM favorites WHERE uid = ? AND goods_id = ?"),
                    {authed.user.uid, *goodsId});
    return ApiResponse::ok(stateJson(*goodsId, false));
}

} // namespace

void registerFavoriteRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/favorites"), withUser(context, 2, listFavorites));
    router.add("GET", QStringLiteral("/api/favorites/{goodsId}"),
               withUser(context, 2, favoriteState));
    router.add("PUT", QStringLiteral("/api/favorites/{goodsId}"),
               withUser(context, 2, addFavorite));
    router.add("DELETE", QStringLiteral("/api/favorites/{goodsId}"),
               withUser(context, 2, removeFavorite));
}

} // namespace mall::server
