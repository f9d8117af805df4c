// The public catalog (home, categories, goods, reviews), the footprints a
// token leaves on it, and the pictures the catalog points at.

#include "catalogjson.h"
#include "goodspictures.h"
#include "loginflow.h"
#include "paging.h"
#include "pathid.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

#include <memory>

namespace mall::server {

using protocol::ErrorCode;

namespace {

// Longest search text; longer is a 400, not a silently shortened search.
constexpr int kMaxSearchLength = 64;
// Words in a search, each of which must match.
constexpr int kMaxSearchTerms = 8;
// Pictures are a function of the catalog row, so a day of caching is safe;
// bump the "-v1" in their ETags when the drawing changes.
constexpr QByteArrayView kPictureCacheControl = "public, max-age=86400";

ApiResponse notFound(const ApiRequest &request)
{
    return ApiResponse::error(ErrorCode::NotFound, request.text("商品不存在", "No such goods"));
}

ApiResponse noPicture(const ApiRequest &request)
{
    return ApiResponse::error(ErrorCode::NotFound, request.text("图片不存在", "No such picture"));
}

// "<n>.png" with n in canonical decimal form, so each picture has one URL.
std::optional<qint64> pngNumber(const QString &file)
{
    if (!file.endsWith(QLatin1String(".png")))
        return std::nullopt;
    const QString digits = file.chopped(4);
    if (digits == QLatin1String("0"))
        return 0;
    if (digits.startsWith(QLatin1Char('0')))
        return std::nullopt;
    return positiveId(digits);
}

// Query values fully decoded: a search for "%" arrives as "%25".
QString queryValue(const ApiRequest &request, const char *name)
{
    return request.query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

// Search text as HTML forms and `curl --data-urlencode` send it: '+' is a
// space there, and a literal plus arrives as %2B. (QUrlQuery alone keeps '+'.)
QString formValue(const ApiRequest &request, const char *name)
{
    QByteArray encoded =
        request.query.queryItemValue(QLatin1String(name), QUrl::FullyEncoded).toLatin1();
    encoded.replace('+', ' ');
    return QUrl::fromPercentEncoding(encoded);
}

// A LIKE pattern that matches `term` literally anywhere: the wildcards % and
// _ and the escape character itself are escaped (used with ESCAPE '\').
QString containsPattern(const QString &term)
{
    QString escaped;
    escaped.reserve(term.size() + 2);
    escaped += QLatin1Char('%');
    for (const QChar c : term) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    escaped += QLatin1Char('%');
    return escaped;
}

QString absoluteUrl(const QString &origin, const QString &url)
{
    return url.startsWith(QLatin1Char('/')) ? origin + url : url;
}

ApiResponse home(ServerContext &context, const ApiRequest &request)
{
    const QString origin = request.origin();
    QJsonArray banners;
    QSqlQuery bannerRows = context.db.exec(
        QStringLiteral("SELECT id, title, goods_id FROM banners ORDER BY sort, id"));
    while (bannerRows.next()) {
        const qint64 id = bannerRows.value(0).toLongLong();
        banners.append(QJsonObject{{QLatin1String("id"), id},
                                   {QLatin1String("title"), bannerRows.value(1).toString()},
                                   {QLatin1String("goodsId"), bannerRows.value(2).toLongLong()},
                                   {QLatin1String("picUrl"), bannerPictureUrl(origin, id)}});
    }
    QJsonArray categories;
    QSqlQuery categoryRows =
        context.db.exec(QStringLiteral("SELECT ") + categoryColumns() +
                        QStringLiteral(" FROM categories c WHERE c.parent_id IS NULL "
                                       "ORDER BY c.sort, c.id"));
    while (categoryRows.next())
        categories.append(categoryJson(categoryRows, request));
    QJsonArray featured;
    QSqlQuery goodsRows = context.db.exec(QStringLiteral("SELECT ") + goodsColumns() +
                                          QStringLiteral(" FROM goods g WHERE g.featured = 1 "
                                                         "ORDER BY g.id"));
    while (goodsRows.next())
        featured.append(goodsJson(goodsRows, origin));
    return ApiResponse::ok(QJsonObject{{QLatin1String("banners"), banners},
                                       {QLatin1String("categories"), categories},
                                       {QLatin1String("featured"), featured}});
}

ApiResponse categories(ServerContext &context, const ApiRequest &request)
{
    // Each top-level category, then its children: a client can build the
    // tree in one pass.
    QSqlQuery rows = context.db.exec(
        QStringLiteral("SELECT ") + categoryColumns() +
        QStringLiteral(" FROM categories c LEFT JOIN categories p ON p.id = c.parent_id "
                       "ORDER BY COALESCE(p.sort, c.sort), COALESCE(p.id, c.id), "
                       "c.parent_id IS NOT NULL, c.sort, c.id"));
    QJsonArray items;
    while (rows.next())
        items.append(categoryJson(rows, request));
    return ApiResponse::ok(QJsonObject{{QLatin1String("items"), items}});
}

ApiResponse goodsList(ServerContext &context, const ApiRequest &request)
{
    QString error;
    const std::optional<Paging> paging = readPaging(request, &error);
    if (!paging)
        return badRequest(request, error);

    QStringList conditions;
    QVariantList values;
    const QString categoryText = queryValue(request, "category");
    if (!categoryText.isEmpty()) {
        const std::optional<qint64> category = positiveId(categoryText);
        if (!category) {
            return badRequest(request, request.text("参数 category 必须是正整数",
                                                    "\"category\" must be a positive integer"));
        }
        // Two levels: a top-level category lists its children's goods too.
        // A well-formed id that names no category simply matches nothing.
        conditions << QStringLiteral("g.category_id IN "
                                     "(SELECT id FROM categories WHERE id = ? OR parent_id = ?)");
        values << *category << *category;
    }

    const QString search = formValue(request, "q").simplified();
    if (search.size() > kMaxSearchLength) {
        return badRequest(
            request,
            request.prefersEnglish()
                ? QStringLiteral("\"q\" must be at most %1 characters").arg(kMaxSearchLength)
                : QStringLiteral("参数 q 最多 %1 个字符").arg(kMaxSearchLength));
    }
    const QStringList terms = search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms.size() > kMaxSearchTerms) {
        return badRequest(
            request, request.prefersEnglish()
                         ? QStringLiteral("\"q\" may have at most %1 words").arg(kMaxSearchTerms)
                         : QStringLiteral("参数 q 最多 %1 个词").arg(kMaxSearchTerms));
    }
    for (const QString &term : terms) {
        conditions << QStringLiteral("(g.name LIKE ? ESCAPE '\\' OR g.brief LIKE ? ESCAPE '\\')");
        const QString pattern = containsPattern(term);
        values << pattern << pattern;
    }

    // The ORDER BY is one of these fixed texts, never built from the request;
    // id breaks ties so pages never overlap.
    const QString sort = queryValue(request, "sort");
    QString order;
    if (sort.isEmpty() || sort == QLatin1String("newest"))
        order = QStringLiteral("g.created_at DESC, g.id DESC");
    else if (sort == QLatin1String("price_asc"))
        order = QStringLiteral("g.price_cents ASC, g.id ASC");
    else if (sort == QLatin1String("price_desc"))
        order = QStringLiteral("g.price_cents DESC, g.id ASC");
    else if (sort == QLatin1String("sales"))
        order = QStringLiteral("g.sales DESC, g.id ASC");
    else {
        return badRequest(request,
                          request.text("参数 sort 只能是 newest、price_asc、price_desc 或 sales",
                                       "\"sort\" must be newest, price_asc, price_desc or sales"));
    }

    const QString where = conditions.isEmpty()
                              ? QString()
                              : QStringLiteral(" WHERE ") + conditions.join(QLatin1String(" AND "));
    QSqlQuery count =
        context.db.exec(QStringLiteral("SELECT COUNT(*) FROM goods g") + where, values);
    const qint64 total = count.next() ? count.value(0).toLongLong() : 0;

    QVariantList pageValues = values;
    pageValues << paging->size << paging->offset();
    QSqlQuery rows = context.db.exec(
        QStringLiteral("SELECT ") + goodsColumns() + QStringLiteral(" FROM goods g") + where +
            QStringLiteral(" ORDER BY ") + order + QStringLiteral(" LIMIT ? OFFSET ?"),
        pageValues);
    const QString origin = request.origin();
    QJsonArray items;
    while (rows.next())
        items.append(goodsJson(rows, origin));
    return ApiResponse::ok(pageJson(items, total, *paging));
}

// A view made with a valid token is remembered for that user. The catalog is
// public, so a missing or bad token is not an error here: it just leaves no
// footprint (and is not counted as an auth failure).
void recordFootprint(ServerContext &context, const ApiRequest &request, qint64 goodsId)
{
    const std::optional<Principal> principal = presentedPrincipal(context, request);
    if (!principal || !context.users.find(principal->uid))
        return;
    // REPLACE gives the row a new rowid, which orders views made within the
    // same second (see footprints()).
    context.db.exec(QStringLiteral("INSERT OR REPLACE INTO footprints (uid, goods_id, viewed_at) "
                                   "VALUES (?, ?, ?)"),
                    {principal->uid, goodsId, context.clock.now()});
}

ApiResponse goodsDetail(ServerContext &context, const ApiRequest &request)
{
    const std::optional<qint64> id = pathId(request);
    if (!id)
        return notFound(request);
    QSqlQuery row = context.db.exec(QStringLiteral("SELECT ") + goodsColumns() +
                                        QStringLiteral(" FROM goods g WHERE g.id = ?"),
                                    {*id});
    if (!row.next())
        return notFound(request);
    const QJsonObject goods = goodsJson(row, request.origin());
    recordFootprint(context, request, *id);
    return ApiResponse::ok(goods);
}

ApiResponse goodsReviews(ServerContext &context, const ApiRequest &request)
{
    const std::optional<qint64> id = pathId(request);
    if (!id ||
        !context.db.scalar(QStringLiteral("SELECT 1 FROM goods WHERE id = ?"), {*id}).isValid()) {
        return notFound(request);
    }
    QString error;
    const std::optional<Paging> paging = readPaging(request, &error);
    if (!paging)
        return badRequest(request, error);
    const qint64 total =
        context.db.scalar(QStringLiteral("SELECT COUNT(*) FROM reviews WHERE goods_id = ?"), {*id})
            .toLongLong();
    QSqlQuery rows = context.db.exec(
        QStringLiteral("SELECT id, goods_id, rating, text, nickname, avatar_url, created_at "
                       "FROM reviews WHERE goods_id = ? ORDER BY created_at DESC, id DESC "
                       "LIMIT ? OFFSET ?"),
        {*id, paging->size, paging->offset()});
    const QString origin = request.origin();
    QJsonArray items;
    while (rows.next()) {
        const QString avatar = rows.value(5).toString();
        items.append(QJsonObject{
            {QLatin1String("id"), rows.value(0).toLongLong()},
            {QLatin1String("goodsId"), rows.value(1).toLongLong()},
            {QLatin1String("rating"), rows.value(2).toInt()},
            {QLatin1String("text"), rows.value(3).toString()},
            {QLatin1String("nickname"), rows.value(4).toString()},
            // Avatars copied into this server are stored as paths.
            {QLatin1String("avatarUrl"),
             avatar.isEmpty() ? QJsonValue() : QJsonValue(absoluteUrl(origin, avatar))},
            {QLatin1String("createdAt"), rows.value(6).toLongLong()},
        });
    }
    return ApiResponse::ok(pageJson(items, total, *paging));
}

ApiResponse footprints(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const qint64 uid = authed.user.uid;
    QString error;
    const std::optional<Paging> paging = readPaging(request, &error);
    if (!paging)
        return badRequest(request, error);
    const qint64 total =
        context.db
            .scalar(QStringLiteral("SELECT COUNT(*) FROM footprints f "
                                   "JOIN goods g ON g.id = f.goods_id WHERE f.uid = ?"),
                    {uid})
            .toLongLong();
    QSqlQuery rows = context.db.exec(
        QStringLiteral("SELECT ") + goodsColumns() +
            QStringLiteral(", f.viewed_at FROM footprints f JOIN goods g ON g.id = f.goods_id "
                           "WHERE f.uid = ? ORDER BY f.viewed_at DESC, f.rowid DESC "
                           "LIMIT ? OFFSET ?"),
        {uid, paging->size, paging->offset()});
    const QString origin = request.origin();
    QJsonArray items;
    while (rows.next()) {
        QJsonObject goods = goodsJson(rows, origin);
        goods.insert(QLatin1String("viewedAt"), rows.value(kGoodsColumnCount).toLongLong());
        items.append(goods);
    }
    return ApiResponse::ok(pageJson(items, total, *paging));
}

// A picture with the caching rules of every generated picture; `png` is only
// called when the client does not hold the current one already.
ApiResponse picture(const ApiRequest &request, const QByteArray &etag,
                    const std::function<QByteArray()> &png)
{
    const QByteArray cacheControl = kPictureCacheControl.toByteArray();
    // A 304 repeats the validators and caching rules of the 200 (RFC 9110 15.4.5).
    if (etagMatches(request.header("If-None-Match"), etag)) {
        return ApiResponse::raw(304, {}, {})
            .withHeader("ETag", etag)
            .withHeader("Cache-Control", cacheControl);
    }
    return ApiResponse::raw(200, "image/png", png())
        .withHeader("ETag", etag)
        .withHeader("Cache-Control", cacheControl);
}

// The English names of a category and its parent (for its silhouette), from
// a query that selected them in columns `first` and `first + 1`.
ProductShape shapeFromRow(const QSqlQuery &row, int first)
{
    return shapeForCategory(row.value(first).toString(), row.value(first + 1).toString());
}

ApiResponse goodsPicture(ServerContext &context, GoodsPictures &pictures, const ApiRequest &request)
{
    const std::optional<qint64> id = pathId(request);
    const std::optional<qint64> index = pngNumber(request.pathParam(QStringLiteral("file")));
    if (!id || !index)
        return noPicture(request);
    QSqlQuery row = context.db.exec(
        QStringLiteral("SELECT g.gallery_size, c.name_en, p.name_en FROM goods g "
                       "JOIN categories c ON c.id = g.category_id "
                       "LEFT JOIN categories p ON p.id = c.parent_id WHERE g.id = ?"),
        {*id});
    if (!row.next() || *index >= row.value(0).toLongLong())
        return noPicture(request);
    const ProductShape shape = shapeFromRow(row, 1);
    const QByteArray etag =
        "\"g" + QByteArray::number(*id) + '-' + QByteArray::number(*index) + "-v1\"";
    return picture(request, etag, [&] { return pictures.goods(*id, int(*index), shape); });
}

ApiResponse categoryIcon(ServerContext &context, GoodsPictures &pictures, const ApiRequest &request)
{
    const std::optional<qint64> id = pngNumber(request.pathParam(QStringLiteral("file")));
    if (!id)
        return noPicture(request);
    QSqlQuery row = context.db.exec(
        QStringLiteral("SELECT c.name_en, p.name_en FROM categories c "
                       "LEFT JOIN categories p ON p.id = c.parent_id WHERE c.id = ?"),
        {*id});
    if (!row.next())
        return noPicture(request);
    const ProductShape shape = shapeFromRow(row, 0);
    const QByteArray etag = "\"c" + QByteArray::number(*id) + "-v1\"";
    return picture(request, etag, [&] { return pictures.category(*id, shape); });
}

ApiResponse bannerPicture(ServerContext &context, GoodsPictures &pictures,
                          const ApiRequest &request)
{
    const std::optional<qint64> id = pngNumber(request.pathParam(QStringLiteral("file")));
    if (!id)
        return noPicture(request);
    QSqlQuery row = context.db.exec(
        QStringLiteral("SELECT b.goods_id, c.name_en, p.name_en FROM banners b "
                       "JOIN goods g ON g.id = b.goods_id "
                       "JOIN categories c ON c.id = g.category_id "
                       "LEFT JOIN categories p ON p.id = c.parent_id WHERE b.id = ?"),
        {*id});
    if (!row.next())
        return noPicture(request);
    const qint64 goodsId = row.value(0).toLongLong();
    const ProductShape shape = shapeFromRow(row, 1);
    // The banner shows its goods, so the tag names both.
    const QByteArray etag =
        "\"b" + QByteArray::number(*id) + '-' + QByteArray::number(goodsId) + "-v1\"";
    return picture(request, etag, [&] { return pictures.banner(*id, goodsId, shape); });
}

} // namespace

void registerCatalogRoutes(Router &router, ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/home"), withContext(context, home));
    router.add("GET", QStringLiteral("/api/categories"), withContext(context, categories));
    router.add("GET", QStringLiteral("/api/goods"), withContext(context, goodsList));
    router.add("GET", QStringLiteral("/api/goods/{id}"), withContext(context, goodsDetail));
    router.add("GET", QStringLiteral("/api/goods/{id}/reviews"),
               withContext(context, goodsReviews));
    router.add("GET", QStringLiteral("/api/me/footprints"), withUser(context, 1, footprints));

    // One picture cache per server, shared by the media routes and living as
    // long as the router that holds them.
    const auto pictures = std::make_shared<GoodsPictures>();
    const auto withPictures = [&context, pictures](auto handler) {
        return [&context, pictures, handler](const ApiRequest &request) {
            return handler(context, *pictures, request);
        };
    };
    router.add("GET", QStringLiteral("/media/goods/{id}/{file}"), withPictures(goodsPicture));
    router.add("GET", QStringLiteral("/media/categories/{file}"), withPictures(categoryIcon));
    router.add("GET", QStringLiteral("/media/banners/{file}"), withPictures(bannerPicture));
}

} // namespace mall::server
