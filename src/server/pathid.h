#pragma once

#include "apirequest.h"

#include <optional>

namespace mall::server {

// An id is a positive decimal integer of at most 15 digits, digits only.
// Anything else ("abc", "-1", "+5", " 5", "1.0", "0") names no row.
inline std::optional<qint64> positiveId(const QString &text)
{
    if (text.isEmpty() || text.size() > 15)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 id = text.toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

// The path parameter `name` as an id; an invalid one names no row, so
// handlers answer it like an unknown id (404), not as malformed input.
inline std::optional<qint64> pathId(const ApiRequest &request,
                                    const QString &name = QStringLiteral("id"))
{
    return positiveId(request.pathParam(name));
}

} // namespace mall::server
