// The public catalog over real HTTP: home, categories, the goods list with
// its filters, search, paging and sorting, goods detail and reviews, the
// generated pictures and their caching, and footprints (recorded with a
// valid token only, and carried over when a guest becomes a member).

#include "authflows.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <limits>

namespace {

const QString kDb = QStringLiteral("tst_catalog");
const QByteArray kPngMagic("\x89PNG\r\n\x1a\n", 8);

QList<QPair<QByteArray, QByteArray>> english()
{
    return {{QByteArrayLiteral("Accept-Language"), QByteArrayLiteral("en")}};
}

// Explicitly: QNetworkAccessManager sends the system locale's language
// ("en-US" on a C locale) when a request names none.
QList<QPair<QByteArray, QByteArray>> chinese()
{
    return {{QByteArrayLiteral("Accept-Language"), QByteArrayLiteral("zh-CN,zh;q=0.9")}};
}

qint64 idOf(const QJsonValue &value)
{
    return value.toObject().value(QLatin1String("id")).toInteger();
}

QList<qint64> idsOf(const QJsonArray &items)
{
    QList<qint64> ids;
    for (const QJsonValue &item : items)
        ids.append(idOf(item));
    return ids;
}

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// Every key of the protocol's Goods object, with the right JSON type.
bool hasGoodsShape(const QJsonObject &goods, QString *why)
{
    const QList<QPair<const char *, QJsonValue::Type>> keys = {
        {"id", QJsonValue::Double},         {"name", QJsonValue::String},
        {"brief", QJsonValue::String},      {"categoryId", QJsonValue::Double},
        {"priceCents", QJsonValue::Double}, {"stock", QJsonValue::Double},
        {"sales", QJsonValue::Double},      {"picUrl", QJsonValue::String},
        {"gallery", QJsonValue::Array},     {"specs", QJsonValue::Object},
    };
    for (const auto &[key, type] : keys) {
        if (goods.value(QLatin1String(key)).type() != type) {
            *why = QStringLiteral("goods %1: \"%2\" missing or of the wrong type")
                       .arg(goods.value(QLatin1String("id")).toInteger())
                       .arg(QLatin1String(key));
            return false;
        }
    }
    return true;
}

} // namespace

class TstCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void catalogIsLargeEnough();
    void homeShape();
    void categoriesAreATree();
    void englishCategoryNames();
    void categoryFilterIncludesChildren();
    void malformedQueryValues_data();
    void malformedQueryValues();
    void searchByChineseWord();
    void searchTreatsWildcardsLiterally_data();
    void searchTreatsWildcardsLiterally();
    void paging();
    void sorting_data();
    void sorting();
    void defaultSortIsNewestFirst();
    void goodsDetailShape();
    void goodsNotFound_data();
    void goodsNotFound();
    void reviewsNewestFirst();
    void goodsPictures();
    void picturesAreCachedWithETag();
    void categoryAndBannerPictures();
    void unknownPicturesAre404_data();
    void unknownPicturesAre404();
    void footprintsNewestFirst();
    void footprintsNeedAValidToken();
    void footprintsListNeedsAToken();
    void footprintsKeptWhenGuestBindsPhone();
    void footprintsAbsorbedByExistingMember();

private:
    HttpReply get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return m_http->send("GET", path, {}, headers);
    }
    // Every goods a list query names, page by page.
    QList<QJsonObject> listAll(const QString &query = {})
    {
        QList<QJsonObject> all;
        for (int page = 1; page < 50; ++page) {
            const HttpReply reply = get(QStringLiteral("/api/goods?size=100&page=%1%2")
                                            .arg(page)
                                            .arg(query.isEmpty() ? QString() : u'&' + query));
            if (reply.status != 200)
                return {};
            const QJsonArray items = reply.object().value(QLatin1String("items")).toArray();
            for (const QJsonValue &item : items)
                all.append(item.toObject());
            if (items.size() < 100)
                break;
        }
        return all;
    }
    qint64 totalOf(const QString &query)
    {
        const HttpReply reply = get(QStringLiteral("/api/goods?") + query);
        return reply.status == 200 ? reply.object().value(QLatin1String("total")).toInteger() : -1;
    }
    QJsonArray footprintsOf(const QByteArray &token, const QString &query = {})
    {
        const HttpReply reply = m_http->get(QStringLiteral("/api/me/footprints") + query, token);
        return reply.object().value(QLatin1String("items")).toArray();
    }
    void view(qint64 goodsId, const QByteArray &token)
    {
        QCOMPARE(m_http->get(QStringLiteral("/api/goods/%1").arg(goodsId), token).status, 200);
    }
    void advanceClock(qint64 seconds)
    {
        QCOMPARE(m_http
                     ->post(QStringLiteral("/dev/clock"),
                            QJsonObject{{QLatin1String("advance"), seconds}})
                     .code,
                 QStringLiteral("OK"));
    }
    // The server's own database, for what the API does not show (rows
    // written, raw columns) and to seed reviews, which another area writes.
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(QSqlDatabase::database(kDb));
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec()) {
            qWarning() << "test query failed:" << query.lastError().text();
            return {};
        }
        return query.next() ? query.value(0) : QVariant();
    }
    qint64 footprintRows()
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM footprints")).toLongLong();
    }

    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TstCatalog::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.url());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kDb);
    db.setDatabaseName(m_server.dataDir() + QStringLiteral("/mall.sqlite"));
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout=5000"));
}

void TstCatalog::init()
{
    // No users and the real clock; the catalog stays.
    QCOMPARE(m_http->post(QStringLiteral("/dev/reset"), {}).code, QStringLiteral("OK"));
}

void TstCatalog::cleanupTestCase()
{
    QSqlDatabase::database(kDb).close();
    QSqlDatabase::removeDatabase(kDb);
    m_http.reset();
    QCOMPARE(m_server.stop(), 0);
}

