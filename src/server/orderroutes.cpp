#include "bodyreader.h"
#include "loginflow.h"
#include "paging.h"
#include "pathid.h"
#include "requestauth.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace mall::server {

using protocol::ErrorCode;

namespace {

constexpr int kMaxLines = 100;
constexpr qint64 kMaxQuantity = 999;
constexpr int kMaxIdempotencyKey = 128;

struct Line
{
    qint64 goodsId = 0;
    qint64 quantity = 0;
    qint64 cartItemId = 0; // fromCart: the cart row this line empties
};

// The integer rule of BodyReader for values inside arrays.
std::optional<qint64> integerOf(const QJsonValue &value)
{
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number || std::fabs(number) > 9007199254740992.0)
        return std::nullopt;
    return static_cast<qint64>(number);
}

// "items": 1..100 objects {goodsId, quantity 1..999}. Repeated goods are
// merged into one line, so an order never lists a goods twice.
std::optional<QList<Line>> readLines(const QJsonValue &value, QString *error)
{
    if (!value.isArray()) {
        *error = QStringLiteral("field \"items\" must be an array");
        return std::nullopt;
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty() || array.size() > kMaxLines) {
        *error = QStringLiteral("field \"items\" must hold 1 to %1 entries").arg(kMaxLines);
        return std::nullopt;
    }
    QList<Line> lines;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            *error = QStringLiteral("items[%1] must be an object").arg(i);
            return std::nullopt;
        }
        const QJsonObject item = array.at(i).toObject();
        const auto goodsId = integerOf(item.value(QLatin1String("goodsId")));
        const auto quantity = integerOf(item.value(QLatin1String("quantity")));
        if (!goodsId || *goodsId <= 0) {
            *error = QStringLiteral("items[%1].goodsId must be a positive integer").arg(i);
            return std::nullopt;
        }
        if (!quantity || *quantity < 1 || *quantity > kMaxQuantity) {
            *error = QStringLiteral("items[%1].quantity must be an integer from 1 to %2")
                         .arg(i)
                         .arg(kMaxQuantity);
            return std::nullopt;
        }
        auto same = std::find_if(lines.begin(), lines.end(),
                                 [&](const Line &line) { return line.goodsId == *goodsId; });
        if (same == lines.end()) {
            lines.append(Line{*goodsId, *quantity, 0});
        } else if ((same->quantity += *quantity) > kMaxQuantity) {
            *error = QStringLiteral("goods %1: quantity over %2 in total")
                         .arg(*goodsId)
                         .arg(kMaxQuantity);
            return std::nullopt;
        }
    }
    return lines;
}

ApiResponse noSuchOrder(const ApiRequest &request)
{
    return ApiResponse::error(ErrorCode::NotFound, request.text("订单不存在", "No such order"));
}

ApiResponse conflict(const ApiRequest &request, const char *chinese, const char *english)
{
    return ApiResponse::error(ErrorCode::Conflict, request.text(chinese, english));
}

QJsonArray orderItems(Database &db, qint64 orderId)
{
    QSqlQuery rows = db.exec(QStringLiteral("SELECT goods_id, name, price_cents, quantity FROM "
                                            "order_items WHERE order_id = ? ORDER BY rowid"),
                             {orderId});
    QJsonArray items;
    while (rows.next()) {
        items.append(QJsonObject{{QLatin1String("goodsId"), rows.value(0).toLongLong()},
                                 {QLatin1String("name"), rows.value(1).toString()},
                                 {QLatin1String("priceCents"), rows.value(2).toLongLong()},
                                 {QLatin1String("quantity"), rows.value(3).toLongLong()}});
    }
    return items;
}

const QLatin1String kOrderColumns("id, status, total_cents, discount_cents, pay_cents, address_id, "
                                  "address_snapshot, coupon_id, created_at, updated_at");

QJsonObject orderJson(Database &db, const QSqlQuery &row)
{
    const qint64 id = row.value(0).toLongLong();
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("status"), row.value(1).toString()},
        {QLatin1String("items"), orderItems(db, id)},
        {QLatin1String("totalCents"), row.value(2).toLongLong()},
        {QLatin1String("discountCents"), row.value(3).toLongLong()},
        {QLatin1String("payCents"), row.value(4).toLongLong()},
        {QLatin1String("addressId"), row.value(5).toLongLong()},
        // Where the order goes, as it was when ordered: editing or deleting
        // the address later does not move a placed order.
        {QLatin1String("address"), QJsonDocument::fromJson(row.value(6).toByteArray()).object()},
        {QLatin1String("couponId"),
         row.value(7).isNull() ? QJsonValue() : QJsonValue(row.value(7).toLongLong())},
        {QLatin1String("createdAt"), row.value(8).toLongLong()},
        {QLatin1String("updatedAt"), row.value(9).toLongLong()},
    };
}

