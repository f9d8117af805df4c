#include "loginflow.h"
#include "paging.h"
#include "pathid.h"
#include "requestauth.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace mall::server {

using protocol::ErrorCode;

namespace {

// The columns couponJson() reads, in its order.
const QLatin1String kCouponColumns("c.id, c.name, c.discount_cents, c.min_spend_cents, "
                                   "c.total - c.claimed, c.per_user_limit, c.valid_until");

QJsonObject couponJson(const QSqlQuery &row)
{
    return QJsonObject{
        {QLatin1String("id"), row.value(0).toLongLong()},
        {QLatin1String("name"), row.value(1).toString()},
        {QLatin1String("discountCents"), row.value(2).toLongLong()},
        {QLatin1String("minSpendCents"), row.value(3).toLongLong()},
        {QLatin1String("remaining"), qMax(row.value(4).toLongLong(), qint64(0))},
        {QLatin1String("perUserLimit"), row.value(5).toLongLong()},
        {QLatin1String("validUntil"), row.value(6).toLongLong()},
    };
}

// A claimed instance: the coupon plus what the user's copy says. The status
// "expired" is computed, never stored, so moving the clock (or time passing)
// needs no sweep; a used coupon stays "used" after its date.
QJsonObject claimedJson(const QSqlQuery &row, qint64 now)
{
    QJsonObject coupon = couponJson(row);
    const QString stored = row.value(7).toString();
    const bool expired = row.value(6).toLongLong() <= now;
    coupon.insert(QLatin1String("status"), stored == QLatin1String("used") ? stored
                                           : expired ? QStringLiteral("expired")
                                                     : stored);
    coupon.insert(QLatin1String("userCouponId"), row.value(8).toLongLong());
    coupon.insert(QLatin1String("claimedAt"), row.value(9).toLongLong());
    coupon.insert(QLatin1String("orderId"),
                  row.value(10).isNull() ? QJsonValue() : QJsonValue(row.value(10).toLongLong()));
    return coupon;
}

const QLatin1String kClaimedColumns(", uc.status, uc.id, uc.claimed_at, uc.order_id");

ApiResponse listCoupons(ServerContext &context, const ApiRequest &request)
{
    QString error;
    const std::optional<Paging> paging = readPaging(request, &error);
    if (!paging)
        return badRequest(request, error);
    // Expired coupons can no longer be claimed, so the public list leaves them
    // out; coupons that ran out stay listed with remaining 0 ("sold out").
    const qint64 now = context.clock.now();
    const qint64 total =
        context.db
            .scalar(QStringLiteral("SELECT COUNT(*) FROM coupons WHERE valid_until > ?"), {now})
            .toLongLong();
    QSqlQuery rows = context.db.exec(QStringLiteral("SELECT ") + kCouponColumns +
                                         QStringLiteral(" FROM coupons c WHERE c.valid_until > ? "
                                                        "ORDER BY c.id LIMIT ? OFFSET ?"),
                                     {now, paging->size, paging->offset()});
    QJsonArray items;
    while (rows.next())
        items.append(couponJson(rows));
    return ApiResponse::ok(pageJson(items, total, *paging));
}

ApiResponse claimCoupon(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    const std::optional<qint64> couponId = pathId(request);
    if (!couponId)
        return ApiResponse::error(ErrorCode::NotFound,
                                  request.text("优惠券不存在", "No such coupon"));

    // Checks and writes under one write lock: two claims of the last coupon
    // cannot both see "one left".
    Transaction transaction(context.db);
    const qint64 now = context.clock.now();
    QSqlQuery coupon = context.db.exec(
        QStringLiteral("SELECT total, claimed, per_user_limit, valid_until FROM coupons "
                       "WHERE id = ?"),
        {*couponId});
    if (!coupon.next())
        return ApiResponse::error(ErrorCode::NotFound,
                                  request.text("优惠券不存在", "No such coupon"));
    if (coupon.value(3).toLongLong() <= now)
        return ApiResponse::error(ErrorCode::Conflict,
                                  request.text("优惠券已过期", "This coupon has expired"));
    if (coupon.value(1).toLongLong() >= coupon.value(0).toLongLong())
        return ApiResponse::error(ErrorCode::Conflict,
                                  request.text("优惠券已被抢光", "This coupon is all gone"));
    // Used and expired copies count too: the limit is on claims, not on what
    // the user still holds, or a user could claim, spend and claim again.
    const qint64 held =
        context.db
            .scalar(
                QStringLiteral("SELECT COUNT(*) FROM user_coupons WHERE uid = ? AND coupon_id = ?"),
                {uid, *couponId})
            .toLongLong();
    if (held >= coupon.value(2).toLongLong())
        return ApiResponse::error(
            ErrorCode::Conflict,
            request.text("已达到该优惠券的领取上限",
                         "You already hold as many of this coupon as allowed"));

    // The guard in the WHERE keeps "claimed <= total" even if a check above
    // were ever moved out of the transaction.
    const QSqlQuery taken = context.db.exec(
        QStringLiteral("UPDATE coupons SET claimed = claimed + 1 WHERE id = ? AND claimed < total"),
        {*couponId});
    if (taken.numRowsAffected() != 1)
        return ApiResponse::error(ErrorCode::Conflict,
                                  request.text("优惠券已被抢光", "This coupon is all gone"));
    const qint64 userCouponId =
        context.db
            .exec(QStringLiteral("INSERT INTO user_coupons (uid, coupon_id, status, claimed_at) "
                                 "VALUES (?, ?, 'unused', ?)"),
                  {uid, *couponId, now})
            .lastInsertId()
            .toLongLong();
    QSqlQuery claimed =
        context.db.exec(QStringLiteral("SELECT ") + kCouponColumns + kClaimedColumns +
                            QStringLiteral(" FROM user_coupons uc JOIN coupons c "
                                           "ON c.id = uc.coupon_id WHERE uc.id = ?"),
                        {userCouponId});
    if (!claimed.next())
        throw DatabaseError("claimed coupon vanished");
    const QJsonObject answer = claimedJson(claimed, now);
    transaction.commit();
    return ApiResponse::ok(answer);
}

ApiResponse myCoupons(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    QString error;
    const std::optional<Paging> paging = readPaging(request, &error);
    if (!paging)
        return badRequest(request, error);

    // ?status= picks one kind, as the checkout's coupon picker wants "unused".
    const QString status = request.query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != QLatin1String("unused") && status != QLatin1String("used") &&
        status != QLatin1String("expired"))
        return badRequest(request, QStringLiteral("\"status\" must be unused, used or expired"));
    const qint64 now = context.clock.now();
    // The same rule as claimedJson(): "expired" is computed from valid_until.
    const QString from = QStringLiteral(
        " FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id WHERE uc.uid = ? AND "
        "(IFNULL(?, '') = '' OR ? = CASE WHEN uc.status = 'used' THEN 'used' "
        "WHEN c.valid_until <= ? THEN 'expired' ELSE 'unused' END)");
    const qint64 total =
        context.db.scalar(QStringLiteral("SELECT COUNT(*)") + from, {uid, status, status, now})
            .toLongLong();
    QSqlQuery rows = context.db.exec(
        QStringLiteral("SELECT ") + kCouponColumns + kClaimedColumns + from +
            QStringLiteral(" ORDER BY uc.claimed_at DESC, uc.id DESC LIMIT ? OFFSET ?"),
        {uid, status, status, now, paging->size, paging->offset()});
    QJsonArray items;
    while (rows.next())
        items.append(claimedJson(rows, now));
    return ApiResponse::ok(pageJson(items, total, *paging));
}

} // namespace

void registerCouponRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/coupons"), withContext(context, listCoupons));
    router.add("POST", QStringLiteral("/api/coupons/{id}/claim"),
               withUser(context, 2, claimCoupon));
    router.add("GET", QStringLiteral("/api/me/coupons"), withUser(context, 2, myCoupons));
}

} // namespace mall::server
