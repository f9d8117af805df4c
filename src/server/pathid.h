#pragma once

#include "apirequest.h"

#include <optional>

namespace mall::server {

// A path id is a positive decimal integer of at most 15 digits. Anything else
// ("abc", "-1", "+5", " 5") names no row, so handlers answer it like an
// unknown id (404), not as malformed input.
inline std::optional<qint64> pathId(const ApiRequest &request,
                                    const QString &name = QStringLiteral("id"))
{
    const QString text = request.pathParam(name);
    if (text.isEmpty() || text.size() > 15)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 id = text.toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

} // namespace mall::server
