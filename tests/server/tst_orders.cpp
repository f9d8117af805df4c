// Coupons, orders, reviews and telemetry over real HTTP: claim limits, the
// order's stock and coupon bookkeeping, the pay/cancel state machine,
// idempotent ordering (also under concurrent duplicates), bad input that
// changes nothing, other users' orders out of reach, the profile step that
// reviews need, and telemetry batches.

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kScarceCoupon = 5; // seeded with total 3, one per user
constexpr qint64 kFreeCoupon = 1;   // 5 yuan off, no minimum, one per user, 90 days
constexpr qint64 kCoupon99 = 2;     // 10 yuan off from 99, two per user
constexpr qint64 kCoupon199 = 3;    // 30 yuan off from 199
constexpr qint64 kCoupon499 = 4;    // 80 yuan off from 499

struct Line
{
    qint64 goodsId;
    qint64 quantity;
};

QJsonObject orderBody(const QList<Line> &lines, qint64 addressId,
                      std::optional<qint64> couponId = std::nullopt)
{
    QJsonArray items;
    for (const Line &line : lines)
        items.append(QJsonObject{{u"goodsId"_s, line.goodsId}, {u"quantity"_s, line.quantity}});
    QJsonObject body{{u"items"_s, items}, {u"addressId"_s, addressId}};
    if (couponId)
        body.insert(u"couponId"_s, *couponId);
    return body;
}

// `object` with `key` set to `value` (or removed, for Undefined).
QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

QList<qint64> idsOf(const QJsonArray &items)
{
    QList<qint64> ids;
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value(u"id"_s).toInteger());
    return ids;
}

QJsonObject findById(const QJsonArray &items, qint64 id)
{
    for (const QJsonValue &item : items) {
        if (item.toObject().value(u"id"_s).toInteger() == id)
            return item.toObject();
    }
    return {};
}

struct GoodsState
{
    qint64 priceCents = -1;
    qint64 stock = -1;
    qint64 sales = -1;
    bool operator==(const GoodsState &) const = default;
};

} // namespace

namespace QTest {
template <> char *toString(const GoodsState &goods)
{
    return qstrdup(QByteArray("price " + QByteArray::number(goods.priceCents) + ", stock " +
                              QByteArray::number(goods.stock) + ", sales " +
                              QByteArray::number(goods.sales))
                       .constData());
}
} // namespace QTest

class TstOrders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    // Coupons
    void publicCouponList();
    void claimRespectsPerUserLimit();
    void scarceCouponRunsOut();
    void claimNeedsMemberAndKnownCoupon();
    void expiredCouponsCannotBeClaimedOrUsed();

    // Orders
    void ordersNeedMember();
    void orderTakesStockAndCoupon();
    void payStateMachine();
    void cancelGivesBackStockAndCoupon();
    void cancelledCouponCanBeUsedAgain();
    void otherUsersOrdersAreOutOfReach();
    void sameKeyTwiceIsOneOrder();
    void sameKeyDifferentBodyAnswersTheFirstOrder();
    void keysBelongToOneUser();
    void concurrentDuplicatesMakeOneOrder();
    void orderWithoutKeyIsAllowed();
    void badOrdersChangeNothing_data();
    void badOrdersChangeNothing();
    void orderFromCartEmptiesTheCart();
    void fromCartOverStockChangesNothing();
    void emptyCartCannotBeOrdered();
    void discountLeavesAtLeastOneCent();
    void listFiltersAndPages();
    void unknownOrderIds_data();
    void unknownOrderIds();

    // Reviews
    void reviewsNeedProfile();
    void reviewAnswersAuthorAndText();
    void badReviews_data();
    void badReviews();
    void oneReviewPerGoods();
    void reviewOfUnknownGoods();

    // Telemetry
    void telemetryStoresBatches();
    void telemetryRejectsBadBatches_data();
    void telemetryRejectsBadBatches();
    void telemetryNeedsAToken();

private:
    TestSession newGuest();
    TestSession newMember();
    // A member with an authorized profile (step 3).
    TestSession newProfiledMember(const QString &nickname);
    qint64 addAddress(const TestSession &user);
    GoodsState goods(qint64 id);
    // A goods of the seed whose price is under `maxPriceCents` and whose stock
    // is at least `minStock`; 0 when none is found.
    qint64 cheapGoods(qint64 maxPriceCents, qint64 minStock);
    HttpReply placeOrder(const TestSession &user, const QJsonObject &body,
                         const QByteArray &key = {});
    HttpReply claim(const TestSession &user, qint64 couponId);
    QJsonArray myCoupons(const TestSession &user, const QString &query = {});
    QJsonArray publicCoupons();
    qint64 remaining(qint64 couponId);
    QJsonArray cartItems(const TestSession &user);
    HttpReply orders(const TestSession &user, const QString &query = {});
    HttpReply orderAction(const TestSession &user, qint64 orderId, const QString &action);
    void advanceClock(qint64 seconds);
    // Rows of the server's database, read from its file (telemetry has no
    // read endpoint).
    QList<QStringList> dbRows(const QString &sql);

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    int m_users = 0;
};

void TstOrders::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstOrders::init()
{
    // No users, sessions or clock offset carried over. Stock, sales and
    // coupon counts are the catalog's and carry over, so every test compares
    // against what it read first.
    QCOMPARE(m_http->post(u"/dev/reset"_s, {}).code, u"OK"_s);
}

void TstOrders::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

TestSession TstOrders::newGuest()
{
    ++m_users;
    return guestLogin(*m_http, u"orders-guest-%1"_s.arg(m_users));
}

TestSession TstOrders::newMember()
{
    ++m_users;
    const QString deviceId = u"orders-device-%1"_s.arg(m_users);
    const QString phone = u"1390000%1"_s.arg(m_users, 4, 10, QLatin1Char('0'));
    const TestSession member = memberViaPhoneButton(*m_http, deviceId, phone);
    if (member.step != 2)
        qWarning("member on %s is at step %d", qPrintable(deviceId), member.step);
    return member;
}

TestSession TstOrders::newProfiledMember(const QString &nickname)
{
    TestSession member = newMember();
    const HttpReply signedProfile =
        m_http->post(u"/wx/getUserProfile"_s,
                     QJsonObject{{u"deviceId"_s, member.deviceId}, {u"nickname"_s, nickname}});
    const HttpReply profile =
        m_http->post(u"/api/user/profile"_s,
                     QJsonObject{{u"rawData"_s, signedProfile.object().value(u"rawData"_s)},
                                 {u"signature"_s, signedProfile.object().value(u"signature"_s)}},
                     member.accessToken);
    member.step = profile.object().value(u"step"_s).toInt();
    if (member.step != 3)
        qWarning("profile for %s: %s", qPrintable(member.deviceId), profile.body.constData());
    return member;
}

qint64 TstOrders::addAddress(const TestSession &user)
{
    const HttpReply reply = m_http->post(u"/api/addresses"_s,
                                         QJsonObject{{u"name"_s, u"收货人"_s},
                                                     {u"phone"_s, u"13912345678"_s},
                                                     {u"region"_s, u"广东省 广州市 天河区"_s},
                                                     {u"detail"_s, u"天河路 385 号"_s}},
                                         user.accessToken);
    if (reply.code != u"OK"_s)
        qWarning("POST /api/addresses: %d %s", reply.status, reply.body.constData());
    return reply.object().value(u"id"_s).toInteger();
}

GoodsState TstOrders::goods(qint64 id)
{
    const HttpReply reply = m_http->get(u"/api/goods/%1"_s.arg(id));
    if (reply.code != u"OK"_s) {
        qWarning("GET /api/goods/%lld: %d %s", id, reply.status, reply.body.constData());
        return {};
    }
    const QJsonObject data = reply.object();
    return {data.value(u"priceCents"_s).toInteger(), data.value(u"stock"_s).toInteger(),
            data.value(u"sales"_s).toInteger()};
}

