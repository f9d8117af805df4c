#pragma once

#include <QNetworkRequest>

namespace mall::net {

// Attributes a caller may set on a QNetworkRequest sent through
// ApiNetworkManager.
enum RequestAttribute
{
    // true: send as is, with no token and no auth handling (public calls,
    // and the refresh call itself, which must never wait behind the gate).
    SkipAuthAttribute = QNetworkRequest::User + 710,
};

// Why a proxy reply failed without an HTTP answer of its own, readable from
// the reply's attribute for UIs that want to say more than errorString().
enum class FailureReason
{
    None,
    RefreshFailed,  // the token could not be refreshed (network); try later
    SessionExpired, // log in again
    FuseBlown,      // too many refreshes in a row; wait a few seconds
};

constexpr auto FailureReasonAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 711);

} // namespace mall::net
