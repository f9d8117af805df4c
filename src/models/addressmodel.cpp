#include "addressmodel.h"

#include "appcontroller.h"

namespace mall::models {

AddressListModel::AddressListModel(QObject *parent)
    : RemoteListModel({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("phone"),
                       QStringLiteral("region"), QStringLiteral("detail"),
                       QStringLiteral("isDefault"), QStringLiteral("fullText")},
                      parent)
{}

QVariantMap AddressListModel::decorate(const QJsonObject &item) const
{
    QVariantMap row = item.toVariantMap();
    row.insert(QStringLiteral("fullText"), item.value(QLatin1String("region")).toString() +
                                               QLatin1Char(' ') +
                                               item.value(QLatin1String("detail")).toString());
    return row;
}

void AddressListModel::save(const QVariantMap &address, const QJSValue &done)
{
    QJsonObject body = QJsonObject::fromVariantMap(address);
    const int id = body.take(QLatin1String("id")).toInt();
    app()->act(id > 0 ? "PUT" : "POST",
               id > 0 ? QStringLiteral("/api/addresses/%1").arg(id)
                      : QStringLiteral("/api/addresses"),
               body, done, [this](const api::ApiResult &result) {
                   if (result.ok())
                       reload();
               });
}

void AddressListModel::remove(int addressId, const QJSValue &done)
{
    app()->act("DELETE", QStringLiteral("/api/addresses/%1").arg(addressId), {}, done,
               [this](const api::ApiResult &) { reload(); });
}

QVariantMap AddressListModel::preferred() const
{
    for (const QVariantMap &address : items()) {
        if (address.value(QStringLiteral("isDefault")).toBool())
            return address;
    }
    return items().value(0);
}

} // namespace mall::models
