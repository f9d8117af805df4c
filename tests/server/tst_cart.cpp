// Cart, favorites and addresses over real HTTP: members only, totals,
// merging, the stock limit, input checks that change nothing, the default
// address rules, and above all that one user can neither see nor touch
// another's rows.

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray cartBody(qint64 goodsId, qint64 quantity)
{
    return compact({{u"goodsId"_s, goodsId}, {u"quantity"_s, quantity}});
}

// A valid address body; isDefault only when asked for, so that the body
// also suits a PUT on the default address.
QJsonObject address(const QString &name, bool isDefault = false)
{
    QJsonObject body{{u"name"_s, name},
                     {u"phone"_s, u"13912345678"_s},
                     {u"region"_s, u"广东省 广州市 天河区"_s},
                     {u"detail"_s, u"天河路 385 号 %1 室"_s.arg(name)}};
    if (isDefault)
        body.insert(u"isDefault"_s, true);
    return body;
}

QList<qint64> idsOf(const QJsonArray &items, const QString &key = u"id"_s)
{
    QList<qint64> ids;
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value(key).toInteger());
    return ids;
}

QList<qint64> defaultsOf(const QJsonArray &items)
{
    QList<qint64> ids;
    for (const QJsonValue &item : items) {
        if (item.toObject().value(u"isDefault"_s).toBool())
            ids.append(item.toObject().value(u"id"_s).toInteger());
    }
    return ids;
}

} // namespace

class TstCart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    // Who may call.
    void membersOnly_data();
    void membersOnly();
    void authFailFollowsTheConfiguredStyle();
    void guestAttemptsLeaveNothingBehind();

    // Cart.
    void emptyCart();
    void addAnswersTheCartWithTotals();
    void addingTwiceMergesIntoOneItem();
    void patchSetsTheQuantity();
    void deleteRemovesTheItem();
    void stockLimitsTheQuantity();
    void badAddBodiesChangeNothing_data();
    void badAddBodiesChangeNothing();
    void badPatchBodiesChangeNothing_data();
    void badPatchBodiesChangeNothing();
    void unknownGoodsIsNotFound_data();
    void unknownGoodsIsNotFound();
    void unknownItemIdsAreNotFound_data();
    void unknownItemIdsAreNotFound();
    void otherUsersCartIsOutOfReach();
    void cartItemPathHasPatchAndDeleteOnly();

    // Favorites.
    void favoritesStartEmpty();
    void favoritingIsIdempotent();
    void favoritesNewestFirstAndPaged();
    void favoritesBadPaging_data();
    void favoritesBadPaging();
    void favoritesUnknownGoods_data();
    void favoritesUnknownGoods();
    void otherUsersFavoritesAreOutOfReach();

    // Addresses.
    void firstAddressBecomesTheDefault();
    void settingADefaultClearsTheOthers();
    void partialUpdateKeepsTheRest();
    void unsettingTheDefaultIsRefused();
    void deletingTheDefaultPromotesTheNewest();
    void addressLengthsCountCharacters();
    void badAddressBodiesChangeNothing_data();
    void badAddressBodiesChangeNothing();
    void badAddressUpdatesChangeNothing_data();
    void badAddressUpdatesChangeNothing();
    void atMostTwentyAddresses();
    void unknownAddressIdsAreNotFound_data();
    void unknownAddressIdsAreNotFound();
    void otherUsersAddressesAreOutOfReach();

private:
    HttpReply call(const QByteArray &method, const QString &path, const QByteArray &token,
                   const QByteArray &body = {}, bool english = false)
    {
        auto headers = bearer(token);
        if (english)
            headers.append({QByteArrayLiteral("Accept-Language"), QByteArrayLiteral("en")});
        return m_http->send(method, path, body, headers);
    }
    HttpReply addToCart(const QByteArray &token, qint64 goodsId, qint64 quantity)
    {
        return call("POST", u"/api/cart"_s, token, cartBody(goodsId, quantity));
    }
    HttpReply patchItem(const QByteArray &token, qint64 itemId, qint64 quantity)
    {
        return call("PATCH", u"/api/cart/%1"_s.arg(itemId), token,
                    compact({{u"quantity"_s, quantity}}));
    }
    HttpReply cart(const QByteArray &token) { return call("GET", u"/api/cart"_s, token); }
    HttpReply favorites(const QByteArray &token, const QString &query = {})
    {
        return call("GET", u"/api/favorites"_s + query, token);
    }
    HttpReply addresses(const QByteArray &token) { return call("GET", u"/api/addresses"_s, token); }
    HttpReply createAddress(const QByteArray &token, const QJsonObject &body)
    {
        return call("POST", u"/api/addresses"_s, token, compact(body));
    }
    HttpReply updateAddress(const QByteArray &token, qint64 id, const QJsonObject &body)
    {
        return call("PUT", u"/api/addresses/%1"_s.arg(id), token, compact(body));
    }
    void advanceClock(qint64 seconds)
    {
        QCOMPARE(m_http->post(u"/dev/clock"_s, {{u"advance"_s, seconds}}).code, u"OK"_s);
    }
    QString picUrl(qint64 goodsId) const
    {
        return m_server.url().resolved(QUrl(u"/media/goods/%1/0.png"_s.arg(goodsId))).toString();
    }

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    TestSession m_alice; // two members, for the cross-user checks
    TestSession m_bob;
};

void TstCart::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TstCart::init()
{
    QCOMPARE(m_http->post(u"/dev/reset"_s, {}).code, u"OK"_s);
    QCOMPARE(m_http->post(u"/dev/config"_s, {{u"authFailStyle"_s, u"401"_s}}).code, u"OK"_s);
    m_alice = smsLogin(*m_http, u"13800000001"_s);
    m_bob = smsLogin(*m_http, u"13800000002"_s);
    QVERIFY(m_alice.uid > 0);
    QVERIFY(m_bob.uid > 0);
    QVERIFY(m_alice.uid != m_bob.uid);
    QCOMPARE(m_alice.step, 2);
    QCOMPARE(m_bob.step, 2);
}

void TstCart::cleanupTestCase()
{
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

void TstCart::membersOnly_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QByteArray none;
    QTest::newRow("GET cart") << QByteArray("GET") << u"/api/cart"_s << none;
    QTest::newRow("POST cart") << QByteArray("POST") << u"/api/cart"_s << cartBody(1, 1);
    QTest::newRow("PATCH item") << QByteArray("PATCH") << u"/api/cart/1"_s
                                << compact({{u"quantity"_s, 1}});
    QTest::newRow("DELETE item") << QByteArray("DELETE") << u"/api/cart/1"_s << none;
    QTest::newRow("GET favorites") << QByteArray("GET") << u"/api/favorites"_s << none;
    QTest::newRow("GET favorite") << QByteArray("GET") << u"/api/favorites/1"_s << none;
    QTest::newRow("PUT favorite") << QByteArray("PUT") << u"/api/favorites/1"_s << none;
    QTest::newRow("DELETE favorite") << QByteArray("DELETE") << u"/api/favorites/1"_s << none;
    QTest::newRow("GET addresses") << QByteArray("GET") << u"/api/addresses"_s << none;
    QTest::newRow("POST address") << QByteArray("POST") << u"/api/addresses"_s
                                  << compact(address(u"甲"_s));
    QTest::newRow("PUT address") << QByteArray("PUT") << u"/api/addresses/1"_s
                                 << compact(address(u"乙"_s));
    QTest::newRow("DELETE address") << QByteArray("DELETE") << u"/api/addresses/1"_s << none;
}