void TstCatalog::catalogIsLargeEnough()
{
    const HttpReply reply = get(QStringLiteral("/api/goods"));
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.object().value(QLatin1String("total")).toInteger() >= 200,
             reply.body.constData());
    const QList<QJsonObject> all = listAll();
    QCOMPARE(all.size(), reply.object().value(QLatin1String("total")).toInteger());
    QSet<qint64> ids;
    for (const QJsonObject &goods : all) {
        QString why;
        QVERIFY2(hasGoodsShape(goods, &why), qPrintable(why));
        ids.insert(goods.value(QLatin1String("id")).toInteger());
    }
    QCOMPARE(ids.size(), all.size());
}

void TstCatalog::homeShape()
{
    const HttpReply reply = get(QStringLiteral("/api/home"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject home = reply.object();

    const QJsonArray banners = home.value(QLatin1String("banners")).toArray();
    QVERIFY(!banners.isEmpty());
    for (const QJsonValue &value : banners) {
        const QJsonObject banner = value.toObject();
        QVERIFY(banner.value(QLatin1String("id")).toInteger() > 0);
        QVERIFY(!banner.value(QLatin1String("title")).toString().isEmpty());
        const qint64 goodsId = banner.value(QLatin1String("goodsId")).toInteger();
        QCOMPARE(get(QStringLiteral("/api/goods/%1").arg(goodsId)).status, 200);
        const QUrl picture(banner.value(QLatin1String("picUrl")).toString());
        QCOMPARE(picture.scheme(), QStringLiteral("http"));
        const HttpReply png = get(picture.path());
        QCOMPARE(png.status, 200);
        QVERIFY(png.body.startsWith(kPngMagic));
    }

    // The top-level categories, as /api/categories lists them.
    QList<qint64> topLevel;
    const QJsonArray all =
        get(QStringLiteral("/api/categories")).object().value(QLatin1String("items")).toArray();
    for (const QJsonValue &category : all) {
        if (category.toObject().value(QLatin1String("parentId")).isNull())
            topLevel.append(idOf(category));
    }
    const QJsonArray categories = home.value(QLatin1String("categories")).toArray();
    QCOMPARE(idsOf(categories), topLevel);
    QVERIFY(categories.size() >= 8);
    for (const QJsonValue &category : categories) {
        QVERIFY(category.toObject().value(QLatin1String("parentId")).isNull());
        QVERIFY(!category.toObject().value(QLatin1String("iconUrl")).toString().isEmpty());
    }

    const QJsonArray featured = home.value(QLatin1String("featured")).toArray();
    QVERIFY(!featured.isEmpty());
    QVERIFY(featured.size() < 100);
    QSet<qint64> featuredIds;
    for (const QJsonValue &goods : featured) {
        QString why;
        QVERIFY2(hasGoodsShape(goods.toObject(), &why), qPrintable(why));
        featuredIds.insert(idOf(goods));
    }
    const QVariant inDb = scalar(QStringLiteral("SELECT COUNT(*) FROM goods WHERE featured = 1"));
    QCOMPARE(featuredIds.size(), inDb.toInt());
    for (const qint64 id : featuredIds) {
        QCOMPARE(scalar(QStringLiteral("SELECT featured FROM goods WHERE id = ?"), {id}).toInt(),
                 1);
    }
}

void TstCatalog::categoriesAreATree()
{
    const HttpReply reply = get(QStringLiteral("/api/categories"), chinese());
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.object().value(QLatin1String("items")).toArray();
    QHash<qint64, int> childrenOf; // top-level id -> number of children
    QHash<qint64, qint64> parentOf;
    for (const QJsonValue &value : items) {
        const QJsonObject category = value.toObject();
        const qint64 id = category.value(QLatin1String("id")).toInteger();
        QVERIFY(id > 0);
        QVERIFY(!category.value(QLatin1String("name")).toString().isEmpty());
        QVERIFY(category.value(QLatin1String("iconUrl"))
                    .toString()
                    .endsWith(QStringLiteral("/media/categories/%1.png").arg(id)));
        const QJsonValue parent = category.value(QLatin1String("parentId"));
        QVERIFY2(parent.isNull() || parent.isDouble(), "parentId is null or an id");
        QVERIFY(!parentOf.contains(id) && !childrenOf.contains(id));
        if (parent.isNull()) {
            childrenOf.insert(id, 0);
        } else {
            // Listed after its parent, which is top-level.
            QVERIFY2(childrenOf.contains(parent.toInteger()), "children follow their parent");
            ++childrenOf[parent.toInteger()];
            parentOf.insert(id, parent.toInteger());
        }
    }
    QVERIFY(childrenOf.size() >= 8);
    for (auto it = childrenOf.cbegin(); it != childrenOf.cend(); ++it)
        QVERIFY2(it.value() > 0,
                 qPrintable(QStringLiteral("category %1 has no children").arg(it.key())));
    QCOMPARE(items.size(), scalar(QStringLiteral("SELECT COUNT(*) FROM categories")).toInt());
    // Chinese by default.
    const QString first = items.first().toObject().value(QLatin1String("name")).toString();
    QVERIFY2(first.front().unicode() > 0x2e80, qPrintable(first));
}

void TstCatalog::englishCategoryNames()
{
    const QJsonArray inChinese = get(QStringLiteral("/api/categories"), chinese())
                                     .object()
                                     .value(QLatin1String("items"))
                                     .toArray();
    const HttpReply reply = get(QStringLiteral("/api/categories"), english());
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.object().value(QLatin1String("items")).toArray();
    QCOMPARE(idsOf(items), idsOf(inChinese));
    QVERIFY(!items.isEmpty());
    for (int i = 0; i < items.size(); ++i) {
        const qint64 id = idOf(items[i]);
        const QString name = items[i].toObject().value(QLatin1String("name")).toString();
        QCOMPARE(
            name,
            scalar(QStringLiteral("SELECT name_en FROM categories WHERE id = ?"), {id}).toString());
        QCOMPARE(
            inChinese[i].toObject().value(QLatin1String("name")).toString(),
            scalar(QStringLiteral("SELECT name FROM categories WHERE id = ?"), {id}).toString());
        QVERIFY(name != inChinese[i].toObject().value(QLatin1String("name")).toString());
    }
    // The home page's categories follow the language too.
    const QJsonArray home = get(QStringLiteral("/api/home"), english())
                                .object()
                                .value(QLatin1String("categories"))
                                .toArray();
    QCOMPARE(home.first().toObject().value(QLatin1String("name")).toString(),
             items.first().toObject().value(QLatin1String("name")).toString());
}

void TstCatalog::categoryFilterIncludesChildren()
{
    const QJsonArray categories =
        get(QStringLiteral("/api/categories")).object().value(QLatin1String("items")).toArray();
    QHash<qint64, QList<qint64>> children;
    for (const QJsonValue &value : categories) {
        const QJsonValue parent = value.toObject().value(QLatin1String("parentId"));
        if (parent.isNull())
            children[idOf(value)];
        else
            children[parent.toInteger()].append(idOf(value));
    }
    QVERIFY(children.size() >= 8);
    qint64 sumOfTopLevel = 0;
    for (auto it = children.cbegin(); it != children.cend(); ++it) {
        const qint64 top = totalOf(QStringLiteral("category=%1").arg(it.key()));
        qint64 sum = 0;
        for (const qint64 child : it.value()) {
            const QList<QJsonObject> goods = listAll(QStringLiteral("category=%1").arg(child));
            QVERIFY2(!goods.isEmpty(), qPrintable(QStringLiteral("category %1").arg(child)));
            for (const QJsonObject &item : goods)
                QCOMPARE(item.value(QLatin1String("categoryId")).toInteger(), child);
            QCOMPARE(totalOf(QStringLiteral("category=%1").arg(child)), qint64(goods.size()));
            sum += goods.size();
        }
        QVERIFY(top > 0);
        QCOMPARE(top, sum);
        // The top level's own list holds exactly its children's goods.
        for (const QJsonObject &item : listAll(QStringLiteral("category=%1").arg(it.key())))
            QVERIFY(it.value().contains(item.value(QLatin1String("categoryId")).toInteger()));
        sumOfTopLevel += top;
    }
    QCOMPARE(sumOfTopLevel, totalOf(QString()));
    // A well-formed id that names no category matches nothing.
    const HttpReply unknown = get(QStringLiteral("/api/goods?category=999999"));
    QCOMPARE(unknown.status, 200);
    QCOMPARE(unknown.object().value(QLatin1String("total")).toInteger(), 0);
    QVERIFY(unknown.object().value(QLatin1String("items")).toArray().isEmpty());
}

void TstCatalog::malformedQueryValues_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("named");
    QTest::newRow("category=abc") << "/api/goods?category=abc"
                                  << "category";
    QTest::newRow("category=-1") << "/api/goods?category=-1"
                                 << "category";
    QTest::newRow("category=0") << "/api/goods?category=0"
                                << "category";
    QTest::newRow("category=1.5") << "/api/goods?category=1.5"
                                  << "category";
    QTest::newRow("sort=cheapest") << "/api/goods?sort=cheapest"
                                   << "sort";
    QTest::newRow("sort=PRICE_ASC") << "/api/goods?sort=PRICE_ASC"
                                    << "sort";
    QTest::newRow("size=101") << "/api/goods?size=101"
                              << "size";
    QTest::newRow("size=abc") << "/api/goods?size=abc"
                              << "size";
    QTest::newRow("size=0") << "/api/goods?size=0"
                            << "size";
    QTest::newRow("page=0") << "/api/goods?page=0"
                            << "page";
    QTest::newRow("page=-2") << "/api/goods?page=-2"
                             << "page";
    QTest::newRow("q too long") << QStringLiteral("/api/goods?q=") + QString(65, u'a') << "q";
    QTest::newRow("reviews size=500") << "/api/goods/1/reviews?size=500"
                                      << "size";
    QTest::newRow("reviews page=x") << "/api/goods/1/reviews?page=x"
                                    << "page";
}

void TstCatalog::malformedQueryValues()
{
    QFETCH(QString, path);
    QFETCH(QString, named);
    for (const auto &headers : {chinese(), english()}) {
        const HttpReply reply = get(path, headers);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.code, QStringLiteral("BAD_REQUEST"));
        QVERIFY2(reply.message.contains(named), qPrintable(reply.message));
    }
}

