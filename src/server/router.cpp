#include "router.h"

namespace mall::server {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('{')) &&
           segment.endsWith(QLatin1Char('}'));
}

} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append(Route{method, pattern, splitPath(pattern), std::move(handler)});
}

bool Router::matchSegments(const Route &route, const QStringList &segments,
                           QHash<QString, QString> *params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (isPlaceholder(expected))
            found.insert(expected.mid(1, expected.size() - 2), segments.at(i));
        else if (expected != segments.at(i))
            return false;
    }
    *params = std::move(found);
    return true;
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    Match result;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matchSegments(route, segments, &params))
            continue;
        // HEAD is answered like GET (the body is dropped by the front end).
        const bool methodMatches =
            route.method == method || (method == "HEAD" && route.method == "GET");
        if (methodMatches) {
            result.kind = Match::Kind::Found;
            result.handler = &route.handler;
            result.pattern = QString::fromLatin1(route.method) + QLatin1Char(' ') + route.pattern;
            result.params = std::move(params);
            return result;
        }
        result.kind = Match::Kind::WrongMethod;
        result.allowedMethods.append(route.method);
    }
    return result;
}

} // namespace mall::server
