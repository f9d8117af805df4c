#pragma once

#include "fuseline.h"
#include "protocol/authfailstyle.h"

#include <QUrl>

namespace mall::net {

// How the network layer talks to one API backend.
struct NetworkSettings
{
    // scheme://host:port of the API; only requests to it carry the token.
    QUrl apiOrigin;
    // How that backend says "token no good" (must match its --auth-fail-style).
    protocol::AuthFailStyle authFailStyle = protocol::AuthFailStyle::Status401;
    // API requests handed to Qt at once per manager. Qt opens 6 connections
    // per host; a few more keep them busy while this thread dispatches (see
    // docs/benchmarks.md). The rest wait in the manager's queue, where a
    // refresh that starts can still hold them back from the stale token.
    int maxInFlight = 24;
    // Refresh this long before `exp` (for short tokens an eighth of their
    // lifetime; see refreshLeadMs()).
    int refreshLeadSeconds = 60;
    FuseLine::Settings refreshFuse;
    // Network-error retries for idempotent requests, with doubling backoff.
    int maxNetworkRetries = 2;
    int retryBaseDelayMs = 200;
    int transferTimeoutMs = 30000;
    // A refresh (or the start-up login) that has not answered by then is
    // failed, so a server that never answers cannot hold requests forever.
    int refreshTimeoutMs = 60000;
    // After a refresh ahead of expiry fails, wait this long before trying
    // ahead of expiry again (the token still works meanwhile).
    int proactiveBackoffMs = 5000;
};

} // namespace mall::net