void TstCart::membersOnly()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);

    const HttpReply anonymous = call(method, path, {}, body);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.code, u"AUTH_FAIL"_s);

    const HttpReply forged = call(method, path, "not.a.token", body);
    QCOMPARE(forged.status, 401);
    QCOMPARE(forged.code, u"AUTH_FAIL"_s);

    const TestSession guest = guestLogin(*m_http, u"guest-device"_s);
    QCOMPARE(guest.step, 1);
    const HttpReply asGuest = call(method, path, guest.accessToken, body);
    QCOMPARE(asGuest.status, 403);
    QCOMPARE(asGuest.code, u"NEED_MEMBER"_s);
    QVERIFY(!asGuest.message.isEmpty());

    // A member passes the gate: whatever the answer, it is not about the token.
    const HttpReply asMember = call(method, path, m_alice.accessToken, body);
    QVERIFY2(asMember.status != 401 && asMember.status != 403, asMember.body.constData());
}

void TstCart::authFailFollowsTheConfiguredStyle()
{
    QCOMPARE(m_http->post(u"/dev/config"_s, {{u"authFailStyle"_s, u"body"_s}}).code, u"OK"_s);
    const HttpReply asBody = cart({});
    QCOMPARE(asBody.status, 400);
    QCOMPARE(asBody.code, u"401"_s);

    QCOMPARE(m_http->post(u"/dev/config"_s, {{u"authFailStyle"_s, u"403"_s}}).code, u"OK"_s);
    const HttpReply as403 = addresses({});
    QCOMPARE(as403.status, 403);
    QCOMPARE(as403.code, u"AUTH_FAIL"_s);
    // NEED_MEMBER keeps its code in every style, so a client can tell them apart.
    const TestSession guest = guestLogin(*m_http, u"guest-device"_s);
    const HttpReply needMember = favorites(guest.accessToken);
    QCOMPARE(needMember.status, 403);
    QCOMPARE(needMember.code, u"NEED_MEMBER"_s);
}

void TstCart::guestAttemptsLeaveNothingBehind()
{
    const TestSession guest = guestLogin(*m_http, u"guest-device"_s);
    QCOMPARE(addToCart(guest.accessToken, 1, 1).code, u"NEED_MEMBER"_s);
    QCOMPARE(call("PUT", u"/api/favorites/1"_s, guest.accessToken).code, u"NEED_MEMBER"_s);
    QCOMPARE(createAddress(guest.accessToken, address(u"甲"_s)).code, u"NEED_MEMBER"_s);

    // The same user, now a member (bind-phone keeps the uid): nothing was stored.
    const TestSession member = memberViaPhoneButton(*m_http, u"guest-device"_s, u"13800000003"_s);
    QCOMPARE(member.uid, guest.uid);
    QCOMPARE(member.step, 2);
    QCOMPARE(cart(member.accessToken).object().value(u"items"_s).toArray().size(), 0);
    QCOMPARE(favorites(member.accessToken).object().value(u"total"_s).toInteger(), 0);
    QCOMPARE(addresses(member.accessToken).object().value(u"items"_s).toArray().size(), 0);
}

void TstCart::emptyCart()
{
    const HttpReply reply = cart(m_alice.accessToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code, u"OK"_s);
    QVERIFY(reply.object().value(u"items"_s).isArray());
    QCOMPARE(reply.object().value(u"items"_s).toArray().size(), 0);
    QVERIFY(reply.object().value(u"totalCents"_s).isDouble());
    QCOMPARE(reply.object().value(u"totalCents"_s).toInteger(), 0);
}

void TstCart::addAnswersTheCartWithTotals()
{
    QCOMPARE(addToCart(m_alice.accessToken, 1, 2).status, 200);
    QCOMPARE(addToCart(m_alice.accessToken, 5, 1).status, 200);
    const HttpReply last = addToCart(m_alice.accessToken, 9, 3);
    QCOMPARE(last.status, 200);
    QCOMPARE(last.code, u"OK"_s);

    const QJsonArray items = last.object().value(u"items"_s).toArray();
    // Newest first.
    QCOMPARE(idsOf(items, u"goodsId"_s), (QList<qint64>{9, 5, 1}));
    const QHash<qint64, qint64> quantities{{1, 2}, {5, 1}, {9, 3}};
    qint64 sum = 0;
    QSet<qint64> itemIds;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const qint64 goodsId = item.value(u"goodsId"_s).toInteger();
        QVERIFY(item.value(u"id"_s).toInteger() > 0);
        itemIds.insert(item.value(u"id"_s).toInteger());
        // Name, price and picture are the catalog's.
        const QJsonObject goods = m_http->get(u"/api/goods/%1"_s.arg(goodsId)).object();
        QVERIFY(!item.value(u"name"_s).toString().isEmpty());
        QCOMPARE(item.value(u"name"_s), goods.value(u"name"_s));
        QCOMPARE(item.value(u"picUrl"_s).toString(), picUrl(goodsId));
        QCOMPARE(item.value(u"picUrl"_s), goods.value(u"picUrl"_s));
        QVERIFY(item.value(u"priceCents"_s).toInteger() > 0);
        QCOMPARE(item.value(u"priceCents"_s), goods.value(u"priceCents"_s));
        QCOMPARE(item.value(u"quantity"_s).toInteger(), quantities.value(goodsId));
        QVERIFY(item.value(u"stock"_s).toInteger() >= item.value(u"quantity"_s).toInteger());
        sum += item.value(u"priceCents"_s).toInteger() * item.value(u"quantity"_s).toInteger();
    }
    QCOMPARE(itemIds.size(), 3);
    QCOMPARE(last.object().value(u"totalCents"_s).toInteger(), sum);

    // GET answers the very same cart.
    QCOMPARE(cart(m_alice.accessToken).object(), last.object());
}

void TstCart::addingTwiceMergesIntoOneItem()
{
    const HttpReply first = addToCart(m_alice.accessToken, 4, 1);
    QCOMPARE(first.status, 200);
    const QJsonObject item = first.object().value(u"items"_s).toArray().at(0).toObject();
    const qint64 price = item.value(u"priceCents"_s).toInteger();

    const HttpReply second = addToCart(m_alice.accessToken, 4, 2);
    QCOMPARE(second.status, 200);
    const QJsonArray items = second.object().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value(u"id"_s), item.value(u"id"_s));
    QCOMPARE(items.at(0).toObject().value(u"quantity"_s).toInteger(), 3);
    QCOMPARE(second.object().value(u"totalCents"_s).toInteger(), 3 * price);
}

