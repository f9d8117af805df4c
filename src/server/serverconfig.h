#pragma once

#include "protocol/authfailstyle.h"

#include <QString>

namespace mall::server {

// Settings of one server instance: the command line sets them, /dev/config
// may change the ones QA needs to turn at run time.
struct ServerConfig
{
    QString dataDir;
    bool dev = false;
    protocol::AuthFailStyle authFailStyle = protocol::AuthFailStyle::Status401;
    qint64 accessTtl = 15 * 60;
    qint64 refreshTtl = 30 * 24 * 3600;
    qint64 graceSeconds = 10;
    bool checkSessionLies = false;
    // The mini-program's appid, stamped into phone payload watermarks.
    QString appId = QStringLiteral("wx5d1mall0c1ient7");
};

} // namespace mall::server
