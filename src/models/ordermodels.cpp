#include "ordermodels.h"

#include "appcontroller.h"

#include <QDateTime>
#include <QJsonArray>

namespace mall::models {

OrderListModel::OrderListModel(QObject *parent)
    : RemoteListModel({QStringLiteral("id"), QStringLiteral("status"), QStringLiteral("statusText"),
                       QStringLiteral("payText"), QStringLiteral("summary"),
                       QStringLiteral("dateText"), QStringLiteral("firstGoodsId")},
                      parent)
{
    if (AppController *controller = app())
        connect(controller, &AppController::ordersChanged, this, &OrderListModel::reload);
}

void OrderListModel::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged();
    invalidate();
}

QUrlQuery OrderListModel::query() const
{
    QUrlQuery query;
    if (!m_status.isEmpty())
        query.addQueryItem(QStringLiteral("status"), m_status);
    return query;
}

QString OrderListModel::statusText(const QString &status)
{
    if (status == QLatin1String("created"))
        return tr("待付款");
    if (status == QLatin1String("paid"))
        return tr("待发货");
    if (status == QLatin1String("shipped"))
        return tr("待收货");
    if (status == QLatin1String("done"))
        return tr("已完成");
    if (status == QLatin1String("cancelled"))
        return tr("已取消");
    return status;
}

QVariantMap OrderListModel::decorate(const QJsonObject &item) const
{
    QVariantMap row = item.toVariantMap();
    const QJsonArray goods = item.value(QLatin1String("items")).toArray();
    int count = 0;
    for (const QJsonValue &line : goods)
        count += line.toObject().value(QLatin1String("quantity")).toInt();
    const QString first = goods.isEmpty()
                              ? QString()
                              : goods.first().toObject().value(QLatin1String("name")).toString();
    row.insert(QStringLiteral("summary"), goods.size() > 1 ? tr("%1 等 %2 件").arg(first).arg(count)
                                                           : tr("%1 × %2").arg(first).arg(count));
    row.insert(QStringLiteral("firstGoodsId"),
               goods.isEmpty() ? 0
                               : goods.first().toObject().value(QLatin1String("goodsId")).toInt());
    row.insert(QStringLiteral("statusText"),
               statusText(item.value(QLatin1String("status")).toString()));
    row.insert(QStringLiteral("payText"),
               app()->formatPrice(item.value(QLatin1String("payCents")).toInteger()));
    row.insert(QStringLiteral("dateText"),
               QDateTime::fromSecsSinceEpoch(item.value(QLatin1String("createdAt")).toInteger())
                   .toString(QStringLiteral("yyyy-MM-dd hh:mm")));
    return row;
}

void OrderListModel::pay(int orderId, const QJSValue &done)
{
    app()->act("POST", QStringLiteral("/api/orders/%1/pay").arg(orderId), {}, done,
               [this](const api::ApiResult &) { emit app()->ordersChanged(); });
}

void OrderListModel::cancel(int orderId, const QJSValue &done)
{
    app()->act("POST", QStringLiteral("/api/orders/%1/cancel").arg(orderId), {}, done,
               [this](const api::ApiResult &) { emit app()->ordersChanged(); });
}

OrderDetail::OrderDetail(QObject *parent)
    : RemoteObject(parent)
{
    if (AppController *controller = app())
        connect(controller, &AppController::ordersChanged, this, &OrderDetail::reload);
}

void OrderDetail::setOrderId(int id)
{
    if (id == m_orderId)
        return;
    m_orderId = id;
    emit orderIdChanged();
    reload();
}

QString OrderDetail::path() const
{
    return m_orderId > 0 ? QStringLiteral("/api/orders/%1").arg(m_orderId) : QString();
}

QString OrderDetail::status() const
{
    return json().value(QLatin1String("status")).toString();
}

QString OrderDetail::statusText() const
{
    return OrderListModel::statusText(status());
}

QVariantList OrderDetail::items() const
{
    QVariantList lines;
    for (const QJsonValue &value : json().value(QLatin1String("items")).toArray()) {
        QVariantMap line = value.toObject().toVariantMap();
        line.insert(
            QStringLiteral("priceText"),
            app()->formatPrice(value.toObject().value(QLatin1String("priceCents")).toInteger()));
        lines.append(line);
    }
    return lines;
}

QVariantMap OrderDetail::address() const
{
    return json().value(QLatin1String("address")).toObject().toVariantMap();
}

QString OrderDetail::money(const char *field) const
{
    return app() && loaded() ? app()->formatPrice(json().value(QLatin1String(field)).toInteger())
                             : QString();
}

QString OrderDetail::totalText() const
{
    return money("totalCents");
}

QString OrderDetail::discountText() const
{
    return QStringLiteral("-") + money("discountCents");
}

QString OrderDetail::payText() const
{
    return money("payCents");
}

QString OrderDetail::dateText() const
{
    return QDateTime::fromSecsSinceEpoch(json().value(QLatin1String("createdAt")).toInteger())
        .toString(QStringLiteral("yyyy-MM-dd hh:mm"));
}

void OrderDetail::pay(const QJSValue &done)
{
    app()->act("POST", QStringLiteral("/api/orders/%1/pay").arg(m_orderId), {}, done,
               [this](const api::ApiResult &) { emit app()->ordersChanged(); });
}

void OrderDetail::cancel(const QJSValue &done)
{
    app()->act("POST", QStringLiteral("/api/orders/%1/cancel").arg(m_orderId), {}, done,
               [this](const api::ApiResult &) { emit app()->ordersChanged(); });
}

} // namespace mall::models