void TstCatalog::searchByChineseWord()
{
    const QString word = QStringLiteral("耳机");
    const QList<QJsonObject> all = listAll();
    QSet<qint64> expected;
    for (const QJsonObject &goods : all) {
        if (goods.value(QLatin1String("name")).toString().contains(word) ||
            goods.value(QLatin1String("brief")).toString().contains(word)) {
            expected.insert(goods.value(QLatin1String("id")).toInteger());
        }
    }
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected.size() < all.size());

    const QList<QJsonObject> found = listAll(QStringLiteral("q=") + encoded(word));
    QSet<qint64> foundIds;
    for (const QJsonObject &goods : found)
        foundIds.insert(goods.value(QLatin1String("id")).toInteger());
    QCOMPARE(foundIds, expected);
    QCOMPARE(totalOf(QStringLiteral("q=") + encoded(word)), qint64(expected.size()));

    // Words are combined with AND, and search combines with the category.
    const QString brand = found.first().value(QLatin1String("name")).toString().section(u' ', 0, 0);
    const QList<QJsonObject> both = listAll(QStringLiteral("q=") + encoded(brand + u' ' + word));
    QVERIFY(!both.isEmpty());
    QVERIFY(both.size() < found.size());
    for (const QJsonObject &goods : both) {
        const QString text = goods.value(QLatin1String("name")).toString() +
                             goods.value(QLatin1String("brief")).toString();
        QVERIFY2(text.contains(brand) && text.contains(word), qPrintable(text));
    }
    const qint64 category = found.first().value(QLatin1String("categoryId")).toInteger();
    QCOMPARE(totalOf(QStringLiteral("q=%1&category=%2").arg(encoded(word)).arg(category)),
             qint64(expected.size()));
    QCOMPARE(totalOf(QStringLiteral("q=%1&category=%2").arg(encoded(word)).arg(category + 1)), 0);
    QCOMPARE(totalOf(QStringLiteral("q=") + encoded(QStringLiteral("没有这种商品"))), 0);

    // Form encoding, as browsers and curl send it: '+' separates words, %2B
    // is a literal plus (which no goods has).
    QCOMPARE(totalOf(QStringLiteral("q=") + encoded(brand) + u'+' + encoded(word)),
             qint64(both.size()));
    QCOMPARE(totalOf(QStringLiteral("q=%20") + encoded(word) + QStringLiteral("%20")),
             qint64(expected.size()));
    QCOMPARE(totalOf(QStringLiteral("q=+")), qint64(all.size()));
    QCOMPARE(totalOf(QStringLiteral("q=%2B")), 0);
}