qint64 TstOrders::cheapGoods(qint64 maxPriceCents, qint64 minStock)
{
    // The last aisle (books and stationery) is the cheapest.
    for (qint64 id = 243; id > 0; --id) {
        const GoodsState state = goods(id);
        if (state.priceCents > 0 && state.priceCents < maxPriceCents && state.stock >= minStock)
            return id;
    }
    return 0;
}

HttpReply TstOrders::placeOrder(const TestSession &user, const QJsonObject &body,
                                const QByteArray &key)
{
    auto headers = bearer(user.accessToken);
    if (!key.isEmpty())
        headers.append({"Idempotency-Key", key});
    return m_http->send("POST", u"/api/orders"_s,
                        QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpReply TstOrders::claim(const TestSession &user, qint64 couponId)
{
    return m_http->post(u"/api/coupons/%1/claim"_s.arg(couponId), {}, user.accessToken);
}

QJsonArray TstOrders::myCoupons(const TestSession &user, const QString &query)
{
    const HttpReply reply = m_http->get(u"/api/me/coupons"_s + query, user.accessToken);
    if (reply.code != u"OK"_s)
        qWarning("GET /api/me/coupons: %s", reply.body.constData());
    return reply.object().value(u"items"_s).toArray();
}

QJsonArray TstOrders::publicCoupons()
{
    return m_http->get(u"/api/coupons"_s).object().value(u"items"_s).toArray();
}

qint64 TstOrders::remaining(qint64 couponId)
{
    const QJsonObject coupon = findById(publicCoupons(), couponId);
    return coupon.isEmpty() ? -1 : coupon.value(u"remaining"_s).toInteger();
}

QJsonArray TstOrders::cartItems(const TestSession &user)
{
    const HttpReply reply = m_http->get(u"/api/cart"_s, user.accessToken);
    if (reply.code != u"OK"_s)
        qWarning("GET /api/cart: %d %s", reply.status, reply.body.constData());
    return reply.object().value(u"items"_s).toArray();
}

HttpReply TstOrders::orders(const TestSession &user, const QString &query)
{
    return m_http->get(u"/api/orders"_s + query, user.accessToken);
}

HttpReply TstOrders::orderAction(const TestSession &user, qint64 orderId, const QString &action)
{
    return m_http->post(u"/api/orders/%1/%2"_s.arg(orderId).arg(action), {}, user.accessToken);
}

void TstOrders::advanceClock(qint64 seconds)
{
    QCOMPARE(m_http->post(u"/dev/clock"_s, QJsonObject{{u"advance"_s, seconds}}).code, u"OK"_s);
}

QList<QStringList> TstOrders::dbRows(const QString &sql)
{
    QList<QStringList> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-orders-peek"_s);
        db.setDatabaseName(m_server.dataDir() + u"/mall.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql)) {
                while (query.next()) {
                    QStringList row;
                    for (int i = 0; i < query.record().count(); ++i)
                        row.append(query.value(i).toString());
                    rows.append(row);
                }
            } else {
                qWarning("peek failed: %s", qPrintable(sql));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst-orders-peek"_s);
    return rows;
}

// ---- Coupons ----------------------------------------------------------------

void TstOrders::publicCouponList()
{
    // No token needed.
    const HttpReply reply = m_http->get(u"/api/coupons"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.object().value(u"items"_s).toArray();
    QCOMPARE(reply.object().value(u"total"_s).toInteger(), qint64(items.size()));
    QCOMPARE(idsOf(items), (QList<qint64>{1, 2, 3, 4, 5}));
    const QJsonObject free = findById(items, kFreeCoupon);
    QCOMPARE(free.value(u"discountCents"_s).toInteger(), 500);
    QCOMPARE(free.value(u"minSpendCents"_s).toInteger(), 0);
    QCOMPARE(free.value(u"perUserLimit"_s).toInteger(), 1);
    QVERIFY(free.value(u"name"_s).toString().contains(u"5"_s));
    QVERIFY(free.value(u"remaining"_s).toInteger() > 0);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(free.value(u"validUntil"_s).toInteger() > now + 80 * 86400);
    const QJsonObject scarce = findById(items, kScarceCoupon);
    QCOMPARE(scarce.value(u"minSpendCents"_s).toInteger(), 100000);
    QCOMPARE(scarce.value(u"discountCents"_s).toInteger(), 15000);
    // No user data on the public list.
    QVERIFY(!free.contains(u"status"_s));
}

void TstOrders::claimRespectsPerUserLimit()
{
    const TestSession member = newMember();
    const qint64 before = remaining(kCoupon99);

    const HttpReply first = claim(member, kCoupon99);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.object().value(u"id"_s).toInteger(), kCoupon99);
    QCOMPARE(first.object().value(u"status"_s).toString(), u"unused"_s);
    QCOMPARE(first.object().value(u"discountCents"_s).toInteger(), 1000);
    QCOMPARE(first.object().value(u"remaining"_s).toInteger(), before - 1);
    QCOMPARE(remaining(kCoupon99), before - 1);

    // The limit of this one is two.
    QCOMPARE(claim(member, kCoupon99).status, 200);
    const HttpReply third = claim(member, kCoupon99);
    QCOMPARE(third.status, 409);
    QCOMPARE(third.code, u"CONFLICT"_s);
    QCOMPARE(remaining(kCoupon99), before - 2);

    const QJsonArray mine = myCoupons(member);
    QCOMPARE(mine.size(), 2);
    for (const QJsonValue &coupon : mine) {
        QCOMPARE(coupon.toObject().value(u"id"_s).toInteger(), kCoupon99);
        QCOMPARE(coupon.toObject().value(u"status"_s).toString(), u"unused"_s);
    }
    // Another member has a limit of their own.
    const TestSession other = newMember();
    QCOMPARE(claim(other, kCoupon99).status, 200);
    QCOMPARE(myCoupons(other).size(), 1);
    QCOMPARE(myCoupons(member).size(), 2);
}

void TstOrders::scarceCouponRunsOut()
{
    QCOMPARE(remaining(kScarceCoupon), 3);
    const TestSession first = newMember();
    QCOMPARE(claim(first, kScarceCoupon).status, 200);
    // One per user, while two are still left.
    const HttpReply again = claim(first, kScarceCoupon);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.code, u"CONFLICT"_s);
    QCOMPARE(remaining(kScarceCoupon), 2);

    const TestSession second = newMember();
    const TestSession third = newMember();
    const TestSession fourth = newMember();
    QCOMPARE(claim(second, kScarceCoupon).status, 200);
    QCOMPARE(claim(third, kScarceCoupon).status, 200);
    const HttpReply late = claim(fourth, kScarceCoupon);
    QCOMPARE(late.status, 409);
    QCOMPARE(late.code, u"CONFLICT"_s);
    QCOMPARE(remaining(kScarceCoupon), 0);
    QCOMPARE(myCoupons(fourth).size(), 0);
    // Still listed, as sold out.
    QVERIFY(!findById(publicCoupons(), kScarceCoupon).isEmpty());
}

void TstOrders::claimNeedsMemberAndKnownCoupon()
{
    const qint64 before = remaining(kFreeCoupon);
    const HttpReply anonymous = m_http->post(u"/api/coupons/1/claim"_s, {});
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.code, u"AUTH_FAIL"_s);
    const TestSession guest = newGuest();
    const HttpReply asGuest = claim(guest, kFreeCoupon);
    QCOMPARE(asGuest.status, 403);
    QCOMPARE(asGuest.code, u"NEED_MEMBER"_s);
    QCOMPARE(m_http->get(u"/api/me/coupons"_s, guest.accessToken).code, u"NEED_MEMBER"_s);
    QCOMPARE(remaining(kFreeCoupon), before);

    const TestSession member = newMember();
    for (const QString &id : {u"999"_s, u"0"_s, u"abc"_s, u"-1"_s}) {
        const HttpReply reply =
            m_http->post(u"/api/coupons/%1/claim"_s.arg(id), {}, member.accessToken);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code, u"NOT_FOUND"_s);
    }
    QCOMPARE(myCoupons(member).size(), 0);
    QCOMPARE(m_http->get(u"/api/coupons/1/claim"_s, member.accessToken).status, 405);
    QCOMPARE(m_http->get(u"/api/me/coupons?status=lost"_s, member.accessToken).status, 400);
}

