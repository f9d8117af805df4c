#pragma once

#include "remotelistmodel.h"

#include <QJSValue>

namespace mall::models {

class AddressListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit AddressListModel(QObject *parent = nullptr);

    // `address`: {id?, name, phone, region, detail, isDefault}; no id adds one.
    Q_INVOKABLE void save(const QVariantMap &address, const QJSValue &done = {});
    Q_INVOKABLE void remove(int addressId, const QJSValue &done = {});
    // The default address, or the first; empty when there is none.
    Q_INVOKABLE QVariantMap preferred() const;

protected:
    QString path() const override { return QStringLiteral("/api/addresses"); }
    bool paged() const override { return false; }
    int requiredStep() const override { return 2; }
    QVariantMap decorate(const QJsonObject &item) const override;
};

} // namespace mall::models
