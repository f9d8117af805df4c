#include "authfailstyle.h"

namespace mall::protocol {

std::optional<AuthFailStyle> authFailStyleFromName(QStringView name)
{
    if (name == u"401")
        return AuthFailStyle::Status401;
    if (name == u"403")
        return AuthFailStyle::Status403;
    if (name == u"body")
        return AuthFailStyle::Body400;
    return std::nullopt;
}

QString authFailStyleName(AuthFailStyle style)
{
    switch (style) {
    case AuthFailStyle::Status401:
        return QStringLiteral("401");
    case AuthFailStyle::Status403:
        return QStringLiteral("403");
    case AuthFailStyle::Body400:
        return QStringLiteral("body");
    }
    Q_UNREACHABLE();
}

} // namespace mall::protocol
