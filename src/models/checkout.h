#pragma once

#include "api/apiresult.h"

#include <QJSValue>
#include <QObject>
#include <QQmlParserStatus>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace mall::models {

class AppController;

// The checkout page: what is bought (the cart, or one goods bought now), the
// address, the best usable coupon, the totals, and the order. One checkout is
// one Idempotency-Key, so pressing "submit" again, or a retry after a lost
// answer, can never order twice.
class Checkout : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(bool fromCart READ fromCart WRITE setFromCart NOTIFY inputChanged)
    Q_PROPERTY(int goodsId READ goodsId WRITE setGoodsId NOTIFY inputChanged)
    Q_PROPERTY(int quantity READ quantity WRITE setQuantity NOTIFY inputChanged)
    Q_PROPERTY(QVariantList items READ items NOTIFY changed)
    Q_PROPERTY(QVariantMap address READ address WRITE setAddress NOTIFY changed)
    Q_PROPERTY(QVariantList coupons READ coupons NOTIFY changed)
    Q_PROPERTY(int couponId READ couponId WRITE setCouponId NOTIFY changed)
    Q_PROPERTY(QString totalText READ totalText NOTIFY changed)
    Q_PROPERTY(QString discountText READ discountText NOTIFY changed)
    Q_PROPERTY(QString payText READ payText NOTIFY changed)
    Q_PROPERTY(bool submitting READ submitting NOTIFY changed)
    Q_PROPERTY(bool ready READ isReady NOTIFY changed)

public:
    explicit Checkout(QObject *parent = nullptr);

    bool fromCart() const { return m_fromCart; }
    void setFromCart(bool fromCart);
    int goodsId() const { return m_goodsId; }
    void setGoodsId(int id);
    int quantity() const { return m_quantity; }
    void setQuantity(int quantity);
    QVariantList items() const { return m_items; }
    QVariantMap address() const { return m_address; }
    void setAddress(const QVariantMap &address);
    QVariantList coupons() const { return m_coupons; }
    int couponId() const { return m_couponId; }
    void setCouponId(int id);
    QString totalText() const;
    QString discountText() const;
    QString payText() const;
    bool submitting() const { return m_submitting; }
    bool isReady() const;

    // done({ok, code, message, data: Order})
    Q_INVOKABLE void submit(const QJSValue &done = {});
    Q_INVOKABLE void reload();

    void classBegin() override {}
    void componentComplete() override;

signals:
    void inputChanged();
    void changed();
    void ordered(int orderId);

private:
    AppController *app() const;
    qint64 totalCents() const;
    qint64 discountCents() const;
    void loadItems();
    void loadAddress();
    void loadCoupons();

    bool m_complete = false;
    bool m_fromCart = false;
    int m_goodsId = 0;
    int m_quantity = 1;
    QVariantList m_items;
    QVariantMap m_address;
    QVariantList m_coupons;
    int m_couponId = 0;
    bool m_submitting = false;
    QByteArray m_idempotencyKey;
};

} // namespace mall::models