void TstCatalog::searchTreatsWildcardsLiterally_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("percent") << "%";
    QTest::newRow("underscore") << "_";
    QTest::newRow("backslash") << "\\";
    QTest::newRow("percent-word") << "%耳机";
    QTest::newRow("quote") << "' OR 1=1 --";
    QTest::newRow("percent-rgb") << "99%";
}

void TstCatalog::searchTreatsWildcardsLiterally()
{
    QFETCH(QString, text);
    const QList<QJsonObject> all = listAll();
    QSet<qint64> expected;
    for (const QJsonObject &goods : all) {
        const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
        bool matches = true;
        for (const QString &word : words) {
            matches = matches && (goods.value(QLatin1String("name")).toString().contains(word) ||
                                  goods.value(QLatin1String("brief")).toString().contains(word));
        }
        if (matches)
            expected.insert(goods.value(QLatin1String("id")).toInteger());
    }
    const HttpReply reply = get(QStringLiteral("/api/goods?size=100&q=") + encoded(text));
    QCOMPARE(reply.status, 200);
    QSet<qint64> found;
    for (const QJsonValue &goods : reply.object().value(QLatin1String("items")).toArray())
        found.insert(idOf(goods));
    QCOMPARE(found, expected);
    QCOMPARE(reply.object().value(QLatin1String("total")).toInteger(), qint64(expected.size()));
    QVERIFY(expected.size() < all.size());
}

void TstCatalog::paging()
{
    const HttpReply first = get(QStringLiteral("/api/goods?page=1&size=10"));
    const HttpReply second = get(QStringLiteral("/api/goods?page=2&size=10"));
    QCOMPARE(first.status, 200);
    QCOMPARE(second.status, 200);
    const QJsonObject a = first.object();
    const QJsonObject b = second.object();
    QCOMPARE(a.value(QLatin1String("page")).toInt(), 1);
    QCOMPARE(b.value(QLatin1String("page")).toInt(), 2);
    QCOMPARE(a.value(QLatin1String("size")).toInt(), 10);
    const qint64 total = a.value(QLatin1String("total")).toInteger();
    QCOMPARE(b.value(QLatin1String("total")).toInteger(), total);
    const QList<qint64> one = idsOf(a.value(QLatin1String("items")).toArray());
    const QList<qint64> two = idsOf(b.value(QLatin1String("items")).toArray());
    QCOMPARE(one.size(), 10);
    QCOMPARE(two.size(), 10);
    for (const qint64 id : two)
        QVERIFY(!one.contains(id));
    // Pages are slices of one order.
    const QList<qint64> twenty = idsOf(
        get(QStringLiteral("/api/goods?size=20")).object().value(QLatin1String("items")).toArray());
    QCOMPARE(twenty, one + two);

    // Defaults, the largest page, the partial last page and past the end.
    const QJsonObject defaults = get(QStringLiteral("/api/goods")).object();
    QCOMPARE(defaults.value(QLatin1String("size")).toInt(), 20);
    QCOMPARE(defaults.value(QLatin1String("page")).toInt(), 1);
    QCOMPARE(defaults.value(QLatin1String("items")).toArray().size(), 20);
    QCOMPARE(get(QStringLiteral("/api/goods?size=100"))
                 .object()
                 .value(QLatin1String("items"))
                 .toArray()
                 .size(),
             100);
    const qint64 lastPage = (total + 99) / 100;
    const QJsonObject last =
        get(QStringLiteral("/api/goods?size=100&page=%1").arg(lastPage)).object();
    QCOMPARE(last.value(QLatin1String("items")).toArray().size(), total - (lastPage - 1) * 100);
    const QJsonObject beyond =
        get(QStringLiteral("/api/goods?size=100&page=%1").arg(lastPage + 1)).object();
    QVERIFY(beyond.value(QLatin1String("items")).toArray().isEmpty());
    QCOMPARE(beyond.value(QLatin1String("total")).toInteger(), total);

    QCOMPARE(get(QStringLiteral("/api/goods?size=101")).status, 400);
    QCOMPARE(get(QStringLiteral("/api/goods?page=0")).status, 400);
    QCOMPARE(get(QStringLiteral("/api/goods?size=abc")).status, 400);
}

void TstCatalog::sorting_data()
{
    QTest::addColumn<QString>("sort");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("ascending");
    QTest::newRow("price_asc") << "price_asc"
                               << "priceCents" << true;
    QTest::newRow("price_desc") << "price_desc"
                                << "priceCents" << false;
    QTest::newRow("sales") << "sales"
                           << "sales" << false;
}

void TstCatalog::sorting()
{
    QFETCH(QString, sort);
    QFETCH(QString, key);
    QFETCH(bool, ascending);
    const QList<QJsonObject> all = listAll(QStringLiteral("sort=") + sort);
    QCOMPARE(qint64(all.size()), totalOf(QString()));
    QSet<qint64> distinct;
    int changes = 0;
    for (int i = 1; i < all.size(); ++i) {
        const qint64 before = all[i - 1].value(key).toInteger();
        const qint64 after = all[i].value(key).toInteger();
        QVERIFY2(ascending ? before <= after : before >= after,
                 qPrintable(QStringLiteral("%1 then %2 at %3").arg(before).arg(after).arg(i)));
        changes += before != after ? 1 : 0;
        distinct.insert(all[i].value(QLatin1String("id")).toInteger());
    }
    QCOMPARE(distinct.size(), all.size() - 1);
    QVERIFY(changes > 10);
    // Sorting applies inside a filter too.
    const QList<QJsonObject> shelf = listAll(QStringLiteral("category=1&sort=") + sort);
    QVERIFY(shelf.size() > 1);
    for (int i = 1; i < shelf.size(); ++i) {
        const qint64 before = shelf[i - 1].value(key).toInteger();
        const qint64 after = shelf[i].value(key).toInteger();
        QVERIFY(ascending ? before <= after : before >= after);
    }
}

