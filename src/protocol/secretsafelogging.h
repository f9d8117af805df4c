#pragma once

namespace mall::protocol {

// Keeps Qt's own categories that print raw HTTP headers (and so bearer
// tokens) below debug and info, whatever QT_LOGGING_RULES asks for. Call
// once at start-up, before any request is made or served.
void installSecretSafeLogging();

} // namespace mall::protocol