void TstOrders::expiredCouponsCannotBeClaimedOrUsed()
{
    // A server of its own: its clock moves 91 days on, and nothing after
    // this test should have to depend on /dev/reset winding it back.
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    std::unique_ptr<HttpClient> http = std::make_unique<HttpClient>(server.url());
    m_http.swap(http);
    const auto restore = qScopeGuard([&] { m_http.swap(http); });

    TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QVERIFY(addressId > 0);
    QCOMPARE(claim(member, kFreeCoupon).status, 200);
    const qint64 goodsId = cheapGoods(50000, 5);
    QVERIFY(goodsId > 0);

    // 91 days on, every seeded coupon is past its date (the longest lasts 90).
    advanceClock(91 * 86400);
    // Tokens expired too; the device's silent login finds the member again.
    member = guestLogin(*m_http, member.deviceId);
    QCOMPARE(member.step, 2);

    QCOMPARE(publicCoupons().size(), 0);
    QCOMPARE(m_http->get(u"/api/coupons"_s).object().value(u"total"_s).toInteger(), 0);
    const QJsonArray mine = myCoupons(member);
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.at(0).toObject().value(u"status"_s).toString(), u"expired"_s);
    QCOMPARE(myCoupons(member, u"?status=expired"_s).size(), 1);
    QCOMPARE(myCoupons(member, u"?status=unused"_s).size(), 0);

    const HttpReply late = claim(member, kCoupon99);
    QCOMPARE(late.status, 409);
    QCOMPARE(late.code, u"CONFLICT"_s);
    QCOMPARE(myCoupons(member).size(), 1);

    const GoodsState before = goods(goodsId);
    const HttpReply order = placeOrder(member, orderBody({{goodsId, 1}}, addressId, kFreeCoupon));
    QCOMPARE(order.status, 409);
    QCOMPARE(order.code, u"CONFLICT"_s);
    QCOMPARE(goods(goodsId), before);
    QCOMPARE(myCoupons(member).at(0).toObject().value(u"status"_s).toString(), u"expired"_s);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 0);
}

// ---- Orders -----------------------------------------------------------------

void TstOrders::ordersNeedMember()
{
    const TestSession guest = newGuest();
    const QJsonObject body = orderBody({{1, 1}}, 1);
    const HttpReply asGuest = placeOrder(guest, body, "guest-key");
    QCOMPARE(asGuest.status, 403);
    QCOMPARE(asGuest.code, u"NEED_MEMBER"_s);
    const HttpReply anonymous = placeOrder(TestSession{}, body, "anonymous-key");
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.code, u"AUTH_FAIL"_s);
    QCOMPARE(orders(guest).code, u"NEED_MEMBER"_s);
    QCOMPARE(m_http->get(u"/api/orders"_s).code, u"AUTH_FAIL"_s);
}

void TstOrders::orderTakesStockAndCoupon()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QVERIFY(addressId > 0);
    QCOMPARE(claim(member, kCoupon99).status, 200);
    const qint64 goodsId = 1; // a phone: well over the 99 yuan minimum
    const GoodsState before = goods(goodsId);
    QVERIFY(before.stock >= 2);
    QVERIFY(before.priceCents >= 9900);

    const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
    const HttpReply reply =
        placeOrder(member, orderBody({{goodsId, 2}}, addressId, kCoupon99), "order-1");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code, u"OK"_s);
    const QJsonObject order = reply.object();
    const qint64 orderId = order.value(u"id"_s).toInteger();
    QVERIFY(orderId > 0);
    QCOMPARE(order.value(u"status"_s).toString(), u"created"_s);
    const QJsonArray items = order.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject item = items.at(0).toObject();
    QCOMPARE(item.value(u"goodsId"_s).toInteger(), goodsId);
    QCOMPARE(item.value(u"quantity"_s).toInteger(), 2);
    QCOMPARE(item.value(u"priceCents"_s).toInteger(), before.priceCents);
    QCOMPARE(item.value(u"name"_s).toString(),
             m_http->get(u"/api/goods/1"_s).object().value(u"name"_s).toString());
    QCOMPARE(order.value(u"totalCents"_s).toInteger(), before.priceCents * 2);
    QCOMPARE(order.value(u"discountCents"_s).toInteger(), 1000);
    QCOMPARE(order.value(u"payCents"_s).toInteger(), before.priceCents * 2 - 1000);
    QCOMPARE(order.value(u"addressId"_s).toInteger(), addressId);
    QCOMPARE(order.value(u"couponId"_s).toInteger(), kCoupon99);
    QVERIFY(order.value(u"createdAt"_s).toInteger() >= startedAt - 1);
    QVERIFY(order.value(u"createdAt"_s).toInteger() <= QDateTime::currentSecsSinceEpoch() + 1);
    QCOMPARE(order.value(u"address"_s).toObject().value(u"detail"_s).toString(),
             u"天河路 385 号"_s);

    // Exactly the ordered quantity left the stock and went into sales.
    const GoodsState after = goods(goodsId);
    QCOMPARE(after.stock, before.stock - 2);
    QCOMPARE(after.sales, before.sales + 2);

    const QJsonArray mine = myCoupons(member);
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.at(0).toObject().value(u"status"_s).toString(), u"used"_s);
    QCOMPARE(mine.at(0).toObject().value(u"orderId"_s).toInteger(), orderId);

    // The same order by id and in the list.
    const HttpReply byId = m_http->get(u"/api/orders/%1"_s.arg(orderId), member.accessToken);
    QCOMPARE(byId.status, 200);
    QCOMPARE(byId.object(), order);
    const HttpReply list = orders(member);
    QCOMPARE(list.object().value(u"total"_s).toInteger(), 1);
    QCOMPARE(list.object().value(u"items"_s).toArray().at(0).toObject(), order);

    // The snapshot keeps the price it was ordered at; editing the address
    // later does not move the order either.
    QCOMPARE(m_http
                 ->put(u"/api/addresses/%1"_s.arg(addressId),
                       QJsonObject{{u"detail"_s, u"新地址"_s}}, member.accessToken)
                 .status,
             200);
    QCOMPARE(m_http->get(u"/api/orders/%1"_s.arg(orderId), member.accessToken)
                 .object()
                 .value(u"address"_s)
                 .toObject()
                 .value(u"detail"_s)
                 .toString(),
             u"天河路 385 号"_s);
}

void TstOrders::payStateMachine()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    const GoodsState before = goods(2);
    const qint64 orderId =
        placeOrder(member, orderBody({{2, 1}}, addressId)).object().value(u"id"_s).toInteger();
    QVERIFY(orderId > 0);

    const HttpReply paid = orderAction(member, orderId, u"pay"_s);
    QCOMPARE(paid.status, 200);
    QCOMPARE(paid.object().value(u"status"_s).toString(), u"paid"_s);
    QCOMPARE(paid.object().value(u"id"_s).toInteger(), orderId);

    const HttpReply payAgain = orderAction(member, orderId, u"pay"_s);
    QCOMPARE(payAgain.status, 409);
    QCOMPARE(payAgain.code, u"CONFLICT"_s);
    const HttpReply cancelPaid = orderAction(member, orderId, u"cancel"_s);
    QCOMPARE(cancelPaid.status, 409);
    QCOMPARE(cancelPaid.code, u"CONFLICT"_s);

    // A paid order keeps its stock.
    QCOMPARE(goods(2).stock, before.stock - 1);
    QCOMPARE(m_http->get(u"/api/orders/%1"_s.arg(orderId), member.accessToken)
                 .object()
                 .value(u"status"_s)
                 .toString(),
             u"paid"_s);
    QCOMPARE(m_http->get(u"/api/orders/1/pay"_s, member.accessToken).status, 405);
}