void TstCatalog::defaultSortIsNewestFirst()
{
    const QList<QJsonObject> all = listAll();
    QVERIFY(all.size() >= 200);
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonObject &goods : all) {
        const qint64 createdAt = scalar(QStringLiteral("SELECT created_at FROM goods WHERE id = ?"),
                                        {goods.value(QLatin1String("id")).toInteger()})
                                     .toLongLong();
        QVERIFY(createdAt > 0);
        QVERIFY(createdAt <= previous);
        previous = createdAt;
    }
    QCOMPARE(idsOf(get(QStringLiteral("/api/goods?sort=newest&size=50"))
                       .object()
                       .value(QLatin1String("items"))
                       .toArray()),
             idsOf(get(QStringLiteral("/api/goods?size=50"))
                       .object()
                       .value(QLatin1String("items"))
                       .toArray()));
}

void TstCatalog::goodsDetailShape()
{
    const qint64 id = 7;
    const HttpReply reply = get(QStringLiteral("/api/goods/%1").arg(id));
    QCOMPARE(reply.status, 200);
    const QJsonObject goods = reply.object();
    QString why;
    QVERIFY2(hasGoodsShape(goods, &why), qPrintable(why));
    QCOMPARE(goods.value(QLatin1String("id")).toInteger(), id);
    QCOMPARE(goods.value(QLatin1String("name")).toString(),
             scalar(QStringLiteral("SELECT name FROM goods WHERE id = ?"), {id}).toString());
    QCOMPARE(
        goods.value(QLatin1String("priceCents")).toInteger(),
        scalar(QStringLiteral("SELECT price_cents FROM goods WHERE id = ?"), {id}).toLongLong());
    QCOMPARE(
        goods.value(QLatin1String("categoryId")).toInteger(),
        scalar(QStringLiteral("SELECT category_id FROM goods WHERE id = ?"), {id}).toLongLong());
    const QJsonObject specs = goods.value(QLatin1String("specs")).toObject();
    QVERIFY(!specs.isEmpty());
    QCOMPARE(specs, QJsonDocument::fromJson(
                        scalar(QStringLiteral("SELECT specs FROM goods WHERE id = ?"), {id})
                            .toString()
                            .toUtf8())
                        .object());

    const QJsonArray gallery = goods.value(QLatin1String("gallery")).toArray();
    const int gallerySize =
        scalar(QStringLiteral("SELECT gallery_size FROM goods WHERE id = ?"), {id}).toInt();
    QVERIFY(gallerySize >= 1);
    QCOMPARE(gallery.size(), gallerySize);
    QCOMPARE(gallery.first().toString(), goods.value(QLatin1String("picUrl")).toString());
    QSet<QByteArray> pictures;
    for (int i = 0; i < gallery.size(); ++i) {
        const QUrl url(gallery[i].toString());
        QCOMPARE(url.path(), QStringLiteral("/media/goods/%1/%2.png").arg(id).arg(i));
        QCOMPARE(url.port(), m_server.url().port());
        const HttpReply png = get(url.path());
        QCOMPARE(png.status, 200);
        pictures.insert(png.body);
    }
    QCOMPARE(pictures.size(), gallerySize);
    QCOMPARE(get(QStringLiteral("/media/goods/%1/%2.png").arg(id).arg(gallerySize)).status, 404);

    // The list carries the same object.
    const QList<QJsonObject> all = listAll();
    const auto listed = std::find_if(all.cbegin(), all.cend(), [id](const QJsonObject &item) {
        return item.value(QLatin1String("id")).toInteger() == id;
    });
    QVERIFY(listed != all.cend());
    QCOMPARE(*listed, goods);
}

void TstCatalog::goodsNotFound_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("letters") << "abc";
    QTest::newRow("zero") << "0";
    QTest::newRow("negative") << "-1";
    QTest::newRow("unknown") << "999999";
    QTest::newRow("decimal") << "1.0";
    QTest::newRow("plus") << "+1";
    QTest::newRow("huge") << "99999999999999999999";
}

void TstCatalog::goodsNotFound()
{
    QFETCH(QString, id);
    const HttpReply detail = get(QStringLiteral("/api/goods/") + encoded(id));
    QCOMPARE(detail.status, 404);
    QCOMPARE(detail.code, QStringLiteral("NOT_FOUND"));
    const HttpReply reviews = get(QStringLiteral("/api/goods/%1/reviews").arg(encoded(id)));
    QCOMPARE(reviews.status, 404);
    QCOMPARE(reviews.code, QStringLiteral("NOT_FOUND"));
}