void TstCart::patchSetsTheQuantity()
{
    addToCart(m_alice.accessToken, 2, 1);
    const HttpReply added = addToCart(m_alice.accessToken, 4, 2);
    const QJsonArray before = added.object().value(u"items"_s).toArray();
    const QJsonObject four = before.at(0).toObject();
    const QJsonObject two = before.at(1).toObject();
    QCOMPARE(four.value(u"goodsId"_s).toInteger(), 4);

    const HttpReply patched = patchItem(m_alice.accessToken, four.value(u"id"_s).toInteger(), 7);
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.code, u"OK"_s);
    const QJsonArray after = patched.object().value(u"items"_s).toArray();
    QCOMPARE(after.size(), 2);
    // Set, not added: 7, not 9.
    QCOMPARE(after.at(0).toObject().value(u"quantity"_s).toInteger(), 7);
    QCOMPARE(after.at(1).toObject(), two);
    QCOMPARE(patched.object().value(u"totalCents"_s).toInteger(),
             7 * four.value(u"priceCents"_s).toInteger() + two.value(u"priceCents"_s).toInteger());
    QCOMPARE(cart(m_alice.accessToken).object(), patched.object());

    // Down is as fine as up.
    const HttpReply down = patchItem(m_alice.accessToken, four.value(u"id"_s).toInteger(), 1);
    QCOMPARE(down.status, 200);
    QCOMPARE(down.object().value(u"items"_s).toArray().at(0).toObject().value(u"quantity"_s),
             QJsonValue(1));
}

void TstCart::deleteRemovesTheItem()
{
    addToCart(m_alice.accessToken, 2, 1);
    const HttpReply added = addToCart(m_alice.accessToken, 4, 2);
    const QJsonArray before = added.object().value(u"items"_s).toArray();
    const qint64 fourId = before.at(0).toObject().value(u"id"_s).toInteger();
    const QJsonObject two = before.at(1).toObject();

    const HttpReply removed = call("DELETE", u"/api/cart/%1"_s.arg(fourId), m_alice.accessToken);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.code, u"OK"_s);
    QCOMPARE(removed.object().value(u"items"_s).toArray(), QJsonArray{two});
    QCOMPARE(removed.object().value(u"totalCents"_s).toInteger(),
             two.value(u"priceCents"_s).toInteger());

    const HttpReply again = call("DELETE", u"/api/cart/%1"_s.arg(fourId), m_alice.accessToken);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.code, u"NOT_FOUND"_s);
    QCOMPARE(cart(m_alice.accessToken).object(), removed.object());

    // Removing the goods entirely lets it start again from a fresh item.
    const HttpReply readded = addToCart(m_alice.accessToken, 4, 1);
    QCOMPARE(readded.object().value(u"items"_s).toArray().at(0).toObject().value(u"quantity"_s),
             QJsonValue(1));
}

void TstCart::stockLimitsTheQuantity()
{
    // Far beyond every seeded stock (20 to 499): refused, and nothing is added.
    const HttpReply huge = addToCart(m_alice.accessToken, 6, 100000);
    QCOMPARE(huge.status, 409);
    QCOMPARE(huge.code, u"CONFLICT"_s);
    QCOMPARE(cart(m_alice.accessToken).object().value(u"items"_s).toArray().size(), 0);
    const HttpReply english =
        call("POST", u"/api/cart"_s, m_alice.accessToken, cartBody(6, 100000), true);
    QVERIFY2(english.message.contains(u"more than the stock"_s), qPrintable(english.message));

    const HttpReply goods = m_http->get(u"/api/goods/6"_s);
    QCOMPARE(goods.status, 200);
    const qint64 stock = goods.object().value(u"stock"_s).toInteger();
    QVERIFY2(stock >= 20 && stock < 500, qPrintable(QString::number(stock)));

    const HttpReply one = addToCart(m_alice.accessToken, 6, 1);
    QCOMPARE(one.status, 200);
    const QJsonObject item = one.object().value(u"items"_s).toArray().at(0).toObject();
    const qint64 itemId = item.value(u"id"_s).toInteger();
    QCOMPARE(item.value(u"stock"_s).toInteger(), stock);

    // Up to the stock exactly is fine...
    const HttpReply full = addToCart(m_alice.accessToken, 6, stock - 1);
    QCOMPARE(full.status, 200);
    const QJsonObject atStock = full.object();
    QCOMPARE(atStock.value(u"items"_s).toArray().at(0).toObject().value(u"quantity"_s).toInteger(),
             stock);
    // ...one more is not, whether added or set, and changes nothing.
    const HttpReply oneMore = addToCart(m_alice.accessToken, 6, 1);
    QCOMPARE(oneMore.status, 409);
    QCOMPARE(oneMore.code, u"CONFLICT"_s);
    const HttpReply setOver = patchItem(m_alice.accessToken, itemId, stock + 1);
    QCOMPARE(setOver.status, 409);
    QCOMPARE(setOver.code, u"CONFLICT"_s);
    QCOMPARE(cart(m_alice.accessToken).object(), atStock);

    // Merging counts what is already in the cart.
    QCOMPARE(patchItem(m_alice.accessToken, itemId, stock - 1).status, 200);
    QCOMPARE(addToCart(m_alice.accessToken, 6, 2).status, 409);
    QCOMPARE(cart(m_alice.accessToken)
                 .object()
                 .value(u"items"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"quantity"_s)
                 .toInteger(),
             stock - 1);
    QCOMPARE(patchItem(m_alice.accessToken, itemId, stock).status, 200);
}

void TstCart::badAddBodiesChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named"); // what the message must mention
    QTest::newRow("zero") << QByteArray(R"({"goodsId":2,"quantity":0})") << u"quantity"_s;
    QTest::newRow("negative") << QByteArray(R"({"goodsId":2,"quantity":-1})") << u"quantity"_s;
    QTest::newRow("fraction") << QByteArray(R"({"goodsId":2,"quantity":1.5})") << u"quantity"_s;
    QTest::newRow("string") << QByteArray(R"({"goodsId":2,"quantity":"2"})") << u"quantity"_s;
    QTest::newRow("bool") << QByteArray(R"({"goodsId":2,"quantity":true})") << u"quantity"_s;
    QTest::newRow("null") << QByteArray(R"({"goodsId":2,"quantity":null})") << u"quantity"_s;
    QTest::newRow("no quantity") << QByteArray(R"({"goodsId":2})") << u"quantity"_s;
    QTest::newRow("no goodsId") << QByteArray(R"({"quantity":1})") << u"goodsId"_s;
    QTest::newRow("goodsId string")
        << QByteArray(R"({"goodsId":"2","quantity":1})") << u"goodsId"_s;
    QTest::newRow("goodsId fraction")
        << QByteArray(R"({"goodsId":2.5,"quantity":1})") << u"goodsId"_s;
    QTest::newRow("empty body") << QByteArray() << u"goodsId"_s;
    QTest::newRow("malformed") << QByteArray(R"({"goodsId":2,)") << u"JSON"_s;
    QTest::newRow("array") << QByteArray(R"([{"goodsId":2,"quantity":1}])") << u"object"_s;
}

