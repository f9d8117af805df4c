#pragma once

#include "remotelistmodel.h"

#include <QJSValue>

namespace mall::models {

// The member's orders, optionally of one status; pay and cancel.
class OrderListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY statusChanged)

public:
    explicit OrderListModel(QObject *parent = nullptr);
    QString status() const { return m_status; }
    void setStatus(const QString &status);

    Q_INVOKABLE void pay(int orderId, const QJSValue &done = {});
    Q_INVOKABLE void cancel(int orderId, const QJSValue &done = {});
    // Words for a status, for the views.
    Q_INVOKABLE static QString statusText(const QString &status);

signals:
    void statusChanged();

protected:
    QString path() const override { return QStringLiteral("/api/orders"); }
    QUrlQuery query() const override;
    int requiredStep() const override { return 2; }
    QVariantMap decorate(const QJsonObject &item) const override;

private:
    QString m_status;
};

} // namespace mall::models