void TstOrders::cancelGivesBackStockAndCoupon()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QCOMPARE(claim(member, kCoupon199).status, 200);
    const GoodsState phoneBefore = goods(1);
    const GoodsState otherBefore = goods(10);

    const HttpReply created =
        placeOrder(member, orderBody({{1, 3}, {10, 1}}, addressId, kCoupon199), "cancel-me");
    QCOMPARE(created.status, 200);
    const qint64 orderId = created.object().value(u"id"_s).toInteger();
    QCOMPARE(created.object().value(u"items"_s).toArray().size(), 2);
    QCOMPARE(goods(1).stock, phoneBefore.stock - 3);
    QCOMPARE(goods(10).stock, otherBefore.stock - 1);
    QCOMPARE(myCoupons(member).at(0).toObject().value(u"status"_s).toString(), u"used"_s);

    const HttpReply cancelled = orderAction(member, orderId, u"cancel"_s);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.object().value(u"status"_s).toString(), u"cancelled"_s);
    QCOMPARE(goods(1), phoneBefore);
    QCOMPARE(goods(10), otherBefore);
    const QJsonObject coupon = myCoupons(member).at(0).toObject();
    QCOMPARE(coupon.value(u"status"_s).toString(), u"unused"_s);
    QVERIFY(coupon.value(u"orderId"_s).isNull());

    const HttpReply cancelAgain = orderAction(member, orderId, u"cancel"_s);
    QCOMPARE(cancelAgain.status, 409);
    QCOMPARE(cancelAgain.code, u"CONFLICT"_s);
    const HttpReply payCancelled = orderAction(member, orderId, u"pay"_s);
    QCOMPARE(payCancelled.status, 409);
    // Nothing comes back twice.
    QCOMPARE(goods(1), phoneBefore);
    QCOMPARE(goods(10), otherBefore);
    // The key still names the (cancelled) order.
    const HttpReply replay =
        placeOrder(member, orderBody({{1, 3}, {10, 1}}, addressId, kCoupon199), "cancel-me");
    QCOMPARE(replay.object().value(u"id"_s).toInteger(), orderId);
    QCOMPARE(replay.object().value(u"status"_s).toString(), u"cancelled"_s);
    QCOMPARE(goods(1), phoneBefore);
}

void TstOrders::cancelledCouponCanBeUsedAgain()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QCOMPARE(claim(member, kFreeCoupon).status, 200);
    const qint64 first = placeOrder(member, orderBody({{3, 1}}, addressId, kFreeCoupon), "a")
                             .object()
                             .value(u"id"_s)
                             .toInteger();
    QVERIFY(first > 0);
    // Held by the first order: a second one cannot have it.
    const HttpReply taken = placeOrder(member, orderBody({{3, 1}}, addressId, kFreeCoupon), "b");
    QCOMPARE(taken.status, 409);
    QCOMPARE(orderAction(member, first, u"cancel"_s).status, 200);
    const HttpReply second = placeOrder(member, orderBody({{3, 1}}, addressId, kFreeCoupon), "c");
    QCOMPARE(second.status, 200);
    QCOMPARE(second.object().value(u"discountCents"_s).toInteger(), 500);
    const QJsonObject coupon = myCoupons(member).at(0).toObject();
    QCOMPARE(coupon.value(u"status"_s).toString(), u"used"_s);
    QCOMPARE(coupon.value(u"orderId"_s).toInteger(), second.object().value(u"id"_s).toInteger());
}

void TstOrders::otherUsersOrdersAreOutOfReach()
{
    const TestSession alice = newMember();
    const TestSession bob = newMember();
    const qint64 aliceAddress = addAddress(alice);
    addAddress(bob);
    QCOMPARE(claim(alice, kFreeCoupon).status, 200);
    const HttpReply created =
        placeOrder(alice, orderBody({{4, 2}}, aliceAddress, kFreeCoupon), "alice-1");
    QCOMPARE(created.status, 200);
    const QJsonObject order = created.object();
    const qint64 orderId = order.value(u"id"_s).toInteger();
    const GoodsState stock = goods(4);

    const HttpReply read = m_http->get(u"/api/orders/%1"_s.arg(orderId), bob.accessToken);
    QCOMPARE(read.status, 404);
    QCOMPARE(read.code, u"NOT_FOUND"_s);
    const HttpReply pay = orderAction(bob, orderId, u"pay"_s);
    QCOMPARE(pay.status, 404);
    QCOMPARE(pay.code, u"NOT_FOUND"_s);
    const HttpReply cancel = orderAction(bob, orderId, u"cancel"_s);
    QCOMPARE(cancel.status, 404);
    QCOMPARE(cancel.code, u"NOT_FOUND"_s);
    QCOMPARE(orders(bob).object().value(u"total"_s).toInteger(), 0);
    // Bob cannot order to Alice's address either.
    const HttpReply foreignAddress = placeOrder(bob, orderBody({{4, 1}}, aliceAddress), "bob-1");
    QCOMPARE(foreignAddress.status, 404);

    // Alice's order, stock and coupon are as they were.
    QCOMPARE(m_http->get(u"/api/orders/%1"_s.arg(orderId), alice.accessToken).object(), order);
    QCOMPARE(goods(4), stock);
    QCOMPARE(myCoupons(alice).at(0).toObject().value(u"status"_s).toString(), u"used"_s);
    QCOMPARE(orderAction(alice, orderId, u"pay"_s).status, 200);
}

void TstOrders::sameKeyTwiceIsOneOrder()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    const GoodsState before = goods(5);
    const QJsonObject body = orderBody({{5, 3}}, addressId);

    const HttpReply first = placeOrder(member, body, "retry-me");
    QCOMPARE(first.status, 200);
    QVERIFY(first.header("Idempotent-Replayed").isEmpty());
    const HttpReply second = placeOrder(member, body, "retry-me");
    QCOMPARE(second.status, 200);
    QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(second.object(), first.object());
    QCOMPARE(goods(5).stock, before.stock - 3);
    QCOMPARE(goods(5).sales, before.sales + 3);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 1);

    // A new key is a new order.
    const HttpReply third = placeOrder(member, body, "another");
    QCOMPARE(third.status, 200);
    QVERIFY(third.object().value(u"id"_s).toInteger() != first.object().value(u"id"_s).toInteger());
    QCOMPARE(goods(5).stock, before.stock - 6);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 2);
}

void TstOrders::sameKeyDifferentBodyAnswersTheFirstOrder()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    const GoodsState six = goods(6);
    const GoodsState seven = goods(7);
    const HttpReply first = placeOrder(member, orderBody({{6, 1}}, addressId), "same-key");
    QCOMPARE(first.status, 200);
    // Another body under the same key: still the first order, nothing new.
    const HttpReply second = placeOrder(member, orderBody({{7, 5}}, addressId), "same-key");
    QCOMPARE(second.status, 200);
    QCOMPARE(second.object(), first.object());
    // Even a body that would be refused: the key decides first.
    const HttpReply third = placeOrder(member, QJsonObject{{u"items"_s, 5}}, "same-key");
    QCOMPARE(third.status, 200);
    QCOMPARE(third.object().value(u"id"_s), first.object().value(u"id"_s));
    QCOMPARE(goods(6).stock, six.stock - 1);
    QCOMPARE(goods(7), seven);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 1);
}

