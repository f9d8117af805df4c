#pragma once

#include "remoteobject.h"

#include <QJSValue>
#include <QVariantList>
#include <QVariantMap>

namespace mall::models {

// The goods page: what the goods is, and what a user can do with it.
// Guarding (login first) is the view's call to App.mustAuth; the actions
// here assume the step is reached.
class GoodsDetail : public RemoteObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int goodsId READ goodsId WRITE setGoodsId NOTIFY goodsIdChanged)
    Q_PROPERTY(QString name READ name NOTIFY dataChanged)
    Q_PROPERTY(QString brief READ brief NOTIFY dataChanged)
    Q_PROPERTY(QString priceText READ priceText NOTIFY dataChanged)
    Q_PROPERTY(int stock READ stock NOTIFY dataChanged)
    Q_PROPERTY(int sales READ sales NOTIFY dataChanged)
    Q_PROPERTY(QStringList gallery READ gallery NOTIFY dataChanged)
    Q_PROPERTY(QVariantList specs READ specs NOTIFY dataChanged)
    Q_PROPERTY(bool favorite READ favorite NOTIFY favoriteChanged)

public:
    explicit GoodsDetail(QObject *parent = nullptr);

    int goodsId() const { return m_goodsId; }
    void setGoodsId(int id);
    QString name() const;
    QString brief() const;
    QString priceText() const;
    int stock() const;
    int sales() const;
    QStringList gallery() const;
    // [{name, values: [...]}] for the spec chooser; single values as text.
    QVariantList specs() const;
    bool favorite() const { return m_favorite; }

    Q_INVOKABLE void addToCart(int quantity, const QJSValue &done = {});
    Q_INVOKABLE void setFavorite(bool favorite, const QJSValue &done = {});
    Q_INVOKABLE void postReview(int rating, const QString &text, const QJSValue &done = {});

signals:
    void goodsIdChanged();
    void favoriteChanged();
    void reviewPosted();

protected:
    QString path() const override;
    void take(const QJsonObject &data) override;

private:
    void checkFavorite();

    int m_goodsId = 0;
    bool m_favorite = false;
};

// The home page: banners, category shortcuts, featured goods.
class HomeFeed : public RemoteObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList banners READ banners NOTIFY dataChanged)
    Q_PROPERTY(QVariantList categories READ categories NOTIFY dataChanged)
    Q_PROPERTY(QVariantList featured READ featured NOTIFY dataChanged)

public:
    explicit HomeFeed(QObject *parent = nullptr);
    QVariantList banners() const;
    QVariantList categories() const;
    QVariantList featured() const;

protected:
    QString path() const override { return QStringLiteral("/api/home"); }
    void take(const QJsonObject &) override {}
};

} // namespace mall::models
