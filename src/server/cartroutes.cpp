#include "bodyreader.h"
#include "loginflow.h"
#include "mediaurls.h"
#include "pathid.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace mall::server {

using protocol::ErrorCode;

namespace {

ApiResponse noSuchItem(const ApiRequest &request)
{
    // The same answer for another user's item and an unknown one, so that
    // item ids reveal nothing about other carts.
    return ApiResponse::error(ErrorCode::NotFound,
                              request.text("购物车中没有这件商品", "No such item in your cart"));
}

ApiResponse noSuchGoods(const ApiRequest &request)
{
    return ApiResponse::error(ErrorCode::NotFound, request.text("商品不存在", "No such goods"));
}

ApiResponse overStock(const ApiRequest &request, qint64 stock)
{
    return ApiResponse::error(
        ErrorCode::Conflict,
        request.prefersEnglish()
            ? QStringLiteral("That is more than the stock (%1 left)").arg(stock)
            : QStringLiteral("超出库存（剩余 %1 件）").arg(stock));
}

// quantity: a required integer of at least 1. Empty when it is fine, else
// the 400 to send.
std::optional<ApiResponse> checkQuantity(const ApiRequest &request, BodyReader &body,
                                         qint64 *quantity)
{
    *quantity = body.integer("quantity");
    if (!body.ok())
        return badRequest(request, body.error());
    if (*quantity < 1) {
        return badRequest(request, request.text("字段 \"quantity\" 至少为 1",
                                                "field \"quantity\" must be at least 1"));
    }
    return std::nullopt;
}

// {"items": [Cart item], "totalCents"}, newest item first. Prices are the
// goods' current ones: the cart holds no price of its own, an order fixes it.
QJsonObject cartJson(ServerContext &context, const ApiRequest &request, qint64 uid)
{
    QSqlQuery query = context.db.exec(
        QStringLiteral("SELECT c.id, c.goods_id, g.name, g.price_cents, c.quantity, g.stock "
                       "FROM cart_items c JOIN goods g ON g.id = c.goods_id "
                       "WHERE c.uid = ? ORDER BY c.id DESC"),
        {uid});
    QJsonArray items;
    qint64 totalCents = 0;
    const QString origin = request.origin();
    while (query.next()) {
        const qint64 goodsId = query.value(1).toLongLong();
        const qint64 priceCents = query.value(3).toLongLong();
        const qint64 quantity = query.value(4).toLongLong();
        totalCents += priceCents * quantity;
        items.append(QJsonObject{{QLatin1String("id"), query.value(0).toLongLong()},
                                 {QLatin1String("goodsId"), goodsId},
                                 {QLatin1String("name"), query.value(2).toString()},
                                 {QLatin1String("picUrl"), goodsPictureUrl(origin, goodsId, 0)},
                                 {QLatin1String("priceCents"), priceCents},
                                 {QLatin1String("quantity"), quantity},
                                 // Beyond the shape: lets a client bound its stepper.
                                 {QLatin1String("stock"), query.value(5).toLongLong()}});
    }
    return QJsonObject{{QLatin1String("items"), items}, {QLatin1String("totalCents"), totalCents}};
}

ApiResponse listCart(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    return ApiResponse::ok(cartJson(context, request, authed.user.uid));
}

ApiResponse addToCart(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;

    BodyReader body(request.body);
    const qint64 goodsId = body.integer("goodsId");
    qint64 quantity = 0;
    if (auto invalid = checkQuantity(request, body, &quantity))
        return *invalid;

    // The stock check and the write must see the same row: two adds racing
    // past one check could together exceed the stock.
    Transaction transaction(context.db);
    const QVariant stock =
        context.db.scalar(QStringLiteral("SELECT stock FROM goods WHERE id = ?"), {goodsId});
    if (!stock.isValid())
        return noSuchGoods(request);
    const qint64 inCart =
        context.db
            .scalar(
                QStringLiteral("SELECT quantity FROM cart_items WHERE uid = ? AND goods_id = ?"),
                {uid, goodsId})
            .toLongLong();
    // Compared this way round so that a huge quantity cannot overflow the sum.
    if (quantity > stock.toLongLong() - inCart)
        return overStock(request, stock.toLongLong());
    // One row per goods: adding what is already there raises its quantity.
    context.db.exec(QStringLiteral("INSERT INTO cart_items (uid, goods_id, quantity, created_at) "
                                   "VALUES (?, ?, ?, ?) ON CONFLICT (uid, goods_id) "
                                   "DO UPDATE SET quantity = quantity + excluded.quantity"),
                    {uid, goodsId, quantity, context.clock.now()});
    transaction.commit();
    return ApiResponse::ok(cartJson(context, request, uid));
}

ApiResponse setQuantity(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> itemId = pathId(request, QStringLiteral("itemId"));
    if (!itemId)
        return noSuchItem(request);

    BodyReader body(request.body);
    qint64 quantity = 0;
    if (auto invalid = checkQuantity(request, body, &quantity))
        return *invalid;

    Transaction transaction(context.db);
    // uid in every WHERE: another user's item is not found, never touched.
    const QVariant stock = context.db.scalar(
        QStringLiteral("SELECT g.stock FROM cart_items c JOIN goods g ON g.id = c.goods_id "
                       "WHERE c.id = ? AND c.uid = ?"),
        {*itemId, uid});
    if (!stock.isValid())
        return noSuchItem(request);
    if (quantity > stock.toLongLong())
        return overStock(request, stock.toLongLong());
    context.db.exec(QStringLiteral("UPDATE cart_items SET quantity = ? WHERE id = ? AND uid = ?"),
                    {quantity, *itemId, uid});
    transaction.commit();
    return ApiResponse::ok(cartJson(context, request, uid));
}

ApiResponse removeFromCart(ServerContext &context, const ApiRequest &request,
                           const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> itemId = pathId(request, QStringLiteral("itemId"));
    if (!itemId)
        return noSuchItem(request);
    const QSqlQuery removed = context.db.exec(
        QStringLiteral("DELETE FROM cart_items WHERE id = ? AND uid = ?"), {*itemId, uid});
    if (removed.numRowsAffected() < 1)
        return noSuchItem(request);
    return ApiResponse::ok(cartJson(context, request, uid));
}

} // namespace

void registerCartRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/cart"), withUser(context, 2, listCart));
    router.add("POST", QStringLiteral("/api/cart"), withUser(context, 2, addToCart));
    router.add("PATCH", QStringLiteral("/api/cart/{itemId}"), withUser(context, 2, setQuantity));
    router.add("DELETE", QStringLiteral("/api/cart/{itemId}"),
               withUser(context, 2, removeFromCart));
}

} // namespace mall::server
