#pragma once

#include "remotelistmodel.h"
#include "remoteobject.h"

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

// One order: its goods, where it goes, what was paid, and pay / cancel.
class OrderDetail : public RemoteObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int orderId READ orderId WRITE setOrderId NOTIFY orderIdChanged)
    Q_PROPERTY(QString status READ status NOTIFY dataChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY dataChanged)
    Q_PROPERTY(QVariantList items READ items NOTIFY dataChanged)
    Q_PROPERTY(QVariantMap address READ address NOTIFY dataChanged)
    Q_PROPERTY(QString totalText READ totalText NOTIFY dataChanged)
    Q_PROPERTY(QString discountText READ discountText NOTIFY dataChanged)
    Q_PROPERTY(QString payText READ payText NOTIFY dataChanged)
    Q_PROPERTY(QString dateText READ dateText NOTIFY dataChanged)

public:
    explicit OrderDetail(QObject *parent = nullptr);
    int orderId() const { return m_orderId; }
    void setOrderId(int id);
    QString status() const;
    QString statusText() const;
    QVariantList items() const;
    QVariantMap address() const;
    QString totalText() const;
    QString discountText() const;
    QString payText() const;
    QString dateText() const;

    Q_INVOKABLE void pay(const QJSValue &done = {});
    Q_INVOKABLE void cancel(const QJSValue &done = {});

signals:
    void orderIdChanged();

protected:
    QString path() const override;
    void take(const QJsonObject &) override {}

private:
    QString money(const char *field) const;
    int m_orderId = 0;
};

} // namespace mall::models