void TstCatalog::reviewsNewestFirst()
{
    const qint64 goodsId = 25;
    const HttpReply none = get(QStringLiteral("/api/goods/%1/reviews").arg(goodsId));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.object().value(QLatin1String("total")).toInteger(), 0);
    QVERIFY(none.object().value(QLatin1String("items")).toArray().isEmpty());

    // Written straight into the table: posting reviews is another area's
    // endpoint and needs a full member-info user.
    const qint64 t = 1700000000;
    const auto insert = [this](qint64 goods, int rating, const QString &text, qint64 createdAt,
                               const QVariant &avatar) {
        QSqlQuery query(QSqlDatabase::database(kDb));
        query.prepare(QStringLiteral("INSERT INTO reviews (goods_id, uid, rating, text, nickname, "
                                     "avatar_url, created_at) VALUES (?, 1, ?, ?, ?, ?, ?)"));
        for (const QVariant &value :
             QVariantList{goods, rating, text, QStringLiteral("小明"), avatar, createdAt})
            query.addBindValue(value);
        return query.exec();
    };
    QVERIFY(
        insert(goodsId, 5, QStringLiteral("很好"), t, QVariant(QMetaType::fromType<QString>())));
    QVERIFY(insert(goodsId, 3, QStringLiteral("一般"), t + 10,
                   QStringLiteral("/media/avatars/abc.png")));
    QVERIFY(insert(goodsId, 4, QStringLiteral("不错"), t + 5,
                   QVariant(QMetaType::fromType<QString>())));
    QVERIFY(insert(goodsId + 1, 1, QStringLiteral("别的商品"), t + 20,
                   QVariant(QMetaType::fromType<QString>())));

    const HttpReply reply = get(QStringLiteral("/api/goods/%1/reviews").arg(goodsId));
    QCOMPARE(reply.status, 200);
    const QJsonObject list = reply.object();
    QCOMPARE(list.value(QLatin1String("total")).toInteger(), 3);
    const QJsonArray items = list.value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 3);
    QStringList texts;
    for (const QJsonValue &value : items) {
        const QJsonObject review = value.toObject();
        texts << review.value(QLatin1String("text")).toString();
        QCOMPARE(review.value(QLatin1String("goodsId")).toInteger(), goodsId);
        QVERIFY(review.value(QLatin1String("id")).toInteger() > 0);
        QVERIFY(review.value(QLatin1String("rating")).toInt() >= 1);
        QCOMPARE(review.value(QLatin1String("nickname")).toString(), QStringLiteral("小明"));
        QVERIFY(review.contains(QLatin1String("avatarUrl")));
        QVERIFY(review.value(QLatin1String("createdAt")).toInteger() >= t);
    }
    QCOMPARE(texts,
             (QStringList{QStringLiteral("一般"), QStringLiteral("不错"), QStringLiteral("很好")}));
    QCOMPARE(items[0].toObject().value(QLatin1String("createdAt")).toInteger(), t + 10);
    QCOMPARE(items[0].toObject().value(QLatin1String("rating")).toInt(), 3);
    // Server-relative avatars become absolute; none stays null.
    QCOMPARE(QUrl(items[0].toObject().value(QLatin1String("avatarUrl")).toString()).path(),
             QStringLiteral("/media/avatars/abc.png"));
    QVERIFY(items[0]
                .toObject()
                .value(QLatin1String("avatarUrl"))
                .toString()
                .startsWith(QStringLiteral("http://")));
    QVERIFY(items[1].toObject().value(QLatin1String("avatarUrl")).isNull());

    const QJsonObject page2 =
        get(QStringLiteral("/api/goods/%1/reviews?size=2&page=2").arg(goodsId)).object();
    QCOMPARE(page2.value(QLatin1String("total")).toInteger(), 3);
    QCOMPARE(page2.value(QLatin1String("items")).toArray().size(), 1);
    QCOMPARE(page2.value(QLatin1String("items"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("text"))
                 .toString(),
             QStringLiteral("很好"));
}

void TstCatalog::goodsPictures()
{
    const HttpReply one = get(QStringLiteral("/media/goods/1/0.png"));
    QCOMPARE(one.status, 200);
    QCOMPARE(one.header("Content-Type"), QByteArray("image/png"));
    QVERIFY(one.body.startsWith(kPngMagic));
    const QImage image = QImage::fromData(one.body, "PNG");
    QCOMPARE(image.size(), QSize(480, 480));
    // A picture, not a flat colour: many colours, and the product in the
    // middle differs from the background in the corner.
    QSet<QRgb> colours;
    for (int y = 0; y < 480; y += 12) {
        for (int x = 0; x < 480; x += 12)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    QVERIFY(image.pixel(240, 240) != image.pixel(4, 4));

    const HttpReply two = get(QStringLiteral("/media/goods/2/0.png"));
    QCOMPARE(two.status, 200);
    QVERIFY(two.body.startsWith(kPngMagic));
    QVERIFY(two.body != one.body);
    const HttpReply second = get(QStringLiteral("/media/goods/1/1.png"));
    QCOMPARE(second.status, 200);
    QVERIFY(second.body.startsWith(kPngMagic));
    QVERIFY(second.body != one.body);
    QCOMPARE(QImage::fromData(second.body, "PNG").size(), QSize(480, 480));
    // Backgrounds in a hue of their own: the corners of two goods differ.
    QVERIFY(QImage::fromData(two.body, "PNG").pixel(4, 4) != image.pixel(4, 4));

    // Every goods has distinct pictures, in every aisle.
    QSet<QByteArray> mains;
    const QList<QJsonObject> all = listAll();
    for (int i = 0; i < all.size(); i += 9) {
        const HttpReply png = get(QUrl(all[i].value(QLatin1String("picUrl")).toString()).path());
        QCOMPARE(png.status, 200);
        mains.insert(png.body);
    }
    QCOMPARE(mains.size(), (all.size() + 8) / 9);

    // The same picture again is the same bytes.
    QCOMPARE(get(QStringLiteral("/media/goods/1/0.png")).body, one.body);
}

void TstCatalog::picturesAreCachedWithETag()
{
    const HttpReply first = get(QStringLiteral("/media/goods/3/2.png"));
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 2);
    const QByteArray cacheControl = first.header("Cache-Control");
    QVERIFY2(cacheControl.contains("public"), cacheControl.constData());
    QVERIFY2(cacheControl.contains("max-age=86400"), cacheControl.constData());
    QVERIFY(!cacheControl.contains("no-store"));
    // Each picture has its own tag.
    QVERIFY(get(QStringLiteral("/media/goods/3/1.png")).header("ETag") != etag);
    QVERIFY(get(QStringLiteral("/media/goods/4/2.png")).header("ETag") != etag);

    const HttpReply notModified =
        get(QStringLiteral("/media/goods/3/2.png"), {{QByteArrayLiteral("If-None-Match"), etag}});
    QCOMPARE(notModified.status, 304);
    QVERIFY(notModified.body.isEmpty());
    QCOMPARE(notModified.header("ETag"), etag);
    QVERIFY(notModified.header("Cache-Control").contains("max-age=86400"));
    // A list of tags and a weak tag match too; another tag does not.
    QCOMPARE(get(QStringLiteral("/media/goods/3/2.png"),
                 {{QByteArrayLiteral("If-None-Match"), "\"other\", W/" + etag}})
                 .status,
             304);
    const HttpReply changed = get(QStringLiteral("/media/goods/3/2.png"),
                                  {{QByteArrayLiteral("If-None-Match"), "\"g3-2-v0\""}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.body, first.body);
    const HttpReply otherPicture =
        get(QStringLiteral("/media/goods/3/1.png"), {{QByteArrayLiteral("If-None-Match"), etag}});
    QCOMPARE(otherPicture.status, 200);
}

void TstCatalog::categoryAndBannerPictures()
{
    const QJsonArray categories =
        get(QStringLiteral("/api/categories")).object().value(QLatin1String("items")).toArray();
    QSet<QByteArray> icons;
    for (const QJsonValue &category : categories) {
        const HttpReply icon =
            get(QUrl(category.toObject().value(QLatin1String("iconUrl")).toString()).path());
        QCOMPARE(icon.status, 200);
        QVERIFY(icon.body.startsWith(kPngMagic));
        QVERIFY(!QImage::fromData(icon.body, "PNG").isNull());
        icons.insert(icon.body);
        QVERIFY(icon.header("Cache-Control").contains("max-age=86400"));
        const HttpReply again =
            get(QUrl(category.toObject().value(QLatin1String("iconUrl")).toString()).path(),
                {{QByteArrayLiteral("If-None-Match"), icon.header("ETag")}});
        QCOMPARE(again.status, 304);
    }
    QCOMPARE(icons.size(), categories.size());

    const QJsonArray banners =
        get(QStringLiteral("/api/home")).object().value(QLatin1String("banners")).toArray();
    QSet<QByteArray> pictures;
    for (const QJsonValue &banner : banners) {
        const HttpReply png =
            get(QUrl(banner.toObject().value(QLatin1String("picUrl")).toString()).path());
        QCOMPARE(png.status, 200);
        QCOMPARE(QImage::fromData(png.body, "PNG").size(), QSize(960, 400));
        pictures.insert(png.body);
    }
    QCOMPARE(pictures.size(), banners.size());
}

void TstCatalog::unknownPicturesAre404_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("unknown goods") << "/media/goods/999999/0.png";
    QTest::newRow("index past gallery") << "/media/goods/1/99.png";
    QTest::newRow("negative index") << "/media/goods/1/-1.png";
    QTest::newRow("not a number") << "/media/goods/1/abc.png";
    QTest::newRow("leading zero") << "/media/goods/1/00.png";
    QTest::newRow("other type") << "/media/goods/1/0.jpg";
    QTest::newRow("goods id not a number") << "/media/goods/one/0.png";
    QTest::newRow("goods zero") << "/media/goods/0/0.png";
    QTest::newRow("unknown category") << "/media/categories/999.png";
    QTest::newRow("category not a number") << "/media/categories/x.png";
    QTest::newRow("unknown banner") << "/media/banners/999.png";
}

