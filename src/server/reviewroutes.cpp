#include "bodyreader.h"
#include "loginflow.h"
#include "pathid.h"
#include "requestauth.h"
#include "routes.h"

#include <QJsonObject>

namespace mall::server {

using protocol::ErrorCode;

namespace {

constexpr qsizetype kMaxReviewChars = 500;

ApiResponse noSuchGoods(const ApiRequest &request)
{
    return ApiResponse::error(ErrorCode::NotFound, request.text("商品不存在", "No such goods"));
}

ApiResponse addReview(ServerContext &context, const ApiRequest &request, const AuthedUser &authed)
{
    const User &user = authed.user;

    // A path id that cannot name a goods is 404 before the body is read, as
    // everywhere else.
    const std::optional<qint64> goodsId = pathId(request);
    if (!goodsId)
        return noSuchGoods(request);

    BodyReader body(request.body);
    const qint64 rating = body.integer("rating");
    // A loose bound on the raw text here; the real limit, in characters of
    // the trimmed text, follows.
    const QString text = body.string("text", 16 * int(kMaxReviewChars)).trimmed();
    if (!body.ok())
        return badRequest(request, body.error());
    if (rating < 1 || rating > 5)
        return badRequest(request, QStringLiteral("field \"rating\" must be 1 to 5"));
    // Characters as people count them: code points, so 500 emoji are 500.
    const qsizetype characters = text.toUcs4().size();
    if (characters < 1 || characters > kMaxReviewChars) {
        return badRequest(request,
                          QStringLiteral("field \"text\" must be 1 to %1 characters (not blank)")
                              .arg(kMaxReviewChars));
    }

    Transaction transaction(context.db);
    if (!context.db.scalar(QStringLiteral("SELECT 1 FROM goods WHERE id = ?"), {*goodsId})
             .isValid())
        return noSuchGoods(request);
    // One review per user and goods keeps a product's rating from being
    // stacked by one account.
    if (context.db
            .scalar(QStringLiteral("SELECT 1 FROM reviews WHERE goods_id = ? AND uid = ?"),
                    {*goodsId, user.uid})
            .isValid()) {
        return ApiResponse::error(
            ErrorCode::Conflict,
            request.text("你已经评价过这件商品", "You have already reviewed this goods"));
    }
    // The author's nickname and avatar as they are now: a review keeps what
    // it was written under. The avatar is stored server-relative, like
    // users.avatar_url, and made absolute for the answer.
    const qint64 now = context.clock.now();
    const qint64 id =
        context.db
            .exec(QStringLiteral("INSERT INTO reviews (goods_id, uid, rating, text, nickname, "
                                 "avatar_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                  {*goodsId, user.uid, rating, text, user.nickname,
                   user.avatarPath.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                             : QVariant(user.avatarPath),
                   now})
            .lastInsertId()
            .toLongLong();
    transaction.commit();
    const QJsonValue avatarUrl = user.toJson(request.origin()).value(QLatin1String("avatarUrl"));
    return ApiResponse::ok(QJsonObject{{QLatin1String("id"), id},
                                       {QLatin1String("goodsId"), *goodsId},
                                       {QLatin1String("rating"), rating},
                                       {QLatin1String("text"), text},
                                       {QLatin1String("nickname"), user.nickname},
                                       {QLatin1String("avatarUrl"), avatarUrl},
                                       {QLatin1String("createdAt"), now}});
}

} // namespace

void registerReviewRoutes(Router &router, ServerContext &context)
{
    // A review shows the author's nickname and avatar, so it needs the
    // authorized profile (step 3), not just a phone.
    router.add("POST", QStringLiteral("/api/goods/{id}/reviews"), withUser(context, 3, addReview));
}

} // namespace mall::server
