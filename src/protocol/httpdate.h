#pragma once

#include <QByteArray>
#include <QDateTime>

namespace mall::protocol {

// IMF-fixdate (RFC 9110 section 5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
// The server stamps every answer with it; the client reads it to learn the
// server's clock. (Qt 6.4's Qt::RFC2822Date does not accept "GMT".)
QByteArray formatHttpDate(const QDateTime &time);
QDateTime parseHttpDate(const QByteArray &text); // invalid when malformed

} // namespace mall::protocol
