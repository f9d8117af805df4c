#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace mall::protocol {

// Reads the claims of a compact JWT without verifying its signature. The
// client uses it only to learn "exp" (to refresh ahead of expiry); the server
// verifies the signature before it trusts anything read here.
std::optional<QJsonObject> readJwtPayload(const QByteArray &token);

// The claims the protocol defines, pulled out of a payload.
struct AccessClaims
{
    qint64 uid = 0;
    QString sid;
    int step = 0;
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;
};

std::optional<AccessClaims> accessClaimsFrom(const QJsonObject &payload);

} // namespace mall::protocol