void TstCart::badAddBodiesChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    QCOMPARE(addToCart(m_alice.accessToken, 2, 1).status, 200);
    const QJsonObject before = cart(m_alice.accessToken).object();

    const HttpReply reply = call("POST", u"/api/cart"_s, m_alice.accessToken, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
    QVERIFY2(reply.message.contains(named), qPrintable(reply.message));
    QCOMPARE(cart(m_alice.accessToken).object(), before);
}

void TstCart::badPatchBodiesChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    QTest::newRow("zero") << QByteArray(R"({"quantity":0})") << u"quantity"_s;
    QTest::newRow("negative") << QByteArray(R"({"quantity":-3})") << u"quantity"_s;
    QTest::newRow("fraction") << QByteArray(R"({"quantity":2.5})") << u"quantity"_s;
    QTest::newRow("string") << QByteArray(R"({"quantity":"3"})") << u"quantity"_s;
    QTest::newRow("missing") << QByteArray(R"({"qty":3})") << u"quantity"_s;
    QTest::newRow("empty body") << QByteArray() << u"quantity"_s;
    QTest::newRow("malformed") << QByteArray(R"({"quantity":)") << u"JSON"_s;
}

void TstCart::badPatchBodiesChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    const HttpReply added = addToCart(m_alice.accessToken, 2, 2);
    QCOMPARE(added.status, 200);
    const qint64 itemId =
        added.object().value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toInteger();

    const HttpReply reply = call("PATCH", u"/api/cart/%1"_s.arg(itemId), m_alice.accessToken, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
    QVERIFY2(reply.message.contains(named), qPrintable(reply.message));
    QCOMPARE(cart(m_alice.accessToken).object(), added.object());
}

void TstCart::unknownGoodsIsNotFound_data()
{
    QTest::addColumn<qint64>("goodsId");
    QTest::newRow("past the catalog") << qint64(244);
    QTest::newRow("far past") << qint64(999999);
    QTest::newRow("zero") << qint64(0);
    QTest::newRow("negative") << qint64(-5);
}

void TstCart::unknownGoodsIsNotFound()
{
    QFETCH(qint64, goodsId);
    QCOMPARE(addToCart(m_alice.accessToken, 243, 1).status, 200); // the last seeded goods
    const QJsonObject before = cart(m_alice.accessToken).object();
    const HttpReply reply = addToCart(m_alice.accessToken, goodsId, 1);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.code, u"NOT_FOUND"_s);
    QCOMPARE(cart(m_alice.accessToken).object(), before);
}

void TstCart::unknownItemIdsAreNotFound_data()
{
    QTest::addColumn<QString>("itemId"); // "%1" is the real item's id
    QTest::newRow("word") << u"abc"_s;
    QTest::newRow("unknown") << u"999999"_s;
    QTest::newRow("zero") << u"0"_s;
    QTest::newRow("negative") << u"-1"_s;
    QTest::newRow("fraction") << u"%1.5"_s;
    QTest::newRow("suffix") << u"%1x"_s;
    QTest::newRow("exponent") << u"%1e0"_s;
}

void TstCart::unknownItemIdsAreNotFound()
{
    QFETCH(QString, itemId);
    const HttpReply added = addToCart(m_alice.accessToken, 2, 2);
    const qint64 realId =
        added.object().value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toInteger();
    const QString path = u"/api/cart/"_s + (itemId.contains(u"%1"_s) ? itemId.arg(realId) : itemId);

    const HttpReply patched =
        call("PATCH", path, m_alice.accessToken, compact({{u"quantity"_s, 1}}));
    QCOMPARE(patched.status, 404);
    QCOMPARE(patched.code, u"NOT_FOUND"_s);
    const HttpReply removed = call("DELETE", path, m_alice.accessToken);
    QCOMPARE(removed.status, 404);
    QCOMPARE(removed.code, u"NOT_FOUND"_s);
    QCOMPARE(cart(m_alice.accessToken).object(), added.object());
}

void TstCart::otherUsersCartIsOutOfReach()
{
    addToCart(m_alice.accessToken, 3, 2);
    const HttpReply aliceCart = addToCart(m_alice.accessToken, 8, 1);
    QCOMPARE(aliceCart.status, 200);
    const QList<qint64> aliceItems = idsOf(aliceCart.object().value(u"items"_s).toArray());
    QCOMPARE(aliceItems.size(), 2);

    // Bob sees none of it.
    const HttpReply bobCart = cart(m_bob.accessToken);
    QCOMPARE(bobCart.status, 200);
    QCOMPARE(bobCart.object().value(u"items"_s).toArray().size(), 0);
    QCOMPARE(bobCart.object().value(u"totalCents"_s).toInteger(), 0);

    // Bob's changes to Alice's items are answered as if they did not exist.
    for (const qint64 itemId : aliceItems) {
        const HttpReply patched = patchItem(m_bob.accessToken, itemId, 1);
        QCOMPARE(patched.status, 404);
        QCOMPARE(patched.code, u"NOT_FOUND"_s);
        // The stock check must not tell him either.
        QCOMPARE(patchItem(m_bob.accessToken, itemId, 100000).status, 404);
        const HttpReply removed = call("DELETE", u"/api/cart/%1"_s.arg(itemId), m_bob.accessToken);
        QCOMPARE(removed.status, 404);
        QCOMPARE(removed.code, u"NOT_FOUND"_s);
    }

    // The same goods in Bob's cart is Bob's own item.
    const HttpReply bobAdded = addToCart(m_bob.accessToken, 3, 1);
    QCOMPARE(bobAdded.status, 200);
    const QJsonArray bobItems = bobAdded.object().value(u"items"_s).toArray();
    QCOMPARE(bobItems.size(), 1);
    const qint64 bobItem = bobItems.at(0).toObject().value(u"id"_s).toInteger();
    QVERIFY(!aliceItems.contains(bobItem));
    QCOMPARE(bobItems.at(0).toObject().value(u"quantity"_s).toInteger(), 1);
    QCOMPARE(patchItem(m_bob.accessToken, bobItem, 4).status, 200);
    QCOMPARE(call("DELETE", u"/api/cart/%1"_s.arg(bobItem), m_bob.accessToken).status, 200);

    // Alice's cart is exactly as she left it.
    QCOMPARE(cart(m_alice.accessToken).object(), aliceCart.object());
    // And she cannot reach Bob's item either.
    QCOMPARE(addToCart(m_bob.accessToken, 5, 1).status, 200);
    const qint64 bobFive = cart(m_bob.accessToken)
                               .object()
                               .value(u"items"_s)
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(u"id"_s)
                               .toInteger();
    QCOMPARE(patchItem(m_alice.accessToken, bobFive, 2).status, 404);
    QCOMPARE(call("DELETE", u"/api/cart/%1"_s.arg(bobFive), m_alice.accessToken).status, 404);
    QCOMPARE(cart(m_bob.accessToken)
                 .object()
                 .value(u"items"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"quantity"_s)
                 .toInteger(),
             1);
}