void TstOrders::keysBelongToOneUser()
{
    const TestSession alice = newMember();
    const TestSession bob = newMember();
    const qint64 before = goods(8).stock;
    const HttpReply a = placeOrder(alice, orderBody({{8, 1}}, addAddress(alice)), "shared-key");
    const HttpReply b = placeOrder(bob, orderBody({{8, 1}}, addAddress(bob)), "shared-key");
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 200);
    QVERIFY(a.object().value(u"id"_s).toInteger() != b.object().value(u"id"_s).toInteger());
    QCOMPARE(goods(8).stock, before - 2);
}

void TstOrders::concurrentDuplicatesMakeOneOrder()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QCOMPARE(claim(member, kFreeCoupon).status, 200);
    const GoodsState before = goods(9);
    const QByteArray body =
        QJsonDocument(orderBody({{9, 2}}, addressId, kFreeCoupon)).toJson(QJsonDocument::Compact);

    QNetworkAccessManager manager;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 10; ++i) {
        QNetworkRequest request(m_http->url(u"/api/orders"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + member.accessToken);
        request.setRawHeader("Idempotency-Key", "double-tap");
        replies.append(manager.post(request, body));
    }
    QSet<qint64> ids;
    int fresh = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (!reply->isFinished())
            QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject data =
            QJsonDocument::fromJson(reply->readAll()).object().value(u"data"_s).toObject();
        ids.insert(data.value(u"id"_s).toInteger());
        if (!reply->hasRawHeader("Idempotent-Replayed"))
            ++fresh;
        reply->deleteLater();
    }
    QCOMPARE(ids.size(), 1);
    QVERIFY(!ids.contains(0));
    QCOMPARE(fresh, 1);
    const QJsonObject list = orders(member).object();
    QCOMPARE(list.value(u"total"_s).toInteger(), 1);
    QCOMPARE(idsOf(list.value(u"items"_s).toArray()), QList<qint64>{*ids.cbegin()});
    QCOMPARE(goods(9).stock, before.stock - 2);
    QCOMPARE(goods(9).sales, before.sales + 2);
    QCOMPARE(myCoupons(member, u"?status=used"_s).size(), 1);
}

void TstOrders::orderWithoutKeyIsAllowed()
{
    // Without a key there is nothing to recognise a retry by: two requests
    // are two orders.
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    const qint64 before = goods(11).stock;
    QCOMPARE(placeOrder(member, orderBody({{11, 1}}, addressId)).status, 200);
    QCOMPARE(placeOrder(member, orderBody({{11, 1}}, addressId)).status, 200);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 2);
    QCOMPARE(goods(11).stock, before - 2);
    // A key must be printable and at most 128 characters.
    const HttpReply longKey =
        placeOrder(member, orderBody({{11, 1}}, addressId), QByteArray(129, 'k'));
    QCOMPARE(longKey.status, 400);
    QCOMPARE(goods(11).stock, before - 2);
}

void TstOrders::badOrdersChangeNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const auto row = [](const char *kind, int status, const char *code) {
        QTest::newRow(kind) << QString::fromLatin1(kind) << status << QString::fromLatin1(code);
    };
    row("empty items", 400, "BAD_REQUEST");
    row("items not an array", 400, "BAD_REQUEST");
    row("item not an object", 400, "BAD_REQUEST");
    row("quantity 0", 400, "BAD_REQUEST");
    row("quantity negative", 400, "BAD_REQUEST");
    row("quantity fractional", 400, "BAD_REQUEST");
    row("quantity as string", 400, "BAD_REQUEST");
    row("quantity over 999", 400, "BAD_REQUEST");
    row("goodsId missing", 400, "BAD_REQUEST");
    row("neither items nor fromCart", 400, "BAD_REQUEST");
    row("items and fromCart", 400, "BAD_REQUEST");
    row("addressId missing", 400, "BAD_REQUEST");
    row("couponId not an integer", 400, "BAD_REQUEST");
    row("body not JSON", 400, "BAD_REQUEST");
    row("unknown goods after a good line", 404, "NOT_FOUND");
    row("more than the stock after a good line", 409, "CONFLICT");
    row("another user's address", 404, "NOT_FOUND");
    row("unknown address", 404, "NOT_FOUND");
    row("fromCart to another user's address", 404, "NOT_FOUND");
    row("unknown coupon", 404, "NOT_FOUND");
    row("coupon not held", 409, "CONFLICT");
    row("coupon already used", 409, "CONFLICT");
    row("below the coupon's minimum spend", 409, "CONFLICT");
}

void TstOrders::badOrdersChangeNothing()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QString, code);

    const TestSession member = newMember();
    const TestSession other = newMember();
    const qint64 addressId = addAddress(member);
    const qint64 othersAddress = addAddress(other);
    QVERIFY(addressId > 0 && othersAddress > 0);
    const qint64 good = 12;
    const qint64 scarce = 13;
    const qint64 cheap = cheapGoods(49900, 2);
    QVERIFY(cheap > 0);
    // Something in every place an order could touch: a cart line, unused
    // coupons, and a used one (held by an earlier order).
    QCOMPARE(m_http
                 ->post(u"/api/cart"_s, QJsonObject{{u"goodsId"_s, good}, {u"quantity"_s, 1}},
                        member.accessToken)
                 .status,
             200);
    QCOMPARE(claim(member, kFreeCoupon).status, 200);
    QCOMPARE(claim(member, kCoupon499).status, 200);
    QCOMPARE(placeOrder(member, orderBody({{cheap, 1}}, addressId, kFreeCoupon)).status, 200);

    const auto world = [&]() {
        QJsonObject state;
        for (const qint64 id : {good, scarce, cheap}) {
            const GoodsState g = goods(id);
            state.insert(u"goods %1"_s.arg(id), QJsonArray{g.priceCents, g.stock, g.sales});
        }
        state.insert(u"coupons"_s, myCoupons(member));
        state.insert(u"public coupons"_s, publicCoupons());
        state.insert(u"cart"_s, cartItems(member));
        state.insert(u"orders"_s, orders(member).object());
        state.insert(u"other's orders"_s, orders(other).object());
        return state;
    };
    const QJsonObject before = world();
    QCOMPARE(before.value(u"cart"_s).toArray().size(), 1);
    QCOMPARE(before.value(u"orders"_s).toObject().value(u"total"_s).toInteger(), 1);

    const qint64 scarceStock = goods(scarce).stock;
    QByteArray raw;
    QJsonObject body;
    if (kind == u"empty items"_s)
        body = orderBody({}, addressId);
    else if (kind == u"items not an array"_s)
        body = {{u"items"_s, QJsonObject{{u"goodsId"_s, good}}}, {u"addressId"_s, addressId}};
    else if (kind == u"item not an object"_s)
        body = {{u"items"_s, QJsonArray{good}}, {u"addressId"_s, addressId}};
    else if (kind == u"quantity 0"_s)
        body = orderBody({{good, 1}, {scarce, 0}}, addressId);
    else if (kind == u"quantity negative"_s)
        body = orderBody({{good, -1}}, addressId);
    else if (kind == u"quantity fractional"_s)
        body = {{u"items"_s, QJsonArray{QJsonObject{{u"goodsId"_s, good}, {u"quantity"_s, 1.5}}}},
                {u"addressId"_s, addressId}};
    else if (kind == u"quantity as string"_s)
        body = {
            {u"items"_s, QJsonArray{QJsonObject{{u"goodsId"_s, good}, {u"quantity"_s, u"2"_s}}}},
            {u"addressId"_s, addressId}};
    else if (kind == u"quantity over 999"_s)
        body = orderBody({{good, 1000}}, addressId);
    else if (kind == u"goodsId missing"_s)
        body = {{u"items"_s, QJsonArray{QJsonObject{{u"quantity"_s, 1}}}},
                {u"addressId"_s, addressId}};
    else if (kind == u"neither items nor fromCart"_s)
        body = {{u"addressId"_s, addressId}, {u"fromCart"_s, false}};
    else if (kind == u"items and fromCart"_s)
        body = with(orderBody({{good, 1}}, addressId), u"fromCart"_s, true);
    else if (kind == u"addressId missing"_s)
        body = with(orderBody({{good, 1}}, addressId), u"addressId"_s, QJsonValue::Undefined);
    else if (kind == u"couponId not an integer"_s)
        body = with(orderBody({{good, 1}}, addressId), u"couponId"_s, u"1"_s);
    else if (kind == u"body not JSON"_s)
        raw = "{\"items\": [";
    else if (kind == u"unknown goods after a good line"_s)
        body = orderBody({{good, 1}, {999999, 1}}, addressId);
    else if (kind == u"more than the stock after a good line"_s)
        body = orderBody({{good, 2}, {scarce, scarceStock + 1}}, addressId);
    else if (kind == u"another user's address"_s)
        body = orderBody({{good, 1}}, othersAddress);
    else if (kind == u"unknown address"_s)
        body = orderBody({{good, 1}}, 999999);
    else if (kind == u"fromCart to another user's address"_s)
        body = {{u"fromCart"_s, true}, {u"addressId"_s, othersAddress}};
    else if (kind == u"unknown coupon"_s)
        body = orderBody({{good, 1}}, addressId, 999);
    else if (kind == u"coupon not held"_s)
        body = orderBody({{good, 1}}, addressId, kCoupon199);
    else if (kind == u"coupon already used"_s)
        body = orderBody({{good, 1}}, addressId, kFreeCoupon);
    else if (kind == u"below the coupon's minimum spend"_s)
        body = orderBody({{cheap, 1}}, addressId, kCoupon499);
    else
        QFAIL("unknown case");

    auto headers = bearer(member.accessToken);
    headers.append({"Idempotency-Key", "bad-" + kind.toLatin1().toHex()});
    const HttpReply reply = m_http->send(
        "POST", u"/api/orders"_s,
        raw.isEmpty() ? QJsonDocument(body).toJson(QJsonDocument::Compact) : raw, headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.code, code);
    QVERIFY(!reply.message.isEmpty());
    QCOMPARE(world(), before);
}