// The caller's order; another user's order does not exist for them.
std::optional<QJsonObject> loadOrder(Database &db, qint64 orderId, qint64 uid)
{
    QSqlQuery row = db.exec(QStringLiteral("SELECT ") + kOrderColumns +
                                QStringLiteral(" FROM orders WHERE id = ? AND uid = ?"),
                            {orderId, uid});
    if (!row.next())
        return std::nullopt;
    return orderJson(db, row);
}

ApiResponse createOrder(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;

    const QByteArray key = request.header("Idempotency-Key").trimmed();
    if (key.size() > kMaxIdempotencyKey)
        return badRequest(
            request,
            QStringLiteral("Idempotency-Key is longer than %1 characters").arg(kMaxIdempotencyKey));
    for (const char c : key) {
        if (c < 0x20 || c > 0x7e)
            return badRequest(request, QStringLiteral("Idempotency-Key must be printable ASCII"));
    }

    // BEGIN IMMEDIATE takes the write lock before the key is looked up, so
    // nothing can insert the same key between the lookup and our insert; a
    // duplicate that arrives meanwhile waits and then finds our order.
    Transaction transaction(context.db);
    if (!key.isEmpty()) {
        const QVariant first = context.db.scalar(
            QStringLiteral("SELECT id FROM orders WHERE uid = ? AND idempotency_key = ?"),
            {uid, QString::fromLatin1(key)});
        // A replay answers the first order whatever its body says: the key
        // names one attempt to order, and a retry must never order twice.
        if (first.isValid()) {
            return ApiResponse::ok(*loadOrder(context.db, first.toLongLong(), uid))
                .withHeader("Idempotent-Replayed", "true");
        }
    }

    BodyReader body(request.body);
    const qint64 addressId = body.integer("addressId");
    const std::optional<qint64> couponId = body.optionalInteger("couponId");
    const bool fromCart = body.optionalBool("fromCart").value_or(false);
    if (!body.ok())
        return badRequest(request, body.error());
    const bool hasItems = body.has("items");
    if (fromCart && hasItems)
        return badRequest(request,
                          QStringLiteral("give either \"items\" or \"fromCart\", not both"));
    if (!fromCart && !hasItems)
        return badRequest(request,
                          QStringLiteral("field \"items\" is required (or \"fromCart\": true)"));
    QList<Line> lines;
    if (hasItems) {
        QString error;
        const auto read = readLines(body.object().value(QLatin1String("items")), &error);
        if (!read)
            return badRequest(request, error);
        lines = *read;
    }

    QSqlQuery address = context.db.exec(
        QStringLiteral(
            "SELECT name, phone, region, detail FROM addresses WHERE id = ? AND uid = ?"),
        {addressId, uid});
    if (!address.next())
        return ApiResponse::error(ErrorCode::NotFound,
                                  request.text("收货地址不存在", "No such address"));
    const QJsonObject addressSnapshot{{QLatin1String("id"), addressId},
                                      {QLatin1String("name"), address.value(0).toString()},
                                      {QLatin1String("phone"), address.value(1).toString()},
                                      {QLatin1String("region"), address.value(2).toString()},
                                      {QLatin1String("detail"), address.value(3).toString()}};

    if (fromCart) {
        QSqlQuery cart = context.db.exec(
            QStringLiteral(
                "SELECT id, goods_id, quantity FROM cart_items WHERE uid = ? ORDER BY id"),
            {uid});
        while (cart.next()) {
            lines.append(Line{cart.value(1).toLongLong(), cart.value(2).toLongLong(),
                              cart.value(0).toLongLong()});
        }
        if (lines.isEmpty())
            return conflict(request, "购物车是空的", "Your cart is empty");
    }

    // Reserve stock line by line; the first line that cannot be had returns,
    // and the transaction's rollback gives back what earlier lines took.
    const qint64 now = context.clock.now();
    struct Priced
    {
        Line line;
        QString name;
        qint64 priceCents = 0;
    };
    QList<Priced> priced;
    qint64 totalCents = 0;
    for (const Line &line : std::as_const(lines)) {
        QSqlQuery goods = context.db.exec(
            QStringLiteral("SELECT name, price_cents FROM goods WHERE id = ?"), {line.goodsId});
        if (!goods.next()) {
            return ApiResponse::error(
                ErrorCode::NotFound,
                request.text("商品不存在：%1", "No such goods: %1").arg(line.goodsId));
        }
        const QSqlQuery reserved =
            context.db.exec(QStringLiteral("UPDATE goods SET stock = stock - ?, sales = sales + ? "
                                           "WHERE id = ? AND stock >= ?"),
                            {line.quantity, line.quantity, line.goodsId, line.quantity});
        if (reserved.numRowsAffected() != 1) {
            return ApiResponse::error(ErrorCode::Conflict,
                                      request.text("库存不足：%1", "Not enough stock: %1")
                                          .arg(goods.value(0).toString()));
        }
        priced.append(Priced{line, goods.value(0).toString(), goods.value(1).toLongLong()});
        totalCents += goods.value(1).toLongLong() * line.quantity;
    }

    // The coupon: one unused claimed copy of it, the oldest first.
    qint64 discountCents = 0;
    qint64 userCouponId = 0;
    if (couponId) {
        QSqlQuery coupon = context.db.exec(
            QStringLiteral("SELECT discount_cents, min_spend_cents, valid_until FROM coupons "
                           "WHERE id = ?"),
            {*couponId});
        if (!coupon.next())
            return ApiResponse::error(ErrorCode::NotFound,
                                      request.text("优惠券不存在", "No such coupon"));
        const QVariant held = context.db.scalar(
            QStringLiteral("SELECT id FROM user_coupons WHERE uid = ? AND coupon_id = ? AND "
                           "status = 'unused' ORDER BY id LIMIT 1"),
            {uid, *couponId});
        if (!held.isValid())
            return conflict(request, "你没有可用的这张优惠券",
                            "You hold no unused copy of this coupon");
        if (coupon.value(2).toLongLong() <= now)
            return conflict(request, "优惠券已过期", "This coupon has expired");
        if (totalCents < coupon.value(1).toLongLong())
            return conflict(request, "未达到优惠券的使用门槛",
                            "The order does not reach this coupon's minimum spend");
        userCouponId = held.toLongLong();
        // Something is always left to pay: a payment of 0 cannot be made.
        discountCents = qMin(coupon.value(0).toLongLong(), totalCents - 1);
    }
    const qint64 payCents = totalCents - discountCents;

    const qint64 orderId =
        context.db
            .exec(QStringLiteral("INSERT INTO orders (uid, status, total_cents, discount_cents, "
                                 "pay_cents, address_id, address_snapshot, coupon_id, "
                                 "idempotency_key, created_at, updated_at) "
                                 "VALUES (?, 'created', ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {uid, totalCents, discountCents, payCents, addressId,
                   QString::fromUtf8(QJsonDocument(addressSnapshot).toJson(QJsonDocument::Compact)),
                   couponId ? QVariant(*couponId) : QVariant(QMetaType::fromType<qint64>()),
                   key.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                 : QVariant(QString::fromLatin1(key)),
                   now, now})
            .lastInsertId()
            .toLongLong();
    for (const Priced &item : std::as_const(priced)) {
        context.db.exec(
            QStringLiteral("INSERT INTO order_items (order_id, goods_id, name, "
                           "price_cents, quantity) VALUES (?, ?, ?, ?, ?)"),
            {orderId, item.line.goodsId, item.name, item.priceCents, item.line.quantity});
        if (item.line.cartItemId != 0) {
            context.db.exec(QStringLiteral("DELETE FROM cart_items WHERE id = ? AND uid = ?"),
                            {item.line.cartItemId, uid});
        }
    }
    if (userCouponId != 0) {
        context.db.exec(
            QStringLiteral("UPDATE user_coupons SET status = 'used', order_id = ? WHERE id = ?"),
            {orderId, userCouponId});
    }
    const QJsonObject order = *loadOrder(context.db, orderId, uid);
    transaction.commit();
    return ApiResponse::ok(order);
}

