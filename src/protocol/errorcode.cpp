#include "errorcode.h"

#include <array>
#include <utility>

namespace mall::protocol {

namespace {

struct CodeInfo
{
    ErrorCode code;
    const char *name;
    int httpStatus;
};

constexpr std::array kCodes{
    CodeInfo{ErrorCode::Ok, "OK", 200},
    CodeInfo{ErrorCode::BadRequest, "BAD_REQUEST", 400},
    CodeInfo{ErrorCode::BadCredentials, "BAD_CREDENTIALS", 400},
    CodeInfo{ErrorCode::AuthFail, "AUTH_FAIL", 401},
    CodeInfo{ErrorCode::RefreshInvalid, "REFRESH_INVALID", 401},
    CodeInfo{ErrorCode::RefreshReused, "REFRESH_REUSED", 401},
    CodeInfo{ErrorCode::NeedMember, "NEED_MEMBER", 403},
    CodeInfo{ErrorCode::NeedMemberInfo, "NEED_MEMBER_INFO", 403},
    CodeInfo{ErrorCode::SessionKeyExpired, "SESSION_KEY_EXPIRED", 409},
    CodeInfo{ErrorCode::Conflict, "CONFLICT", 409},
    CodeInfo{ErrorCode::NotFound, "NOT_FOUND", 404},
    CodeInfo{ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405},
    CodeInfo{ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", 413},
    CodeInfo{ErrorCode::RateLimited, "RATE_LIMITED", 429},
    CodeInfo{ErrorCode::ServerBusy, "SERVER_BUSY", 500},
};

const CodeInfo &infoFor(ErrorCode code)
{
    for (const auto &info : kCodes) {
        if (info.code == code)
            return info;
    }
    Q_UNREACHABLE();
}

} // namespace

QByteArray errorCodeName(ErrorCode code)
{
    return QByteArray(infoFor(code).name);
}

std::optional<ErrorCode> errorCodeFromName(QByteArrayView name)
{
    for (const auto &info : kCodes) {
        if (name == QByteArrayView(info.name))
            return info.code;
    }
    return std::nullopt;
}

int defaultHttpStatus(ErrorCode code)
{
    return infoFor(code).httpStatus;
}

} // namespace mall::protocol