void TstOrders::orderFromCartEmptiesTheCart()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    const GoodsState a = goods(14);
    const GoodsState b = goods(15);
    for (const Line &line : {Line{14, 2}, Line{15, 1}}) {
        QCOMPARE(
            m_http
                ->post(u"/api/cart"_s,
                       QJsonObject{{u"goodsId"_s, line.goodsId}, {u"quantity"_s, line.quantity}},
                       member.accessToken)
                .status,
            200);
    }
    QCOMPARE(cartItems(member).size(), 2);

    const HttpReply reply = placeOrder(
        member, QJsonObject{{u"fromCart"_s, true}, {u"addressId"_s, addressId}}, "from-cart");
    QCOMPARE(reply.status, 200);
    const QJsonObject order = reply.object();
    const QJsonArray items = order.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    qint64 total = 0;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const qint64 goodsId = item.value(u"goodsId"_s).toInteger();
        QVERIFY(goodsId == 14 || goodsId == 15);
        QCOMPARE(item.value(u"quantity"_s).toInteger(), goodsId == 14 ? 2 : 1);
        QCOMPARE(item.value(u"priceCents"_s).toInteger(),
                 goodsId == 14 ? a.priceCents : b.priceCents);
        total += item.value(u"priceCents"_s).toInteger() * item.value(u"quantity"_s).toInteger();
    }
    QCOMPARE(order.value(u"totalCents"_s).toInteger(), total);
    QCOMPARE(order.value(u"payCents"_s).toInteger(), total);
    QVERIFY(order.value(u"couponId"_s).isNull());
    QCOMPARE(cartItems(member).size(), 0);
    QCOMPARE(goods(14).stock, a.stock - 2);
    QCOMPARE(goods(15).stock, b.stock - 1);

    // A retry of the same checkout is the same order, not an empty-cart error.
    const HttpReply replay = placeOrder(
        member, QJsonObject{{u"fromCart"_s, true}, {u"addressId"_s, addressId}}, "from-cart");
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.object(), order);
    QCOMPARE(goods(14).stock, a.stock - 2);
}

void TstOrders::fromCartOverStockChangesNothing()
{
    const TestSession member = newMember();
    const TestSession rival = newMember();
    const qint64 addressId = addAddress(member);
    const qint64 goodsId = 16;
    const qint64 stock = goods(goodsId).stock;
    QVERIFY(stock > 1);
    // All of it in the cart, then someone else buys one.
    QCOMPARE(m_http
                 ->post(u"/api/cart"_s, QJsonObject{{u"goodsId"_s, 17}, {u"quantity"_s, 1}},
                        member.accessToken)
                 .status,
             200);
    QCOMPARE(m_http
                 ->post(u"/api/cart"_s,
                        QJsonObject{{u"goodsId"_s, goodsId}, {u"quantity"_s, stock}},
                        member.accessToken)
                 .status,
             200);
    const HttpReply rivalOrder =
        placeOrder(rival, orderBody({{goodsId, 1}}, addAddress(rival)), "rival");
    QCOMPARE(rivalOrder.status, 200);
    const QJsonArray cart = cartItems(member);
    const GoodsState seventeen = goods(17);

    const HttpReply reply = placeOrder(
        member, QJsonObject{{u"fromCart"_s, true}, {u"addressId"_s, addressId}}, "too-much");
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.code, u"CONFLICT"_s);
    QCOMPARE(cartItems(member), cart);
    QCOMPARE(goods(goodsId).stock, stock - 1);
    QCOMPARE(goods(17), seventeen);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 0);

    // Once the rival cancels, the same checkout goes through (a refused
    // attempt does not burn its key).
    QCOMPARE(orderAction(rival, rivalOrder.object().value(u"id"_s).toInteger(), u"cancel"_s).status,
             200);
    const HttpReply retry = placeOrder(
        member, QJsonObject{{u"fromCart"_s, true}, {u"addressId"_s, addressId}}, "too-much");
    QCOMPARE(retry.status, 200);
    QCOMPARE(goods(goodsId).stock, 0);
    QCOMPARE(cartItems(member).size(), 0);
    // Give the stock back for later tests.
    QCOMPARE(orderAction(member, retry.object().value(u"id"_s).toInteger(), u"cancel"_s).status,
             200);
    QCOMPARE(goods(goodsId).stock, stock);
}

void TstOrders::emptyCartCannotBeOrdered()
{
    const TestSession member = newMember();
    const HttpReply reply = placeOrder(
        member, QJsonObject{{u"fromCart"_s, true}, {u"addressId"_s, addAddress(member)}}, "empty");
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.code, u"CONFLICT"_s);
    QCOMPARE(orders(member).object().value(u"total"_s).toInteger(), 0);
}

void TstOrders::discountLeavesAtLeastOneCent()
{
    // The seed has no goods under 5 yuan, so the cap shows only in the sums:
    // pay = total - discount, discount exactly the coupon's when it fits.
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QCOMPARE(claim(member, kFreeCoupon).status, 200);
    const qint64 cheap = cheapGoods(100000, 1);
    const qint64 price = goods(cheap).priceCents;
    const HttpReply reply = placeOrder(member, orderBody({{cheap, 1}}, addressId, kFreeCoupon));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"totalCents"_s).toInteger(), price);
    QCOMPARE(reply.object().value(u"discountCents"_s).toInteger(), qMin<qint64>(500, price - 1));
    QCOMPARE(reply.object().value(u"payCents"_s).toInteger(), price - qMin<qint64>(500, price - 1));
    QVERIFY(reply.object().value(u"payCents"_s).toInteger() >= 1);
}

