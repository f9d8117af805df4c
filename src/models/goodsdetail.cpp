#include "goodsdetail.h"

#include "appcontroller.h"

#include <QJsonArray>

namespace mall::models {

GoodsDetail::GoodsDetail(QObject *parent)
    : RemoteObject(parent)
{
    if (AppController *controller = app()) {
        connect(controller, &AppController::userChanged, this, &GoodsDetail::checkFavorite);
        connect(controller, &AppController::favoritesChanged, this, &GoodsDetail::checkFavorite);
    }
}

void GoodsDetail::setGoodsId(int id)
{
    if (id == m_goodsId)
        return;
    m_goodsId = id;
    emit goodsIdChanged();
    reload();
}

QString GoodsDetail::path() const
{
    return m_goodsId > 0 ? QStringLiteral("/api/goods/%1").arg(m_goodsId) : QString();
}

void GoodsDetail::take(const QJsonObject &)
{
    checkFavorite();
}

QString GoodsDetail::name() const
{
    return json().value(QLatin1String("name")).toString();
}

QString GoodsDetail::brief() const
{
    return json().value(QLatin1String("brief")).toString();
}

QString GoodsDetail::priceText() const
{
    return app() && loaded()
               ? app()->formatPrice(json().value(QLatin1String("priceCents")).toInteger())
               : QString();
}

int GoodsDetail::stock() const
{
    return json().value(QLatin1String("stock")).toInt();
}

int GoodsDetail::sales() const
{
    return json().value(QLatin1String("sales")).toInt();
}

QStringList GoodsDetail::gallery() const
{
    QStringList urls;
    for (const QJsonValue &url : json().value(QLatin1String("gallery")).toArray())
        urls.append(url.toString());
    if (urls.isEmpty() && json().contains(QLatin1String("picUrl")))
        urls.append(json().value(QLatin1String("picUrl")).toString());
    return urls;
}

QVariantList GoodsDetail::specs() const
{
    QVariantList list;
    const QJsonObject specs = json().value(QLatin1String("specs")).toObject();
    for (auto it = specs.begin(); it != specs.end(); ++it) {
        QVariantList values;
        if (it.value().isArray()) {
            for (const QJsonValue &value : it.value().toArray())
                values.append(value.toVariant());
        } else {
            values.append(it.value().toVariant());
        }
        list.append(
            QVariantMap{{QStringLiteral("name"), it.key()}, {QStringLiteral("values"), values}});
    }
    return list;
}

void GoodsDetail::checkFavorite()
{
    // Only members have favorites; look for this goods among them.
    if (!app() || app()->authStep() < 2 || m_goodsId <= 0) {
        if (m_favorite) {
            m_favorite = false;
            emit favoriteChanged();
        }
        return;
    }
    const int wanted = m_goodsId;
    app()->api().get(
        QStringLiteral("/api/favorites?page=1&size=100"),
        [this, wanted](const api::ApiResult &result) {
            if (!result.ok() || wanted != m_goodsId)
                return;
            bool found = false;
            for (const QJsonValue &item : result.object().value(QLatin1String("items")).toArray()) {
                found = found || item.toObject().value(QLatin1String("id")).toInt() == wanted;
            }
            if (found != m_favorite) {
                m_favorite = found;
                emit favoriteChanged();
            }
        });
}

void GoodsDetail::addToCart(int quantity, const QJSValue &done)
{
    app()->act(
        "POST", QStringLiteral("/api/cart"),
        QJsonObject{{QLatin1String("goodsId"), m_goodsId}, {QLatin1String("quantity"), quantity}},
        done, [this](const api::ApiResult &result) {
            if (result.ok())
                emit app()->cartChanged();
        });
}

void GoodsDetail::setFavorite(bool favorite, const QJSValue &done)
{
    app()->act(favorite ? "PUT" : "DELETE", QStringLiteral("/api/favorites/%1").arg(m_goodsId), {},
               done, [this, favorite](const api::ApiResult &result) {
                   if (!result.ok())
                       return;
                   m_favorite = favorite;
                   emit favoriteChanged();
                   emit app()->favoritesChanged();
               });
}

void GoodsDetail::postReview(int rating, const QString &text, const QJSValue &done)
{
    app()->act("POST", QStringLiteral("/api/goods/%1/reviews").arg(m_goodsId),
               QJsonObject{{QLatin1String("rating"), rating}, {QLatin1String("text"), text}}, done,
               [this](const api::ApiResult &result) {
                   if (result.ok())
                       emit reviewPosted();
               });
}

HomeFeed::HomeFeed(QObject *parent)
    : RemoteObject(parent)
{}

QVariantList HomeFeed::banners() const
{
    return json().value(QLatin1String("banners")).toArray().toVariantList();
}

QVariantList HomeFeed::categories() const
{
    return json().value(QLatin1String("categories")).toArray().toVariantList();
}

QVariantList HomeFeed::featured() const
{
    QVariantList goods;
    for (const QJsonValue &item : json().value(QLatin1String("featured")).toArray()) {
        QVariantMap row = item.toObject().toVariantMap();
        row.insert(
            QStringLiteral("priceText"),
            app()->formatPrice(item.toObject().value(QLatin1String("priceCents")).toInteger()));
        goods.append(row);
    }
    return goods;
}

} // namespace mall::models
