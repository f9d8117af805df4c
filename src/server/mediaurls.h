#pragma once

#include <QString>

namespace mall::server {

// Where goods pictures are served (generated on the server, cached by
// clients): picture `index` of goods `goodsId`, index 0 being the main one.
inline QString goodsPictureUrl(const QString &origin, qint64 goodsId, int index)
{
    return origin + QStringLiteral("/media/goods/%1/%2.png").arg(goodsId).arg(index);
}

} // namespace mall::server
