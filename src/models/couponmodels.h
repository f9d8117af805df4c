#pragma once

#include "remotelistmodel.h"

#include <QJSValue>

namespace mall::models {

// The coupon centre (public) and the member's own coupons.
class CouponListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool mine READ mine WRITE setMine NOTIFY mineChanged)

public:
    explicit CouponListModel(QObject *parent = nullptr);
    bool mine() const { return m_mine; }
    void setMine(bool mine);

    Q_INVOKABLE void claim(int couponId, const QJSValue &done = {});

signals:
    void mineChanged();

protected:
    QString path() const override;
    bool paged() const override { return false; }
    int requiredStep() const override { return m_mine ? 2 : 0; }
    QVariantMap decorate(const QJsonObject &item) const override;

private:
    bool m_mine = false;
};

} // namespace mall::models