void TstOrders::listFiltersAndPages()
{
    const TestSession member = newMember();
    const qint64 addressId = addAddress(member);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        ids.append(
            placeOrder(member, orderBody({{18, 1}}, addressId), "list-" + QByteArray::number(i))
                .object()
                .value(u"id"_s)
                .toInteger());
    }
    QVERIFY(!ids.contains(0));
    QCOMPARE(orderAction(member, ids[0], u"pay"_s).status, 200);
    QCOMPARE(orderAction(member, ids[1], u"cancel"_s).status, 200);

    const QJsonObject all = orders(member).object();
    QCOMPARE(all.value(u"total"_s).toInteger(), 3);
    // Newest first.
    QCOMPARE(idsOf(all.value(u"items"_s).toArray()), (QList<qint64>{ids[2], ids[1], ids[0]}));
    QCOMPARE(idsOf(orders(member, u"?status=paid"_s).object().value(u"items"_s).toArray()),
             QList<qint64>{ids[0]});
    QCOMPARE(idsOf(orders(member, u"?status=cancelled"_s).object().value(u"items"_s).toArray()),
             QList<qint64>{ids[1]});
    const QJsonObject created = orders(member, u"?status=created"_s).object();
    QCOMPARE(created.value(u"total"_s).toInteger(), 1);
    QCOMPARE(idsOf(created.value(u"items"_s).toArray()), QList<qint64>{ids[2]});
    QCOMPARE(orders(member, u"?status=shipped"_s).object().value(u"total"_s).toInteger(), 0);

    const QJsonObject page2 = orders(member, u"?page=2&size=2"_s).object();
    QCOMPARE(page2.value(u"total"_s).toInteger(), 3);
    QCOMPARE(page2.value(u"page"_s).toInt(), 2);
    QCOMPARE(page2.value(u"size"_s).toInt(), 2);
    QCOMPARE(idsOf(page2.value(u"items"_s).toArray()), QList<qint64>{ids[0]});

    QCOMPARE(orders(member, u"?status=lost"_s).status, 400);
    QCOMPARE(orders(member, u"?size=101"_s).status, 400);
    QCOMPARE(orders(member, u"?page=0"_s).status, 400);
}

void TstOrders::unknownOrderIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("unknown") << u"999999"_s;
    QTest::newRow("zero") << u"0"_s;
    QTest::newRow("negative") << u"-1"_s;
    QTest::newRow("text") << u"abc"_s;
    QTest::newRow("plus") << u"+1"_s;
}

void TstOrders::unknownOrderIds()
{
    QFETCH(QString, id);
    const TestSession member = newMember();
    const HttpReply read = m_http->get(u"/api/orders/"_s + id, member.accessToken);
    QCOMPARE(read.status, 404);
    QCOMPARE(read.code, u"NOT_FOUND"_s);
    for (const QString &action : {u"pay"_s, u"cancel"_s}) {
        const HttpReply reply =
            m_http->post(u"/api/orders/%1/%2"_s.arg(id, action), {}, member.accessToken);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code, u"NOT_FOUND"_s);
    }
}

// ---- Reviews ----------------------------------------------------------------

void TstOrders::reviewsNeedProfile()
{
    const QJsonObject body{{u"rating"_s, 5}, {u"text"_s, u"很好"_s}};
    const HttpReply anonymous = m_http->post(u"/api/goods/1/reviews"_s, body);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.code, u"AUTH_FAIL"_s);
    const HttpReply guest = m_http->post(u"/api/goods/1/reviews"_s, body, newGuest().accessToken);
    QCOMPARE(guest.status, 403);
    QCOMPARE(guest.code, u"NEED_MEMBER"_s);
    const TestSession member = newMember();
    const HttpReply noProfile = m_http->post(u"/api/goods/1/reviews"_s, body, member.accessToken);
    QCOMPARE(noProfile.status, 403);
    QCOMPARE(noProfile.code, u"NEED_MEMBER_INFO"_s);
    QCOMPARE(dbRows(u"SELECT COUNT(*) FROM reviews WHERE uid = %1"_s.arg(member.uid)),
             QList<QStringList>{{u"0"_s}});
}

void TstOrders::reviewAnswersAuthorAndText()
{
    const TestSession author = newProfiledMember(u"评论家 Critic"_s);
    QCOMPARE(author.step, 3);
    const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
    const HttpReply reply =
        m_http->post(u"/api/goods/20/reviews"_s,
                     QJsonObject{{u"rating"_s, 4}, {u"text"_s, u"  音质不错，续航一般。  "_s}},
                     author.accessToken);
    QCOMPARE(reply.status, 200);
    const QJsonObject review = reply.object();
    QVERIFY(review.value(u"id"_s).toInteger() > 0);
    QCOMPARE(review.value(u"goodsId"_s).toInteger(), 20);
    QCOMPARE(review.value(u"rating"_s).toInt(), 4);
    QCOMPARE(review.value(u"text"_s).toString(), u"音质不错，续航一般。"_s);
    QCOMPARE(review.value(u"nickname"_s).toString(), u"评论家 Critic"_s);
    QVERIFY(review.value(u"createdAt"_s).toInteger() >= startedAt - 1);
    // The author's avatar, as the server serves it.
    const QString avatarUrl = review.value(u"avatarUrl"_s).toString();
    const QString userAvatar = m_http->get(u"/api/user/me"_s, author.accessToken)
                                   .object()
                                   .value(u"avatarUrl"_s)
                                   .toString();
    QVERIFY(!userAvatar.isEmpty());
    QCOMPARE(avatarUrl, userAvatar);
    QCOMPARE(QUrl(avatarUrl).host(), m_server.url().host());
    QCOMPARE(m_http->get(QUrl(avatarUrl).path()).status, 200);
    // The goods' public review list shows it exactly as answered.
    const QJsonArray listed =
        m_http->get(u"/api/goods/20/reviews"_s).object().value(u"items"_s).toArray();
    QCOMPARE(findById(listed, review.value(u"id"_s).toInteger()), review);
    // Stored with the text as answered.
    QCOMPARE(
        dbRows(u"SELECT goods_id, rating, text, nickname FROM reviews WHERE id = %1"_s.arg(
            review.value(u"id"_s).toInteger())),
        (QList<QStringList>{{u"20"_s, u"4"_s, u"音质不错，续航一般。"_s, u"评论家 Critic"_s}}));
}

void TstOrders::badReviews_data()
{
    QTest::addColumn<QJsonObject>("body");
    const QString ok = u"好"_s;
    QTest::newRow("rating 0") << QJsonObject{{u"rating"_s, 0}, {u"text"_s, ok}};
    QTest::newRow("rating 6") << QJsonObject{{u"rating"_s, 6}, {u"text"_s, ok}};
    QTest::newRow("rating 2.5") << QJsonObject{{u"rating"_s, 2.5}, {u"text"_s, ok}};
    QTest::newRow("rating as string") << QJsonObject{{u"rating"_s, u"5"_s}, {u"text"_s, ok}};
    QTest::newRow("rating missing") << QJsonObject{{u"text"_s, ok}};
    QTest::newRow("text missing") << QJsonObject{{u"rating"_s, 5}};
    QTest::newRow("text empty") << QJsonObject{{u"rating"_s, 5}, {u"text"_s, u""_s}};
    QTest::newRow("text blank") << QJsonObject{{u"rating"_s, 5}, {u"text"_s, u"   "_s}};
    QTest::newRow("text 501 characters")
        << QJsonObject{{u"rating"_s, 5}, {u"text"_s, QString(501, QChar(u'好'))}};
    QTest::newRow("text not a string") << QJsonObject{{u"rating"_s, 5}, {u"text"_s, 5}};
}

