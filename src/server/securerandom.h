#pragma once

#include <QByteArray>

namespace mall::server {

// Bytes from the operating system's CSPRNG (getrandom), for keys, tokens,
// codes and salts.
QByteArray secureRandomBytes(int count);

// 256 random bits as unpadded base64url: refresh tokens, session ids.
QByteArray randomToken(int bytes = 32);

// A numeric code of `digits` digits, uniformly drawn (SMS codes).
QByteArray randomDigits(int digits);

// SHA-256, hex encoded: how tokens and one-time codes are stored.
QByteArray sha256Hex(const QByteArray &data);

// Constant-time equality for secrets of equal length.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace mall::server
