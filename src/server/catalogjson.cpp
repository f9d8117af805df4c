#include "catalogjson.h"

#include "mediaurls.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mall::server {

QString goodsColumns()
{
    return QStringLiteral("g.id, g.name, g.brief, g.category_id, g.price_cents, g.stock, "
                          "g.sales, g.specs, g.gallery_size");
}

QJsonObject goodsJson(const QSqlQuery &row, const QString &origin, int first)
{
    const qint64 id = row.value(first).toLongLong();
    const int gallerySize = row.value(first + 8).toInt();
    QJsonArray gallery;
    for (int index = 0; index < gallerySize; ++index)
        gallery.append(goodsPictureUrl(origin, id, index));
    // specs is stored as a JSON object; anything else would be a bad row, and
    // an empty object keeps the shape for the client.
    const QJsonObject specs =
        QJsonDocument::fromJson(row.value(first + 7).toString().toUtf8()).object();
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("name"), row.value(first + 1).toString()},
        {QLatin1String("brief"), row.value(first + 2).toString()},
        {QLatin1String("categoryId"), row.value(first + 3).toLongLong()},
        {QLatin1String("priceCents"), row.value(first + 4).toLongLong()},
        {QLatin1String("stock"), row.value(first + 5).toLongLong()},
        {QLatin1String("sales"), row.value(first + 6).toLongLong()},
        {QLatin1String("picUrl"), goodsPictureUrl(origin, id, 0)},
        {QLatin1String("gallery"), gallery},
        {QLatin1String("specs"), specs},
    };
}

QString categoryColumns()
{
    return QStringLiteral("c.id, c.name, c.name_en, c.parent_id");
}

QJsonObject categoryJson(const QSqlQuery &row, const ApiRequest &request, int first)
{
    const qint64 id = row.value(first).toLongLong();
    const QVariant parent = row.value(first + 3);
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("name"),
         row.value(request.prefersEnglish() ? first + 2 : first + 1).toString()},
        {QLatin1String("parentId"),
         parent.isNull() ? QJsonValue() : QJsonValue(parent.toLongLong())},
        {QLatin1String("iconUrl"), categoryIconUrl(request.origin(), id)},
    };
}

QString categoryIconUrl(const QString &origin, qint64 categoryId)
{
    return origin + QStringLiteral("/media/categories/%1.png").arg(categoryId);
}

QString bannerPictureUrl(const QString &origin, qint64 bannerId)
{
    return origin + QStringLiteral("/media/banners/%1.png").arg(bannerId);
}

} // namespace mall::server