void TstOrders::badReviews()
{
    QFETCH(QJsonObject, body);
    const TestSession author = newProfiledMember(u"挑剔"_s);
    QCOMPARE(author.step, 3);
    const HttpReply reply = m_http->post(u"/api/goods/21/reviews"_s, body, author.accessToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
    QCOMPARE(dbRows(u"SELECT COUNT(*) FROM reviews WHERE uid = %1"_s.arg(author.uid)),
             QList<QStringList>{{u"0"_s}});
    // The limits themselves are fine: 500 characters (counted as people
    // count them, so astral ones are one each) and ratings 1 and 5.
    QString longest;
    for (int i = 0; i < 500; ++i)
        longest += u"😀"_s;
    QCOMPARE(m_http
                 ->post(u"/api/goods/21/reviews"_s,
                        QJsonObject{{u"rating"_s, 1}, {u"text"_s, longest}}, author.accessToken)
                 .status,
             200);
    QCOMPARE(m_http
                 ->post(u"/api/goods/22/reviews"_s,
                        QJsonObject{{u"rating"_s, 5}, {u"text"_s, u"x"_s}}, author.accessToken)
                 .status,
             200);
}

void TstOrders::oneReviewPerGoods()
{
    const TestSession author = newProfiledMember(u"回头客"_s);
    const QJsonObject body{{u"rating"_s, 5}, {u"text"_s, u"第一次"_s}};
    QCOMPARE(m_http->post(u"/api/goods/23/reviews"_s, body, author.accessToken).status, 200);
    const HttpReply again =
        m_http->post(u"/api/goods/23/reviews"_s,
                     QJsonObject{{u"rating"_s, 1}, {u"text"_s, u"第二次"_s}}, author.accessToken);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.code, u"CONFLICT"_s);
    QCOMPARE(dbRows(u"SELECT rating, text FROM reviews WHERE uid = %1"_s.arg(author.uid)),
             (QList<QStringList>{{u"5"_s, u"第一次"_s}}));
    // Other goods and other users are not affected.
    QCOMPARE(m_http->post(u"/api/goods/24/reviews"_s, body, author.accessToken).status, 200);
    QCOMPARE(
        m_http->post(u"/api/goods/23/reviews"_s, body, newProfiledMember(u"另一位"_s).accessToken)
            .status,
        200);
}

void TstOrders::reviewOfUnknownGoods()
{
    const TestSession author = newProfiledMember(u"迷路"_s);
    const QJsonObject body{{u"rating"_s, 3}, {u"text"_s, u"找不到"_s}};
    for (const QString &id : {u"999999"_s, u"0"_s, u"abc"_s}) {
        const HttpReply reply =
            m_http->post(u"/api/goods/%1/reviews"_s.arg(id), body, author.accessToken);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code, u"NOT_FOUND"_s);
    }
    QCOMPARE(dbRows(u"SELECT COUNT(*) FROM reviews WHERE uid = %1"_s.arg(author.uid)),
             QList<QStringList>{{u"0"_s}});
}

// ---- Telemetry --------------------------------------------------------------

void TstOrders::telemetryStoresBatches()
{
    const TestSession guest = newGuest();
    QJsonArray events;
    for (int i = 0; i < 3; ++i) {
        events.append(QJsonObject{{u"event"_s, u"view"_s},
                                  {u"goodsId"_s, i + 1},
                                  {u"props"_s, QJsonObject{{u"from"_s, u"首页"_s}}}});
    }
    const HttpReply track =
        m_http->post(u"/api/track"_s, QJsonObject{{u"events"_s, events}}, guest.accessToken);
    QCOMPARE(track.status, 200);
    QCOMPARE(track.object().value(u"accepted"_s).toInt(), 3);

    const QJsonArray errors{QJsonObject{{u"message"_s, u"TypeError: x is undefined"_s},
                                        {u"stack"_s, u"at a (b.js:1:2)"_s}},
                            QJsonObject{{u"message"_s, u"second"_s}}};
    const HttpReply logged =
        m_http->post(u"/api/log/error"_s, QJsonObject{{u"errors"_s, errors}}, guest.accessToken);
    QCOMPARE(logged.status, 200);
    QCOMPARE(logged.object().value(u"accepted"_s).toInt(), 2);

    QJsonArray hundred;
    for (int i = 0; i < 100; ++i)
        hundred.append(QJsonObject{{u"event"_s, u"tick"_s}, {u"n"_s, i}});
    const HttpReply full =
        m_http->post(u"/api/track"_s, QJsonObject{{u"events"_s, hundred}}, guest.accessToken);
    QCOMPARE(full.status, 200);
    QCOMPARE(full.object().value(u"accepted"_s).toInt(), 100);
    const HttpReply empty =
        m_http->post(u"/api/track"_s, QJsonObject{{u"events"_s, QJsonArray{}}}, guest.accessToken);
    QCOMPARE(empty.object().value(u"accepted"_s).toInt(), 0);

    // Stored one row per item, compact, with the kind and the user.
    const QString uid = QString::number(guest.uid);
    QCOMPARE(dbRows(u"SELECT kind, COUNT(*) FROM telemetry WHERE uid = %1 GROUP BY kind "
                    "ORDER BY kind"_s.arg(uid)),
             (QList<QStringList>{{u"error"_s, u"2"_s}, {u"track"_s, u"103"_s}}));
    const QList<QStringList> first = dbRows(
        u"SELECT payload FROM telemetry WHERE uid = %1 AND kind = 'track' ORDER BY id LIMIT 1"_s
            .arg(uid));
    QCOMPARE(first.size(), 1);
    const QString payload = first.at(0).at(0);
    QCOMPARE(payload.toUtf8(),
             QJsonDocument(events.at(0).toObject()).toJson(QJsonDocument::Compact));
    // A member's telemetry is theirs too.
    const TestSession member = newMember();
    QCOMPARE(
        m_http->post(u"/api/log/error"_s, QJsonObject{{u"errors"_s, errors}}, member.accessToken)
            .object()
            .value(u"accepted"_s)
            .toInt(),
        2);
    QCOMPARE(dbRows(u"SELECT COUNT(*) FROM telemetry WHERE uid = %1"_s.arg(member.uid)),
             QList<QStringList>{{u"2"_s}});
}

void TstOrders::telemetryRejectsBadBatches_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QJsonArray tooMany;
    for (int i = 0; i < 101; ++i)
        tooMany.append(QJsonObject{{u"n"_s, i}});
    QTest::newRow("101 events") << u"/api/track"_s << QJsonObject{{u"events"_s, tooMany}};
    QTest::newRow("101 errors") << u"/api/log/error"_s << QJsonObject{{u"errors"_s, tooMany}};
    QTest::newRow("events not an array")
        << u"/api/track"_s << QJsonObject{{u"events"_s, QJsonObject{{u"n"_s, 1}}}};
    QTest::newRow("events missing") << u"/api/track"_s << QJsonObject{};
    QTest::newRow("errors under events")
        << u"/api/log/error"_s << QJsonObject{{u"events"_s, QJsonArray{QJsonObject{}}}};
    QTest::newRow("item not an object")
        << u"/api/track"_s
        << QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"n"_s, 1}}, u"click"_s}}};
}

void TstOrders::telemetryRejectsBadBatches()
{
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    const TestSession guest = newGuest();
    const HttpReply reply = m_http->post(path, body, guest.accessToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
    // All or nothing: not even the good items of a refused batch are kept.
    QCOMPARE(dbRows(u"SELECT COUNT(*) FROM telemetry WHERE uid = %1"_s.arg(guest.uid)),
             QList<QStringList>{{u"0"_s}});
}

void TstOrders::telemetryNeedsAToken()
{
    const HttpReply reply = m_http->post(
        u"/api/track"_s, QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"e"_s, 1}}}}});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.code, u"AUTH_FAIL"_s);
    QCOMPARE(dbRows(u"SELECT COUNT(*) FROM telemetry WHERE uid IS NULL"_s),
             QList<QStringList>{{u"0"_s}});
}

QTEST_GUILESS_MAIN(TstOrders)
#include "tst_orders.moc"
