#pragma once

#include "apirequest.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

namespace mall::server {

// The protocol's Goods and Category objects, built from query rows, so every
// route that answers goods (lists, detail, footprints) answers the same shape.

// The columns goodsJson() reads, in order, from a query over `goods g`.
QString goodsColumns();
inline constexpr int kGoodsColumnCount = 9;

// Goods: {"id", "name", "brief", "categoryId", "priceCents", "stock",
// "sales", "picUrl", "gallery": [url], "specs": {...}}, reading
// goodsColumns() from column `first` on. URLs are absolute under `origin`.
QJsonObject goodsJson(const QSqlQuery &row, const QString &origin, int first = 0);

// The columns categoryJson() reads, in order, from a query over `categories c`.
QString categoryColumns();

// Category: {"id", "name", "parentId"|null, "iconUrl"}; the English name when
// the request prefers English.
QJsonObject categoryJson(const QSqlQuery &row, const ApiRequest &request, int first = 0);

// Where category icons and banner pictures are served.
QString categoryIconUrl(const QString &origin, qint64 categoryId);
QString bannerPictureUrl(const QString &origin, qint64 bannerId);

} // namespace mall::server