void TstCart::cartItemPathHasPatchAndDeleteOnly()
{
    const HttpReply reply =
        call("PUT", u"/api/cart/1"_s, m_alice.accessToken, compact({{u"quantity"_s, 1}}));
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.code, u"METHOD_NOT_ALLOWED"_s);
    const QByteArray allow = reply.header("Allow");
    QVERIFY2(allow.contains("PATCH") && allow.contains("DELETE"), allow.constData());
}

void TstCart::favoritesStartEmpty()
{
    const HttpReply reply = favorites(m_alice.accessToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object(),
             (QJsonObject{
                 {u"items"_s, QJsonArray()}, {u"total"_s, 0}, {u"page"_s, 1}, {u"size"_s, 20}}));
}

void TstCart::favoritingIsIdempotent()
{
    const QJsonObject on{{u"goodsId"_s, 5}, {u"favorited"_s, true}};
    const QJsonObject off{{u"goodsId"_s, 5}, {u"favorited"_s, false}};
    for (int i = 0; i < 2; ++i) {
        const HttpReply put = call("PUT", u"/api/favorites/5"_s, m_alice.accessToken);
        QCOMPARE(put.status, 200);
        QCOMPARE(put.object(), on);
    }
    QCOMPARE(favorites(m_alice.accessToken).object().value(u"total"_s).toInteger(), 1);
    QCOMPARE(call("GET", u"/api/favorites/5"_s, m_alice.accessToken).object(), on);
    QCOMPARE(call("GET", u"/api/favorites/6"_s, m_alice.accessToken).object(),
             (QJsonObject{{u"goodsId"_s, 6}, {u"favorited"_s, false}}));

    for (int i = 0; i < 2; ++i) {
        const HttpReply removed = call("DELETE", u"/api/favorites/5"_s, m_alice.accessToken);
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.object(), off);
    }
    QCOMPARE(favorites(m_alice.accessToken).object().value(u"total"_s).toInteger(), 0);
    QCOMPARE(call("GET", u"/api/favorites/5"_s, m_alice.accessToken).object(), off);
}

void TstCart::favoritesNewestFirstAndPaged()
{
    QCOMPARE(call("PUT", u"/api/favorites/5"_s, m_alice.accessToken).status, 200);
    advanceClock(10);
    QCOMPARE(call("PUT", u"/api/favorites/7"_s, m_alice.accessToken).status, 200);
    // Within one second the later one still comes first.
    QCOMPARE(call("PUT", u"/api/favorites/9"_s, m_alice.accessToken).status, 200);
    advanceClock(10);
    // Favoriting again keeps the first time: 5 does not jump to the top.
    QCOMPARE(call("PUT", u"/api/favorites/5"_s, m_alice.accessToken).status, 200);

    const HttpReply all = favorites(m_alice.accessToken);
    QCOMPARE(all.status, 200);
    const QJsonArray items = all.object().value(u"items"_s).toArray();
    QCOMPARE(idsOf(items), (QList<qint64>{9, 7, 5}));
    QCOMPARE(all.object().value(u"total"_s).toInteger(), 3);
    for (const QJsonValue &value : items) {
        const QJsonObject goods = value.toObject();
        const qint64 id = goods.value(u"id"_s).toInteger();
        QVERIFY(!goods.value(u"name"_s).toString().isEmpty());
        QVERIFY(goods.value(u"priceCents"_s).toInteger() > 0);
        QCOMPARE(goods.value(u"picUrl"_s).toString(), picUrl(id));
        QVERIFY(goods.value(u"stock"_s).isDouble());
        QVERIFY(!goods.value(u"gallery"_s).toArray().isEmpty());
        QCOMPARE(goods.value(u"gallery"_s).toArray().at(0).toString(), picUrl(id));
        QVERIFY(goods.value(u"specs"_s).isObject());
        // The catalog's Goods fields, with the catalog's values (a detail
        // may add fields of its own, a list item need not carry them).
        const QJsonObject detail = m_http->get(u"/api/goods/%1"_s.arg(id)).object();
        for (const char *key : {"id", "name", "brief", "categoryId", "priceCents", "stock", "sales",
                                "picUrl", "gallery", "specs"}) {
            QVERIFY2(goods.contains(QLatin1String(key)), key);
            QCOMPARE(goods.value(QLatin1String(key)), detail.value(QLatin1String(key)));
        }
    }
    // Goods 5's time is the first PUT's, 20 s before the last one.
    QVERIFY(items.at(0).toObject().value(u"favoritedAt"_s).toInteger() >=
            items.at(2).toObject().value(u"favoritedAt"_s).toInteger() + 10);

    const HttpReply first = favorites(m_alice.accessToken, u"?page=1&size=2"_s);
    QCOMPARE(idsOf(first.object().value(u"items"_s).toArray()), (QList<qint64>{9, 7}));
    QCOMPARE(first.object().value(u"total"_s).toInteger(), 3);
    QCOMPARE(first.object().value(u"page"_s).toInt(), 1);
    QCOMPARE(first.object().value(u"size"_s).toInt(), 2);
    const HttpReply second = favorites(m_alice.accessToken, u"?page=2&size=2"_s);
    QCOMPARE(idsOf(second.object().value(u"items"_s).toArray()), (QList<qint64>{5}));
    QCOMPARE(second.object().value(u"page"_s).toInt(), 2);
    const HttpReply beyond = favorites(m_alice.accessToken, u"?page=3&size=2"_s);
    QCOMPARE(beyond.object().value(u"items"_s).toArray().size(), 0);
    QCOMPARE(beyond.object().value(u"total"_s).toInteger(), 3);
}

void TstCart::favoritesBadPaging_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("size 0") << u"?size=0"_s;
    QTest::newRow("size 101") << u"?size=101"_s;
    QTest::newRow("page 0") << u"?page=0"_s;
    QTest::newRow("page word") << u"?page=two"_s;
}

void TstCart::favoritesBadPaging()
{
    QFETCH(QString, query);
    const HttpReply reply = favorites(m_alice.accessToken, query);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
}

void TstCart::favoritesUnknownGoods_data()
{
    QTest::addColumn<QString>("goodsId");
    QTest::newRow("past the catalog") << u"244"_s;
    QTest::newRow("word") << u"abc"_s;
    QTest::newRow("zero") << u"0"_s;
    QTest::newRow("negative") << u"-3"_s;
    QTest::newRow("fraction") << u"5.5"_s;
}

