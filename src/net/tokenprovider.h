#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace mall::net {

// Where the network layer gets its token: the seeds' TokenModule. The
// network layer knows nothing of logins; it asks for the token, asks for a
// fresh one when the server refuses it, and hears when the session is gone.
// Implemented by auth::Session. Called only from the thread it lives in.
class TokenProvider : public QObject
{
    Q_OBJECT

public:
    enum class RefreshResult
    {
        Refreshed,      // a new access token is current (and persisted)
        Failed,         // could not refresh now (network, server busy); the session lives
        SessionExpired, // nothing left to refresh with: the user must log in
    };
    Q_ENUM(RefreshResult)

    using QObject::QObject;

    // The current access token; empty when there is no session.
    virtual QByteArray accessToken() const = 0;

    // Get a valid access token by whatever means the session has (refresh
    // token, then silent login). Single flight: a call while one is running
    // joins it. refreshFinished() follows exactly once per run, and only after
    // the new tokens are persisted.
    virtual void refresh() = 0;

signals:
    // The provider is getting a token on its own (start-up): API requests
    // wait until the matching refreshFinished().
    void refreshStarted();
    void refreshFinished(mall::net::TokenProvider::RefreshResult result, const QString &detail);
    // The access token changed outside a refresh (a login, a logout).
    void accessTokenChanged();
};

} // namespace mall::net