const QStringList &orderStatuses()
{
    static const QStringList statuses = {QStringLiteral("created"), QStringLiteral("paid"),
                                         QStringLiteral("cancelled"), QStringLiteral("shipped"),
                                         QStringLiteral("done")};
    return statuses;
}

ApiResponse listOrders(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    QString error;
    const std::optional<Paging> paging = readPaging(request, &error);
    if (!paging)
        return badRequest(request, error);
    const QString status = request.query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && !orderStatuses().contains(status)) {
        return badRequest(request, QStringLiteral("\"status\" must be one of ") +
                                       orderStatuses().join(QStringLiteral(", ")));
    }
    const QString where = QStringLiteral(" FROM orders WHERE uid = ? AND (IFNULL(?, '') = '' OR "
                                         "status = ?)");
    const qint64 total =
        context.db.scalar(QStringLiteral("SELECT COUNT(*)") + where, {uid, status, status})
            .toLongLong();
    QSqlQuery rows =
        context.db.exec(QStringLiteral("SELECT ") + kOrderColumns + where +
                            QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"),
                        {uid, status, status, paging->size, paging->offset()});
    QJsonArray items;
    while (rows.next())
        items.append(orderJson(context.db, rows));
    return ApiResponse::ok(pageJson(items, total, *paging));
}