void TstCart::favoritesUnknownGoods()
{
    QFETCH(QString, goodsId);
    QCOMPARE(call("PUT", u"/api/favorites/243"_s, m_alice.accessToken).status, 200);
    const QJsonObject before = favorites(m_alice.accessToken).object();
    const QString path = u"/api/favorites/"_s + goodsId;

    const HttpReply put = call("PUT", path, m_alice.accessToken);
    QCOMPARE(put.status, 404);
    QCOMPARE(put.code, u"NOT_FOUND"_s);
    QCOMPARE(call("GET", path, m_alice.accessToken).status, 404);
    // DELETE of a well-formed id is idempotent even for goods that do not
    // exist; a malformed one names nothing.
    bool numeric = false;
    const bool wellFormed = goodsId.toLongLong(&numeric) > 0 && numeric;
    QCOMPARE(call("DELETE", path, m_alice.accessToken).status, wellFormed ? 200 : 404);
    QCOMPARE(favorites(m_alice.accessToken).object(), before);
}

void TstCart::otherUsersFavoritesAreOutOfReach()
{
    QCOMPARE(call("PUT", u"/api/favorites/5"_s, m_alice.accessToken).status, 200);
    QCOMPARE(call("PUT", u"/api/favorites/6"_s, m_alice.accessToken).status, 200);
    const QJsonObject aliceBefore = favorites(m_alice.accessToken).object();

    QCOMPARE(favorites(m_bob.accessToken).object().value(u"total"_s).toInteger(), 0);
    QCOMPARE(call("GET", u"/api/favorites/5"_s, m_bob.accessToken)
                 .object()
                 .value(u"favorited"_s)
                 .toBool(),
             false);
    QCOMPARE(call("DELETE", u"/api/favorites/5"_s, m_bob.accessToken).status, 200);
    QCOMPARE(call("PUT", u"/api/favorites/6"_s, m_bob.accessToken).status, 200);
    QCOMPARE(call("DELETE", u"/api/favorites/6"_s, m_bob.accessToken).status, 200);

    QCOMPARE(favorites(m_alice.accessToken).object(), aliceBefore);
    QCOMPARE(favorites(m_bob.accessToken).object().value(u"total"_s).toInteger(), 0);
}

void TstCart::firstAddressBecomesTheDefault()
{
    QJsonObject first = address(u"张三"_s);
    first.insert(u"isDefault"_s, false);
    first.insert(u"name"_s, u"  张三  "_s); // trimmed
    const HttpReply created = createAddress(m_alice.accessToken, first);
    QCOMPARE(created.status, 200);
    QCOMPARE(created.code, u"OK"_s);
    const QJsonObject a1 = created.object();
    QVERIFY(a1.value(u"id"_s).toInteger() > 0);
    QCOMPARE(a1.value(u"name"_s).toString(), u"张三"_s);
    QCOMPARE(a1.value(u"phone"_s).toString(), u"13912345678"_s);
    QCOMPARE(a1.value(u"region"_s).toString(), u"广东省 广州市 天河区"_s);
    QCOMPARE(a1.value(u"detail"_s).toString(), u"天河路 385 号 张三 室"_s);
    QCOMPARE(a1.value(u"isDefault"_s), QJsonValue(true)); // despite isDefault: false
    QCOMPARE(a1.keys(), (QStringList{u"detail"_s, u"id"_s, u"isDefault"_s, u"name"_s, u"phone"_s,
                                     u"region"_s}));

    const HttpReply two = createAddress(m_alice.accessToken, address(u"李四"_s));
    QCOMPARE(two.status, 200);
    QCOMPARE(two.object().value(u"isDefault"_s), QJsonValue(false));

    const HttpReply list = addresses(m_alice.accessToken);
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.object().value(u"items"_s).toArray();
    QCOMPARE(items, (QJsonArray{a1, two.object()}));
}

void TstCart::settingADefaultClearsTheOthers()
{
    const qint64 a1 =
        createAddress(m_alice.accessToken, address(u"一"_s)).object().value(u"id"_s).toInteger();
    advanceClock(5);
    const qint64 a2 =
        createAddress(m_alice.accessToken, address(u"二"_s)).object().value(u"id"_s).toInteger();
    advanceClock(5);
    const qint64 a3 =
        createAddress(m_alice.accessToken, address(u"三"_s)).object().value(u"id"_s).toInteger();
    // The default first, then the newest.
    QJsonArray items = addresses(m_alice.accessToken).object().value(u"items"_s).toArray();
    QCOMPARE(idsOf(items), (QList<qint64>{a1, a3, a2}));
    QCOMPARE(defaultsOf(items), QList<qint64>{a1});

    const HttpReply made = updateAddress(m_alice.accessToken, a2, {{u"isDefault"_s, true}});
    QCOMPARE(made.status, 200);
    QCOMPARE(made.object().value(u"isDefault"_s), QJsonValue(true));
    items = addresses(m_alice.accessToken).object().value(u"items"_s).toArray();
    QCOMPARE(idsOf(items), (QList<qint64>{a2, a3, a1}));
    QCOMPARE(defaultsOf(items), QList<qint64>{a2});

    // A new address may take the default straight away.
    const HttpReply a4 = createAddress(m_alice.accessToken, address(u"四"_s, true));
    QCOMPARE(a4.object().value(u"isDefault"_s), QJsonValue(true));
    items = addresses(m_alice.accessToken).object().value(u"items"_s).toArray();
    QCOMPARE(defaultsOf(items), QList<qint64>{a4.object().value(u"id"_s).toInteger()});
    QCOMPARE(items.size(), 4);

    // Setting the default again is harmless.
    QCOMPARE(updateAddress(m_alice.accessToken, a4.object().value(u"id"_s).toInteger(),
                           {{u"isDefault"_s, true}})
                 .status,
             200);
    QCOMPARE(addresses(m_alice.accessToken).object().value(u"items"_s).toArray(), items);
}

void TstCart::partialUpdateKeepsTheRest()
{
    const QJsonObject created = createAddress(m_alice.accessToken, address(u"王五"_s)).object();
    const qint64 id = created.value(u"id"_s).toInteger();

    const HttpReply detailOnly =
        updateAddress(m_alice.accessToken, id, {{u"detail"_s, u"新地址 8 号"_s}});
    QCOMPARE(detailOnly.status, 200);
    QJsonObject expected = created;
    expected.insert(u"detail"_s, u"新地址 8 号"_s);
    QCOMPARE(detailOnly.object(), expected);

    const QJsonObject everything{{u"name"_s, u"赵六"_s},
                                 {u"phone"_s, u"15000000000"_s},
                                 {u"region"_s, u"浙江省 杭州市"_s},
                                 {u"detail"_s, u"西湖路 1 号"_s}};
    const HttpReply full = updateAddress(m_alice.accessToken, id, everything);
    QCOMPARE(full.status, 200);
    expected = everything;
    expected.insert(u"id"_s, id);
    expected.insert(u"isDefault"_s, true);
    QCOMPARE(full.object(), expected);

    const HttpReply nothing = updateAddress(m_alice.accessToken, id, {});
    QCOMPARE(nothing.status, 200);
    QCOMPARE(nothing.object(), expected);
    QCOMPARE(addresses(m_alice.accessToken).object().value(u"items"_s).toArray(),
             QJsonArray{expected});
}

