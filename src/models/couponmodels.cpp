#include "couponmodels.h"

#include "appcontroller.h"

#include <QDateTime>

namespace mall::models {

CouponListModel::CouponListModel(QObject *parent)
    : RemoteListModel({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("discountText"),
                       QStringLiteral("conditionText"), QStringLiteral("remaining"),
                       QStringLiteral("validText"), QStringLiteral("status"),
                       QStringLiteral("usable")},
                      parent)
{}

void CouponListModel::setMine(bool mine)
{
    if (mine == m_mine)
        return;
    m_mine = mine;
    emit mineChanged();
    invalidate();
}

QString CouponListModel::path() const
{
    return m_mine ? QStringLiteral("/api/me/coupons") : QStringLiteral("/api/coupons");
}

QVariantMap CouponListModel::decorate(const QJsonObject &item) const
{
    QVariantMap row = item.toVariantMap();
    const qint64 minSpend = item.value(QLatin1String("minSpendCents")).toInteger();
    row.insert(QStringLiteral("discountText"),
               app()->formatPrice(item.value(QLatin1String("discountCents")).toInteger()));
    row.insert(QStringLiteral("conditionText"),
               minSpend > 0 ? tr("满 %1 可用").arg(app()->formatPrice(minSpend)) : tr("无门槛"));
    row.insert(
        QStringLiteral("validText"),
        tr("有效期至 %1")
            .arg(QDateTime::fromSecsSinceEpoch(item.value(QLatin1String("validUntil")).toInteger())
                     .toString(QStringLiteral("yyyy-MM-dd"))));
    const QString status = item.value(QLatin1String("status")).toString();
    row.insert(QStringLiteral("usable"), !m_mine || status == QLatin1String("unused"));
    return row;
}

void CouponListModel::claim(int couponId, const QJSValue &done)
{
    app()->act("POST", QStringLiteral("/api/coupons/%1/claim").arg(couponId), {}, done,
               [this](const api::ApiResult &result) {
                   if (result.ok())
                       reload(); // remaining changes
               });
}

} // namespace mall::models