void TstCatalog::unknownPicturesAre404()
{
    QFETCH(QString, path);
    const HttpReply reply = get(path);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.code, QStringLiteral("NOT_FOUND"));
}

void TstCatalog::footprintsNewestFirst()
{
    const TestSession guest = guestLogin(*m_http, QStringLiteral("fp-device-1"));
    QVERIFY(guest.uid > 0);
    QVERIFY(footprintsOf(guest.accessToken).isEmpty());
    // Within one second: the order of the views still holds.
    view(13, guest.accessToken);
    view(11, guest.accessToken);
    view(12, guest.accessToken);
    QCOMPARE(idsOf(footprintsOf(guest.accessToken)), (QList<qint64>{12, 11, 13}));
    view(13, guest.accessToken);
    const HttpReply reply = m_http->get(QStringLiteral("/api/me/footprints"), guest.accessToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(QLatin1String("total")).toInteger(), 3);
    const QJsonArray items = reply.object().value(QLatin1String("items")).toArray();
    QCOMPARE(idsOf(items), (QList<qint64>{13, 12, 11}));
    for (const QJsonValue &value : items) {
        const QJsonObject goods = value.toObject();
        QString why;
        QVERIFY2(hasGoodsShape(goods, &why), qPrintable(why));
        QVERIFY(!goods.value(QLatin1String("name")).toString().isEmpty());
        QVERIFY(goods.value(QLatin1String("priceCents")).toInteger() > 0);
        QVERIFY(goods.value(QLatin1String("picUrl"))
                    .toString()
                    .endsWith(QStringLiteral("/media/goods/%1/0.png").arg(idOf(value))));
        QVERIFY(goods.value(QLatin1String("viewedAt")).toInteger() > 1600000000);
    }
    // A later view moves to the front.
    advanceClock(30);
    view(11, guest.accessToken);
    const QJsonArray after = footprintsOf(guest.accessToken);
    QCOMPARE(idsOf(after), (QList<qint64>{11, 13, 12}));
    QVERIFY(after[0].toObject().value(QLatin1String("viewedAt")).toInteger() >=
            after[1].toObject().value(QLatin1String("viewedAt")).toInteger() + 30);
    // Paged like every list.
    const HttpReply page2 =
        m_http->get(QStringLiteral("/api/me/footprints?size=2&page=2"), guest.accessToken);
    QCOMPARE(page2.object().value(QLatin1String("total")).toInteger(), 3);
    QCOMPARE(idsOf(page2.object().value(QLatin1String("items")).toArray()), QList<qint64>{12});
    QCOMPARE(m_http->get(QStringLiteral("/api/me/footprints?size=101"), guest.accessToken).status,
             400);
    // Another user's footprints are their own.
    const TestSession other = guestLogin(*m_http, QStringLiteral("fp-device-2"));
    QVERIFY(footprintsOf(other.accessToken).isEmpty());
}