void TstCart::unsettingTheDefaultIsRefused()
{
    const qint64 a1 =
        createAddress(m_alice.accessToken, address(u"一"_s)).object().value(u"id"_s).toInteger();
    const qint64 a2 =
        createAddress(m_alice.accessToken, address(u"二"_s)).object().value(u"id"_s).toInteger();
    const QJsonObject before = addresses(m_alice.accessToken).object();

    const HttpReply refused =
        updateAddress(m_alice.accessToken, a1, {{u"isDefault"_s, false}, {u"name"_s, u"改名"_s}});
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.code, u"CONFLICT"_s);
    QCOMPARE(addresses(m_alice.accessToken).object(), before);

    // On an address that is not the default, false is simply true already.
    const HttpReply fine = updateAddress(m_alice.accessToken, a2, {{u"isDefault"_s, false}});
    QCOMPARE(fine.status, 200);
    QCOMPARE(addresses(m_alice.accessToken).object(), before);
}

void TstCart::deletingTheDefaultPromotesTheNewest()
{
    const qint64 a1 =
        createAddress(m_alice.accessToken, address(u"一"_s)).object().value(u"id"_s).toInteger();
    advanceClock(5);
    const qint64 a2 =
        createAddress(m_alice.accessToken, address(u"二"_s)).object().value(u"id"_s).toInteger();
    advanceClock(5);
    const qint64 a3 =
        createAddress(m_alice.accessToken, address(u"三"_s)).object().value(u"id"_s).toInteger();
    advanceClock(5);
    const qint64 a4 =
        createAddress(m_alice.accessToken, address(u"四"_s)).object().value(u"id"_s).toInteger();

    // Deleting one that is not the default leaves the default alone.
    HttpReply removed = call("DELETE", u"/api/addresses/%1"_s.arg(a4), m_alice.accessToken);
    QCOMPARE(removed.status, 200);
    QJsonArray items = removed.object().value(u"items"_s).toArray();
    QCOMPARE(idsOf(items), (QList<qint64>{a1, a3, a2}));
    QCOMPARE(defaultsOf(items), QList<qint64>{a1});

    // The default goes: the newest remaining one takes over.
    removed = call("DELETE", u"/api/addresses/%1"_s.arg(a1), m_alice.accessToken);
    QCOMPARE(removed.status, 200);
    items = removed.object().value(u"items"_s).toArray();
    QCOMPARE(idsOf(items), (QList<qint64>{a3, a2}));
    QCOMPARE(defaultsOf(items), QList<qint64>{a3});
    QCOMPARE(addresses(m_alice.accessToken).object(), removed.object());

    removed = call("DELETE", u"/api/addresses/%1"_s.arg(a3), m_alice.accessToken);
    QCOMPARE(defaultsOf(removed.object().value(u"items"_s).toArray()), QList<qint64>{a2});
    removed = call("DELETE", u"/api/addresses/%1"_s.arg(a2), m_alice.accessToken);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.object().value(u"items"_s).toArray().size(), 0);

    const HttpReply again = call("DELETE", u"/api/addresses/%1"_s.arg(a2), m_alice.accessToken);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.code, u"NOT_FOUND"_s);

    // With none left, the next one is the first again and so the default.
    QCOMPARE(createAddress(m_alice.accessToken, address(u"五"_s)).object().value(u"isDefault"_s),
             QJsonValue(true));
}

void TstCart::addressLengthsCountCharacters()
{
    // Limits are inclusive and count characters: 20 CJK characters, or 20
    // emoji (two UTF-16 units each), are a valid name.
    QJsonObject longest = address(QString(20, QChar(u'名')));
    longest.insert(u"region"_s, QString(100, QChar(u'区')));
    longest.insert(u"detail"_s, QString(200, QChar(u'址')));
    const HttpReply created = createAddress(m_alice.accessToken, longest);
    QCOMPARE(created.status, 200);
    QCOMPARE(created.object().value(u"name"_s).toString().size(), 20);
    QCOMPARE(created.object().value(u"detail"_s).toString().size(), 200);

    QString emoji;
    for (int i = 0; i < 20; ++i)
        emoji += u"😀"_s;
    QCOMPARE(createAddress(m_alice.accessToken, address(emoji)).status, 200);
    QCOMPARE(createAddress(m_alice.accessToken, address(emoji + u"😀"_s)).status, 400);
    QCOMPARE(addresses(m_alice.accessToken).object().value(u"items"_s).toArray().size(), 2);
}

namespace {

void addressRows()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    const auto with = [](const char *field, const QJsonValue &value) {
        QJsonObject body = address(u"测试"_s);
        body.insert(QLatin1String(field), value);
        return compact(body);
    };
    const auto without = [](const char *field) {
        QJsonObject body = address(u"测试"_s);
        body.remove(QLatin1String(field));
        return compact(body);
    };
    QTest::newRow("name empty") << with("name", u""_s) << u"name"_s;
    QTest::newRow("name blank") << with("name", u"   "_s) << u"name"_s;
    QTest::newRow("name 21") << with("name", QString(21, QChar(u'名'))) << u"name"_s;
    QTest::newRow("name number") << with("name", 5) << u"name"_s;
    QTest::newRow("phone short") << with("phone", u"1391234567"_s) << u"phone"_s;
    QTest::newRow("phone long") << with("phone", u"139123456789"_s) << u"phone"_s;
    QTest::newRow("phone not 1") << with("phone", u"23912345678"_s) << u"phone"_s;
    QTest::newRow("phone letter") << with("phone", u"1391234567a"_s) << u"phone"_s;
    QTest::newRow("phone number") << with("phone", 13912345678.0) << u"phone"_s;
    QTest::newRow("region empty") << with("region", u""_s) << u"region"_s;
    QTest::newRow("region 101") << with("region", QString(101, QChar(u'区'))) << u"region"_s;
    QTest::newRow("detail empty") << with("detail", u""_s) << u"detail"_s;
    QTest::newRow("detail 201") << with("detail", QString(201, QChar(u'址'))) << u"detail"_s;
    QTest::newRow("detail array") << with("detail", QJsonArray{u"x"_s}) << u"detail"_s;
    QTest::newRow("isDefault string") << with("isDefault", u"yes"_s) << u"isDefault"_s;
    QTest::newRow("isDefault number") << with("isDefault", 1) << u"isDefault"_s;
    QTest::newRow("malformed") << QByteArray(R"({"name":"x",)") << u"JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << u"object"_s;
    // Only creation needs every field.
    QTest::newRow("no name") << without("name") << u"name"_s;
    QTest::newRow("no phone") << without("phone") << u"phone"_s;
    QTest::newRow("no region") << without("region") << u"region"_s;
    QTest::newRow("no detail") << without("detail") << u"detail"_s;
}

} // namespace

void TstCart::badAddressBodiesChangeNothing_data()
{
    addressRows();
}

