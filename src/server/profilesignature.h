#pragma once

#include <QByteArray>

namespace mall::server {

// The platform's user-profile signature: hex(sha1(rawData + session_key)),
// where session_key is the base64 text the platform hands out (the known
// answer in docs/protocol.md pins this down).
QByteArray profileSignature(const QByteArray &rawData, const QByteArray &sessionKeyBase64);

} // namespace mall::server