ApiResponse getOrder(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const std::optional<qint64> id = pathId(request);
    const auto order = id ? loadOrder(context.db, *id, authed.user.uid) : std::nullopt;
    return order ? ApiResponse::ok(*order) : noSuchOrder(request);
}

// Moves the caller's unpaid order `id` to `status`, inside the caller's open
// transaction. Answers the refusal when it cannot: no such order of the
// caller's (404), or one that is no longer unpaid (409, `refusal`).
std::optional<ApiResponse> leaveUnpaid(ServerContext &context, const ApiRequest &request,
                                       qint64 uid, qint64 id, const QString &status,
                                       const ApiResponse &refusal)
{
    const QVariant current = context.db.scalar(
        QStringLiteral("SELECT status FROM orders WHERE id = ? AND uid = ?"), {id, uid});
    if (!current.isValid())
        return noSuchOrder(request);
    if (current.toString() != QLatin1String("created"))
        return refusal;
    context.db.exec(QStringLiteral("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?"),
                    {status, context.clock.now(), id});
    return std::nullopt;
}

ApiResponse payOrder(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> id = pathId(request);
    if (!id)
        return noSuchOrder(request);

    Transaction transaction(context.db);
    if (auto refused = leaveUnpaid(
            context, request, uid, *id, QStringLiteral("paid"),
            conflict(request, "只有待支付的订单可以支付", "Only an unpaid order can be paid")))
        return *refused;
    const QJsonObject order = *loadOrder(context.db, *id, uid);
    transaction.commit();
    return ApiResponse::ok(order);
}

ApiResponse cancelOrder(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> id = pathId(request);
    if (!id)
        return noSuchOrder(request);

    // Status, stock, sales and the coupon move together or not at all.
    Transaction transaction(context.db);
    if (auto refused = leaveUnpaid(
            context, request, uid, *id, QStringLiteral("cancelled"),
            conflict(request, "只有待支付的订单可以取消", "Only an unpaid order can be cancelled")))
        return *refused;
    QSqlQuery items = context.db.exec(
        QStringLiteral("SELECT goods_id, quantity FROM order_items WHERE order_id = ?"), {*id});
    while (items.next()) {
        const qint64 quantity = items.value(1).toLongLong();
        context.db.exec(QStringLiteral("UPDATE goods SET stock = stock + ?, "
                                       "sales = MAX(sales - ?, 0) WHERE id = ?"),
                        {quantity, quantity, items.value(0).toLongLong()});
    }
    // The coupon comes back as unused; if its date has passed meanwhile it
    // shows as expired, as any unused coupon would.
    context.db.exec(QStringLiteral("UPDATE user_coupons SET status = 'unused', order_id = NULL "
                                   "WHERE order_id = ? AND uid = ?"),
                    {*id, uid});
    const QJsonObject order = *loadOrder(context.db, *id, uid);
    transaction.commit();
    return ApiResponse::ok(order);
}

} // namespace

void registerOrderRoutes(Router &router, ServerContext &context)
{
    router.add("POST", QStringLiteral("/api/orders"), withUser(context, 2, createOrder));
    router.add("GET", QStringLiteral("/api/orders"), withUser(context, 2, listOrders));
    router.add("GET", QStringLiteral("/api/orders/{id}"), withUser(context, 2, getOrder));
    router.add("POST", QStringLiteral("/api/orders/{id}/pay"), withUser(context, 2, payOrder));
    router.add("POST", QStringLiteral("/api/orders/{id}/cancel"),
               withUser(context, 2, cancelOrder));
}

} // namespace mall::server
