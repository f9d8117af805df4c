#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace mall::protocol {

// How a backend signals "this access token is no good". PROTOCOL.md names
// three styles seen in the field; the server can emit each, the client must
// recognise the one it is configured for.
enum class AuthFailStyle
{
    Status401, // HTTP 401, code AUTH_FAIL (the default)
    Status403, // HTTP 403, code AUTH_FAIL
    Body400,   // HTTP 400 with "code": "401" in the envelope
};

std::optional<AuthFailStyle> authFailStyleFromName(QStringView name);
QString authFailStyleName(AuthFailStyle style);

} // namespace mall::protocol
