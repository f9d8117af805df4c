#pragma once

#include "remotelistmodel.h"

#include <QJsonArray>

namespace mall::models {

// Goods of a category, a search, or everything; sorted as asked.
class GoodsListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int categoryId READ categoryId WRITE setCategoryId NOTIFY queryChanged)
    Q_PROPERTY(QString keyword READ keyword WRITE setKeyword NOTIFY queryChanged)
    Q_PROPERTY(QString sort READ sort WRITE setSort NOTIFY queryChanged)

public:
    explicit GoodsListModel(QObject *parent = nullptr);
    int categoryId() const { return m_categoryId; }
    void setCategoryId(int id);
    QString keyword() const { return m_keyword; }
    void setKeyword(const QString &keyword);
    QString sort() const { return m_sort; }
    void setSort(const QString &sort);

signals:
    void queryChanged();

protected:
    QString path() const override { return QStringLiteral("/api/goods"); }
    QUrlQuery query() const override;
    QVariantMap decorate(const QJsonObject &item) const override;

private:
    int m_categoryId = 0;
    QString m_keyword;
    QString m_sort;
};

// One level of categories: the top level (parentId 0) or a parent's children.
class CategoryListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int parentId READ parentId WRITE setParentId NOTIFY parentIdChanged)

public:
    explicit CategoryListModel(QObject *parent = nullptr);
    int parentId() const { return m_parentId; }
    void setParentId(int id);

signals:
    void parentIdChanged();

protected:
    QString path() const override { return QStringLiteral("/api/categories"); }
    bool paged() const override { return false; }
    bool accepts(const QJsonObject &item) const override;
    void onAnswer(const QJsonObject &data) override;

private:
    int m_parentId = 0;
    // The whole tree from the last answer: another parent's children are
    // filtered from it at once, with no request and no empty grid between.
    QJsonArray m_tree;
};

class ReviewListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int goodsId READ goodsId WRITE setGoodsId NOTIFY goodsIdChanged)

public:
    explicit ReviewListModel(QObject *parent = nullptr);
    int goodsId() const { return m_goodsId; }
    void setGoodsId(int id);

signals:
    void goodsIdChanged();

protected:
    QString path() const override;
    QVariantMap decorate(const QJsonObject &item) const override;

private:
    int m_goodsId = 0;
};

class FavoritesModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit FavoritesModel(QObject *parent = nullptr);

protected:
    QString path() const override { return QStringLiteral("/api/favorites"); }
    int requiredStep() const override { return 2; }
    QVariantMap decorate(const QJsonObject &item) const override;
};

class FootprintListModel : public RemoteListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit FootprintListModel(QObject *parent = nullptr);

protected:
    QString path() const override { return QStringLiteral("/api/me/footprints"); }
    int requiredStep() const override { return 1; }
    QVariantMap decorate(const QJsonObject &item) const override;
};

} // namespace mall::models