void TstCart::badAddressBodiesChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    QCOMPARE(createAddress(m_alice.accessToken, address(u"原样"_s)).status, 200);
    const QJsonObject before = addresses(m_alice.accessToken).object();

    const HttpReply reply = call("POST", u"/api/addresses"_s, m_alice.accessToken, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
    QVERIFY2(reply.message.contains(named), qPrintable(reply.message));
    QCOMPARE(addresses(m_alice.accessToken).object(), before);
}

void TstCart::badAddressUpdatesChangeNothing_data()
{
    addressRows();
}

void TstCart::badAddressUpdatesChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    const HttpReply created = createAddress(m_alice.accessToken, address(u"原样"_s));
    const qint64 id = created.object().value(u"id"_s).toInteger();
    const QJsonObject before = addresses(m_alice.accessToken).object();

    const HttpReply reply = call("PUT", u"/api/addresses/%1"_s.arg(id), m_alice.accessToken, body);
    if (QByteArray(QTest::currentDataTag()).startsWith("no ")) {
        // A partial update may leave fields out.
        QCOMPARE(reply.status, 200);
        return;
    }
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code, u"BAD_REQUEST"_s);
    QVERIFY2(reply.message.contains(named), qPrintable(reply.message));
    QCOMPARE(addresses(m_alice.accessToken).object(), before);
}

void TstCart::atMostTwentyAddresses()
{
    qint64 last = 0;
    for (int i = 1; i <= 20; ++i) {
        const HttpReply created = createAddress(m_alice.accessToken, address(u"地址%1"_s.arg(i)));
        QCOMPARE(created.status, 200);
        last = created.object().value(u"id"_s).toInteger();
    }
    const HttpReply refused = createAddress(m_alice.accessToken, address(u"多余"_s, true));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.code, u"CONFLICT"_s);
    const QJsonArray items = addresses(m_alice.accessToken).object().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 20);
    QCOMPARE(defaultsOf(items).size(), 1); // the refused isDefault took nothing over

    // The limit is per user, and room comes back with a deletion.
    QCOMPARE(createAddress(m_bob.accessToken, address(u"鲍勃"_s)).status, 200);
    QCOMPARE(call("DELETE", u"/api/addresses/%1"_s.arg(last), m_alice.accessToken).status, 200);
    QCOMPARE(createAddress(m_alice.accessToken, address(u"补上"_s)).status, 200);
    QCOMPARE(createAddress(m_alice.accessToken, address(u"又多"_s)).status, 409);
}

void TstCart::unknownAddressIdsAreNotFound_data()
{
    QTest::addColumn<QString>("id"); // "%1" is the real address's id
    QTest::newRow("word") << u"abc"_s;
    QTest::newRow("unknown") << u"999999"_s;
    QTest::newRow("zero") << u"0"_s;
    QTest::newRow("negative") << u"-1"_s;
    QTest::newRow("fraction") << u"%1.0"_s;
    QTest::newRow("suffix") << u"%1x"_s;
}

void TstCart::unknownAddressIdsAreNotFound()
{
    QFETCH(QString, id);
    const qint64 realId =
        createAddress(m_alice.accessToken, address(u"甲"_s)).object().value(u"id"_s).toInteger();
    const QJsonObject before = addresses(m_alice.accessToken).object();
    const QString path = u"/api/addresses/"_s + (id.contains(u"%1"_s) ? id.arg(realId) : id);

    const HttpReply updated =
        call("PUT", path, m_alice.accessToken, compact({{u"name"_s, u"乙"_s}}));
    QCOMPARE(updated.status, 404);
    QCOMPARE(updated.code, u"NOT_FOUND"_s);
    const HttpReply removed = call("DELETE", path, m_alice.accessToken);
    QCOMPARE(removed.status, 404);
    QCOMPARE(removed.code, u"NOT_FOUND"_s);
    QCOMPARE(addresses(m_alice.accessToken).object(), before);
}

void TstCart::otherUsersAddressesAreOutOfReach()
{
    const qint64 a1 = createAddress(m_alice.accessToken, address(u"爱丽丝"_s))
                          .object()
                          .value(u"id"_s)
                          .toInteger();
    const qint64 a2 = createAddress(m_alice.accessToken, address(u"爱丽丝二"_s))
                          .object()
                          .value(u"id"_s)
                          .toInteger();
    const QJsonObject before = addresses(m_alice.accessToken).object();
    QCOMPARE(before.value(u"items"_s).toArray().size(), 2);

    QCOMPARE(addresses(m_bob.accessToken).object().value(u"items"_s).toArray().size(), 0);
    for (const qint64 id : {a1, a2}) {
        const HttpReply updated =
            updateAddress(m_bob.accessToken, id, {{u"name"_s, u"鲍勃"_s}, {u"isDefault"_s, true}});
        QCOMPARE(updated.status, 404);
        QCOMPARE(updated.code, u"NOT_FOUND"_s);
        // Not the 409 Alice would get for unsetting her default: that would
        // tell Bob which of her addresses is the default.
        const HttpReply unset = updateAddress(m_bob.accessToken, id, {{u"isDefault"_s, false}});
        QCOMPARE(unset.status, 404);
        const HttpReply removed = call("DELETE", u"/api/addresses/%1"_s.arg(id), m_bob.accessToken);
        QCOMPARE(removed.status, 404);
        QCOMPARE(removed.code, u"NOT_FOUND"_s);
    }

    // Bob's own default does not clear Alice's.
    const HttpReply bobs = createAddress(m_bob.accessToken, address(u"鲍勃"_s, true));
    QCOMPARE(bobs.status, 200);
    QCOMPARE(bobs.object().value(u"isDefault"_s), QJsonValue(true));
    const qint64 b1 = bobs.object().value(u"id"_s).toInteger();
    const HttpReply bobs2 = createAddress(m_bob.accessToken, address(u"鲍勃二"_s, true));
    QCOMPARE(bobs2.object().value(u"isDefault"_s), QJsonValue(true));
    const qint64 b2 = bobs2.object().value(u"id"_s).toInteger();
    QCOMPARE(call("DELETE", u"/api/addresses/%1"_s.arg(b1), m_bob.accessToken).status, 200);
    const QJsonObject bobBefore = addresses(m_bob.accessToken).object();
    QCOMPARE(idsOf(bobBefore.value(u"items"_s).toArray()), QList<qint64>{b2});

    // Nor can Alice reach Bob's.
    QCOMPARE(updateAddress(m_alice.accessToken, b2, {{u"name"_s, u"爱丽丝"_s}}).status, 404);
    QCOMPARE(call("DELETE", u"/api/addresses/%1"_s.arg(b2), m_alice.accessToken).status, 404);
    QCOMPARE(addresses(m_bob.accessToken).object(), bobBefore);

    QCOMPARE(addresses(m_alice.accessToken).object(), before);
}

QTEST_GUILESS_MAIN(TstCart)
#include "tst_cart.moc"
