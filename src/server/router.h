#pragma once

#include "apirequest.h"
#include "apiresponse.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace mall::server {

// Method + path-pattern routing. Patterns are literal segments and `{name}`
// placeholders that match one non-empty segment ("/api/goods/{id}").
class Router
{
public:
    using Handler = std::function<ApiResponse(const ApiRequest &)>;

    void add(const QByteArray &method, const QString &pattern, Handler handler);

    struct Match
    {
        enum class Kind
        {
            Found,
            NoSuchPath,
            WrongMethod
        } kind = Kind::NoSuchPath;
        const Handler *handler = nullptr;
        QString pattern; // for stats: "GET /api/goods/{id}"
        QHash<QString, QString> params;
        QByteArrayList allowedMethods; // for 405
    };
    Match match(const QByteArray &method, const QString &path) const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
    };
    static bool matchSegments(const Route &route, const QStringList &segments,
                              QHash<QString, QString> *params);

    QList<Route> m_routes;
};

} // namespace mall::server
