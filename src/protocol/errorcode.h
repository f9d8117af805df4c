#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace mall::protocol {

// The stable machine strings of the envelope's "code" field (docs/protocol.md,
// "Error codes"). Client and server both speak these; nothing else may match
// on human-readable messages.
enum class ErrorCode
{
    Ok,
    BadRequest,
    BadCredentials,
    AuthFail,
    RefreshInvalid,
    RefreshReused,
    NeedMember,
    NeedMemberInfo,
    SessionKeyExpired,
    Conflict,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    RateLimited,
    ServerBusy,
};

QByteArray errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(QByteArrayView name);

// The HTTP status the protocol pairs with each code (before any
// auth-fail-style rewriting, see authfailstyle.h).
int defaultHttpStatus(ErrorCode code);

} // namespace mall::protocol
