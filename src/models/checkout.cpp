#include "checkout.h"

#include "appcontroller.h"

#include <QJsonArray>
#include <QUuid>

namespace mall::models {

Checkout::Checkout(QObject *parent)
    : QObject(parent)
    , m_idempotencyKey(QUuid::createUuid().toByteArray(QUuid::WithoutBraces))
{}

AppController *Checkout::app() const
{
    return AppController::instance();
}

void Checkout::componentComplete()
{
    m_complete = true;
    reload();
}

void Checkout::reload()
{
    if (!m_complete || !app())
        return;
    loadItems();
    loadAddress();
}

void Checkout::setFromCart(bool fromCart)
{
    if (fromCart == m_fromCart)
        return;
    m_fromCart = fromCart;
    emit inputChanged();
    reload();
}

void Checkout::setGoodsId(int id)
{
    if (id == m_goodsId)
        return;
    m_goodsId = id;
    emit inputChanged();
    reload();
}

void Checkout::setQuantity(int quantity)
{
    if (quantity == m_quantity || quantity < 1)
        return;
    m_quantity = quantity;
    emit inputChanged();
    reload();
}

void Checkout::setAddress(const QVariantMap &address)
{
    m_address = address;
    emit changed();
}

void Checkout::setCouponId(int id)
{
    m_couponId = id;
    emit changed();
}

qint64 Checkout::totalCents() const
{
    qint64 total = 0;
    for (const QVariant &item : m_items) {
        const QVariantMap line = item.toMap();
        total += line.value(QStringLiteral("priceCents")).toLongLong() *
                 line.value(QStringLiteral("quantity")).toLongLong();
    }
    return total;
}

qint64 Checkout::discountCents() const
{
    for (const QVariant &coupon : m_coupons) {
        const QVariantMap c = coupon.toMap();
        if (c.value(QStringLiteral("id")).toInt() == m_couponId)
            return std::min(c.value(QStringLiteral("discountCents")).toLongLong(), totalCents());
    }
    return 0;
}

QString Checkout::totalText() const
{
    return app() ? app()->formatPrice(totalCents()) : QString();
}

QString Checkout::discountText() const
{
    return app() ? QStringLiteral("-") + app()->formatPrice(discountCents()) : QString();
}

QString Checkout::payText() const
{
    return app() ? app()->formatPrice(totalCents() - discountCents()) : QString();
}

bool Checkout::isReady() const
{
    return !m_items.isEmpty() && m_address.value(QStringLiteral("id")).toInt() > 0 && !m_submitting;
}

void Checkout::loadItems()
{
    const auto withPrices = [this](QVariantList items) {
        for (QVariant &item : items) {
            QVariantMap line = item.toMap();
            line.insert(QStringLiteral("priceText"),
                        app()->formatPrice(line.value(QStringLiteral("priceCents")).toLongLong()));
            item = line;
        }
        m_items = items;
        emit changed();
        loadCoupons();
    };
    if (m_fromCart) {
        app()->api().get(QStringLiteral("/api/cart"), [this,
                                                       withPrices](const api::ApiResult &result) {
            app()->reportFailure(result);
            if (result.ok())
                withPrices(result.object().value(QLatin1String("items")).toArray().toVariantList());
        });
    } else if (m_goodsId > 0) {
        app()->api().get(QStringLiteral("/api/goods/%1").arg(m_goodsId),
                         [this, withPrices](const api::ApiResult &result) {
                             app()->reportFailure(result);
                             if (!result.ok())
                                 return;
                             QVariantMap line = result.object().toVariantMap();
                             line.insert(QStringLiteral("goodsId"), m_goodsId);
                             line.insert(QStringLiteral("quantity"), m_quantity);
                             withPrices({line});
                         });
    }
}

void Checkout::loadAddress()
{
    app()->api().get(QStringLiteral("/api/addresses"), [this](const api::ApiResult &result) {
        if (!result.ok() || m_address.value(QStringLiteral("id")).toInt() > 0)
            return;
        const QJsonArray addresses = result.object().value(QLatin1String("items")).toArray();
        for (const QJsonValue &address : addresses) {
            if (address.toObject().value(QLatin1String("isDefault")).toBool()) {
                setAddress(address.toObject().toVariantMap());
                return;
            }
        }
        if (!addresses.isEmpty())
            setAddress(addresses.first().toObject().toVariantMap());
    });
}

void Checkout::loadCoupons()
{
    // The member's unused coupons this order reaches; the biggest is chosen.
    app()->api().get(QStringLiteral("/api/me/coupons"), [this](const api::ApiResult &result) {
        if (!result.ok())
            return;
        m_coupons.clear();
        int best = 0;
        qint64 bestDiscount = 0;
        for (const QJsonValue &value : result.object().value(QLatin1String("items")).toArray()) {
            const QJsonObject coupon = value.toObject();
            if (coupon.value(QLatin1String("status")).toString() != QLatin1String("unused") ||
                coupon.value(QLatin1String("minSpendCents")).toInteger() > totalCents()) {
                continue;
            }
            QVariantMap row = coupon.toVariantMap();
            row.insert(
                QStringLiteral("discountText"),
                app()->formatPrice(coupon.value(QLatin1String("discountCents")).toInteger()));
            m_coupons.append(row);
            if (coupon.value(QLatin1String("discountCents")).toInteger() > bestDiscount) {
                bestDiscount = coupon.value(QLatin1String("discountCents")).toInteger();
                best = coupon.value(QLatin1String("id")).toInt();
            }
        }
        m_couponId = best;
        emit changed();
    });
}

void Checkout::submit(const QJSValue &done)
{
    if (m_submitting || !isReady())
        return;
    QJsonObject body{{QLatin1String("addressId"), m_address.value(QStringLiteral("id")).toInt()}};
    if (m_fromCart) {
        body.insert(QLatin1String("fromCart"), true);
    } else {
        body.insert(QLatin1String("items"),
                    QJsonArray{QJsonObject{{QLatin1String("goodsId"), m_goodsId},
                                           {QLatin1String("quantity"), m_quantity}}});
    }
    if (m_couponId > 0)
        body.insert(QLatin1String("couponId"), m_couponId);
    m_submitting = true;
    emit changed();
    api::CallOptions options;
    options.idempotencyKey = m_idempotencyKey;
    app()->act(
        "POST", QStringLiteral("/api/orders"), body, done,
        [this](const api::ApiResult &result) {
            m_submitting = false;
            emit changed();
            if (!result.ok())
                return;
            emit app()->ordersChanged();
            if (m_fromCart)
                emit app()->cartChanged();
            emit ordered(result.object().value(QLatin1String("id")).toInt());
        },
        options);
}

} // namespace mall::models
