#pragma once

#include "remotelistmodel.h"

#include <QJSValue>

namespace mall::models {

// The member's cart, with the actions on it; reloads after each.
class CartModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 totalCents READ totalCents NOTIFY stateChanged)
    Q_PROPERTY(QString totalText READ totalText NOTIFY stateChanged)
    Q_PROPERTY(int quantity READ quantity NOTIFY stateChanged)

public:
    explicit CartModel(QObject *parent = nullptr);

    qint64 totalCents() const { return m_totalCents; }
    QString totalText() const;
    int quantity() const;

    Q_INVOKABLE void add(int goodsId, int quantity, const QJSValue &done = {});
    Q_INVOKABLE void setQuantity(int itemId, int quantity, const QJSValue &done = {});
    Q_INVOKABLE void remove(int itemId, const QJSValue &done = {});

signals:
    // The server removed a line: what it held, so a view can offer to put
    // it back with add(goodsId, quantity).
    void lineRemoved(const QString &name, int goodsId, int quantity);

protected:
    QString path() const override { return QStringLiteral("/api/cart"); }
    bool paged() const override { return false; }
    int requiredStep() const override { return 2; }
    QVariantMap decorate(const QJsonObject &item) const override;
    void onAnswer(const QJsonObject &data) override;

private:
    qint64 m_totalCents = 0;
};

} // namespace mall::models