void TstCatalog::footprintsNeedAValidToken()
{
    const TestSession guest = guestLogin(*m_http, QStringLiteral("fp-device-3"));
    QVERIFY(guest.uid > 0);
    const qint64 before = footprintRows();
    const int authFailures = m_http->get(QStringLiteral("/dev/stats"))
                                 .object()
                                 .value(QLatin1String("authFailures"))
                                 .toInt();

    // No token: the goods, no footprint.
    const HttpReply anonymous = get(QStringLiteral("/api/goods/20"));
    QCOMPARE(anonymous.status, 200);
    QCOMPARE(anonymous.object().value(QLatin1String("id")).toInteger(), 20);
    QCOMPARE(footprintRows(), before);

    // A bad token on the public catalog is no error: the goods, no footprint,
    // no auth failure counted.
    for (const QByteArray &bad :
         {QByteArray("garbage"), guest.accessToken.left(guest.accessToken.size() - 3) + "abc"}) {
        const HttpReply reply = m_http->get(QStringLiteral("/api/goods/21"), bad);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.code, QStringLiteral("OK"));
        QCOMPARE(reply.object().value(QLatin1String("id")).toInteger(), 21);
    }
    QCOMPARE(footprintRows(), before);
    QCOMPARE(m_http->get(QStringLiteral("/dev/stats"))
                 .object()
                 .value(QLatin1String("authFailures"))
                 .toInt(),
             authFailures);
    QVERIFY(footprintsOf(guest.accessToken).isEmpty());

    // A valid one leaves exactly one.
    view(22, guest.accessToken);
    QCOMPARE(footprintRows(), before + 1);
    QCOMPARE(idsOf(footprintsOf(guest.accessToken)), QList<qint64>{22});
    // A token whose session was logged out is no longer valid.
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/auth/logout"),
                        QJsonObject{{QLatin1String("refreshToken"),
                                     QString::fromLatin1(guest.refreshToken)}},
                        guest.accessToken)
                 .code,
             QStringLiteral("OK"));
    QCOMPARE(m_http->get(QStringLiteral("/api/goods/23"), guest.accessToken).status, 200);
    QCOMPARE(footprintRows(), before + 1);
    // Unknown goods leave nothing either.
    const TestSession again = guestLogin(*m_http, QStringLiteral("fp-device-4"));
    QCOMPARE(m_http->get(QStringLiteral("/api/goods/999999"), again.accessToken).status, 404);
    QCOMPARE(footprintRows(), before + 1);
}

void TstCatalog::footprintsListNeedsAToken()
{
    const HttpReply none = get(QStringLiteral("/api/me/footprints"));
    QCOMPARE(none.status, 401);
    QCOMPARE(none.code, QStringLiteral("AUTH_FAIL"));
    const HttpReply bad = m_http->get(QStringLiteral("/api/me/footprints"), "not-a-token");
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.code, QStringLiteral("AUTH_FAIL"));
}

void TstCatalog::footprintsKeptWhenGuestBindsPhone()
{
    const QString device = QStringLiteral("fp-device-5");
    const TestSession guest = guestLogin(*m_http, device);
    QVERIFY(guest.uid > 0);
    view(30, guest.accessToken);
    view(31, guest.accessToken);
    const HttpReply payload =
        m_http->post(QStringLiteral("/wx/getPhoneNumber"),
                     QJsonObject{{QLatin1String("deviceId"), device},
                                 {QLatin1String("phone"), QLatin1String("13900000031")}});
    const TestSession member = sessionFrom(
        m_http->post(
            QStringLiteral("/api/auth/bind-phone"),
            QJsonObject{{QLatin1String("encryptedData"),
                         payload.object().value(QLatin1String("encryptedData"))},
                        {QLatin1String("iv"), payload.object().value(QLatin1String("iv"))}},
            guest.accessToken),
        device);
    QCOMPARE(member.step, 2);
    QCOMPARE(member.uid, guest.uid);
    QCOMPARE(idsOf(footprintsOf(member.accessToken)), (QList<qint64>{31, 30}));
    view(32, member.accessToken);
    QCOMPARE(idsOf(footprintsOf(member.accessToken)), (QList<qint64>{32, 31, 30}));
}

void TstCatalog::footprintsAbsorbedByExistingMember()
{
    const QString phone = QStringLiteral("13900000041");
    const TestSession member = smsLogin(*m_http, phone);
    QCOMPARE(member.step, 2);
    const TestSession guest = guestLogin(*m_http, QStringLiteral("fp-device-6"));
    QVERIFY(guest.uid > 0 && guest.uid != member.uid);

    view(40, member.accessToken);
    view(41, member.accessToken);
    view(44, guest.accessToken);
    advanceClock(100);
    view(42, guest.accessToken);
    view(41, guest.accessToken); // the guest's view is the later one
    advanceClock(100);
    view(44, member.accessToken); // the member's view is the later one
    QCOMPARE(idsOf(footprintsOf(guest.accessToken)), (QList<qint64>{41, 42, 44}));

    // The guest logs in to the member's account (past the SMS cooldown).
    const TestSession joined = smsLogin(*m_http, phone, guest);
    QCOMPARE(joined.uid, member.uid);
    const QJsonArray items = footprintsOf(joined.accessToken);
    QCOMPARE(idsOf(items), (QList<qint64>{44, 41, 42, 40}));
    const auto viewedAt = [&items](int i) {
        return items[i].toObject().value(QLatin1String("viewedAt")).toInteger();
    };
    QVERIFY(viewedAt(0) >= viewedAt(1) + 100); // 44: the member's later view kept
    QVERIFY(viewedAt(1) >= viewedAt(3) + 100); // 41: the guest's later view kept
    QVERIFY(viewedAt(2) >= viewedAt(3) + 100);
    // Nothing left behind under the guest's uid, and no duplicates.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM footprints WHERE uid = ?"), {guest.uid})
                 .toInt(),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM footprints WHERE uid = ?"), {member.uid})
                 .toInt(),
             4);
    // The guest's own session was replaced by the login.
    QCOMPARE(m_http->get(QStringLiteral("/api/me/footprints"), guest.accessToken).status, 401);
}

QTEST_GUILESS_MAIN(TstCatalog)
#include "tst_catalog.moc"
