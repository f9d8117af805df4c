#include "cartmodel.h"

#include "appcontroller.h"

#include <QPointer>

namespace mall::models {

CartModel::CartModel(QObject *parent)
    : RemoteListModel({QStringLiteral("id"), QStringLiteral("goodsId"), QStringLiteral("name"),
                       QStringLiteral("picUrl"), QStringLiteral("priceCents"),
                       QStringLiteral("priceText"), QStringLiteral("quantity")},
                      parent)
{
    // Another page adding to the cart shows up here too.
    if (AppController *controller = app())
        connect(controller, &AppController::cartChanged, this, &CartModel::reload);
}

QString CartModel::totalText() const
{
    return app() ? app()->formatPrice(m_totalCents) : QString();
}

int CartModel::quantity() const
{
    int sum = 0;
    for (const QVariantMap &item : items())
        sum += item.value(QStringLiteral("quantity")).toInt();
    return sum;
}

QVariantMap CartModel::decorate(const QJsonObject &item) const
{
    QVariantMap row = item.toVariantMap();
    row.insert(QStringLiteral("priceText"),
               app()->formatPrice(item.value(QLatin1String("priceCents")).toInteger()));
    return row;
}

void CartModel::onAnswer(const QJsonObject &data)
{
    m_totalCents = data.value(QLatin1String("totalCents")).toInteger();
}

void CartModel::add(int goodsId, int quantity, const QJSValue &done)
{
    app()->act(
        "POST", QStringLiteral("/api/cart"),
        QJsonObject{{QLatin1String("goodsId"), goodsId}, {QLatin1String("quantity"), quantity}},
        done, [this](const api::ApiResult &result) {
            if (result.ok())
                emit app()->cartChanged();
        });
}

void CartModel::setQuantity(int itemId, int quantity, const QJSValue &done)
{
    app()->act("PATCH", QStringLiteral("/api/cart/%1").arg(itemId),
               QJsonObject{{QLatin1String("quantity"), quantity}}, done,
               [this](const api::ApiResult &) { emit app()->cartChanged(); });
}

void CartModel::remove(int itemId, const QJSValue &done)
{
    QVariantMap line;
    for (const QVariantMap &item : items()) {
        if (item.value(QStringLiteral("id")).toInt() == itemId)
            line = item;
    }
    app()->act("DELETE", QStringLiteral("/api/cart/%1").arg(itemId), {}, done,
               [self = QPointer<CartModel>(this), line](const api::ApiResult &result) {
                   if (self && result.ok() && !line.isEmpty()) {
                       emit self->lineRemoved(line.value(QStringLiteral("name")).toString(),
                                              line.value(QStringLiteral("goodsId")).toInt(),
                                              line.value(QStringLiteral("quantity")).toInt());
                   }
                   if (AppController *controller = AppController::instance())
                       emit controller->cartChanged();
               });
}

} // namespace mall::models
