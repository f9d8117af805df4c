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
    // Removes a line and remembers what it held, for undoRemove().
    Q_INVOKABLE void remove(int itemId, const QJSValue &done = {});
    // Puts the last removed line back: the same goods, the same quantity
    // (at the end of the cart, as the server adds lines). Once.
    Q_INVOKABLE void undoRemove(const QJSValue &done = {});

signals:
    // The server removed a line; name is its goods' name.
    void lineRemoved(const QString &name);

protected:
    QString path() const override { return QStringLiteral("/api/cart"); }
    bool paged() const override { return false; }
    int requiredStep() const override { return 2; }
    QVariantMap decorate(const QJsonObject &item) const override;
    void onAnswer(const QJsonObject &data) override;

private:
    struct RemovedLine
    {
        int goodsId = 0;
        int quantity = 0;
    };

    qint64 m_totalCents = 0;
    RemovedLine m_lastRemoved;
};

} // namespace mall::models
