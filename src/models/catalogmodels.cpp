#include "catalogmodels.h"

#include "appcontroller.h"

#include <QDateTime>

namespace mall::models {

namespace {

const QStringList kGoodsRoles = {QStringLiteral("id"),        QStringLiteral("name"),
                                 QStringLiteral("brief"),     QStringLiteral("priceCents"),
                                 QStringLiteral("priceText"), QStringLiteral("picUrl"),
                                 QStringLiteral("sales"),     QStringLiteral("stock")};

QVariantMap goodsRow(const QJsonObject &item)
{
    QVariantMap row = item.toVariantMap();
    if (AppController *app = AppController::instance())
        row.insert(QStringLiteral("priceText"),
                   app->formatPrice(item.value(QLatin1String("priceCents")).toInteger()));
    return row;
}

} // namespace

GoodsListModel::GoodsListModel(QObject *parent)
    : RemoteListModel(kGoodsRoles, parent)
{}

void GoodsListModel::setCategoryId(int id)
{
    if (id == m_categoryId)
        return;
    m_categoryId = id;
    emit queryChanged();
    invalidate();
}

void GoodsListModel::setKeyword(const QString &keyword)
{
    if (keyword == m_keyword)
        return;
    m_keyword = keyword;
    emit queryChanged();
    invalidate();
}

void GoodsListModel::setSort(const QString &sort)
{
    if (sort == m_sort)
        return;
    m_sort = sort;
    emit queryChanged();
    invalidate();
}

QUrlQuery GoodsListModel::query() const
{
    QUrlQuery query;
    if (m_categoryId > 0)
        query.addQueryItem(QStringLiteral("category"), QString::number(m_categoryId));
    if (!m_keyword.trimmed().isEmpty())
        query.addQueryItem(QStringLiteral("q"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_keyword.trimmed())));
    if (!m_sort.isEmpty())
        query.addQueryItem(QStringLiteral("sort"), m_sort);
    return query;
}

QVariantMap GoodsListModel::decorate(const QJsonObject &item) const
{
    return goodsRow(item);
}

CategoryListModel::CategoryListModel(QObject *parent)
    : RemoteListModel({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("parentId"),
                       QStringLiteral("iconUrl")},
                      parent)
{}

void CategoryListModel::setParentId(int id)
{
    if (id == m_parentId)
        return;
    m_parentId = id;
    emit parentIdChanged();
    if (m_tree.isEmpty()) {
        invalidate();
        return;
    }
    replaceItems(rowsFrom(m_tree));
}

void CategoryListModel::onAnswer(const QJsonObject &data)
{
    m_tree = data.value(QLatin1String("items")).toArray();
}

bool CategoryListModel::accepts(const QJsonObject &item) const
{
    const QJsonValue parent = item.value(QLatin1String("parentId"));
    return m_parentId == 0 ? parent.isNull() || parent.isUndefined()
                           : parent.toInteger() == m_parentId;
}

ReviewListModel::ReviewListModel(QObject *parent)
    : RemoteListModel({QStringLiteral("id"), QStringLiteral("rating"), QStringLiteral("text"),
                       QStringLiteral("nickname"), QStringLiteral("avatarUrl"),
                       QStringLiteral("dateText")},
                      parent)
{}

void ReviewListModel::setGoodsId(int id)
{
    if (id == m_goodsId)
        return;
    m_goodsId = id;
    emit goodsIdChanged();
    invalidate();
}

QString ReviewListModel::path() const
{
    return QStringLiteral("/api/goods/%1/reviews").arg(m_goodsId);
}

QVariantMap ReviewListModel::decorate(const QJsonObject &item) const
{
    QVariantMap row = item.toVariantMap();
    row.insert(QStringLiteral("dateText"),
               QDateTime::fromSecsSinceEpoch(item.value(QLatin1String("createdAt")).toInteger())
                   .toString(QStringLiteral("yyyy-MM-dd")));
    return row;
}

FavoritesModel::FavoritesModel(QObject *parent)
    : RemoteListModel(kGoodsRoles, parent)
{}

QVariantMap FavoritesModel::decorate(const QJsonObject &item) const
{
    return goodsRow(item);
}

FootprintListModel::FootprintListModel(QObject *parent)
    : RemoteListModel(kGoodsRoles, parent)
{}

QVariantMap FootprintListModel::decorate(const QJsonObject &item) const
{
    return goodsRow(item);
}

} // namespace mall::models
