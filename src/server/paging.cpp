#include "paging.h"

namespace mall::server {

namespace {

std::optional<int> positive(const ApiRequest &request, const char *name, int fallback)
{
    const QString text = request.query.queryItemValue(QLatin1String(name));
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<Paging> readPaging(const ApiRequest &request, QString *error)
{
    const auto page = positive(request, "page", 1);
    const auto size = positive(request, "size", 20);
    if (!page || *page > 1000000) {
        *error = QStringLiteral("\"page\" must be a positive integer");
        return std::nullopt;
    }
    if (!size || *size > 100) {
        *error = QStringLiteral("\"size\" must be 1 to 100");
        return std::nullopt;
    }
    return Paging{*page, *size};
}

QJsonObject pageJson(const QJsonArray &items, qint64 total, const Paging &paging)
{
    return QJsonObject{{QLatin1String("items"), items},
                       {QLatin1String("total"), total},
                       {QLatin1String("page"), paging.page},
                       {QLatin1String("size"), paging.size}};
}

} // namespace mall::server
