#pragma once

#include "clock.h"
#include "database.h"
#include "jwtsigner.h"
#include "serverconfig.h"
#include "serverstats.h"
#include "userstore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mall::server {

struct TokenPair
{
    QByteArray accessToken;
    QByteArray refreshToken;
    qint64 accessExpiresAt = 0;
    qint64 refreshExpiresAt = 0;
};

// Who a valid access token speaks for.
struct Principal
{
    qint64 uid = 0;
    QString sid;    // the session family
    QString openid; // the platform identity the family was opened with, if any
};

// Access tokens (JWT HS256) and refresh-token families.
//
// A family (sid) starts at each login. Refresh tokens are opaque, stored only
// as SHA-256 hashes, and single use: each refresh rotates to a new pair. A
// rotated token presented again revokes the whole family, except within the
// grace window, when it is answered with the very pair it was rotated to.
// That pair is kept sealed with a key derived from the old token, so the
// database alone never yields a usable token.
class TokenService
{
public:
    TokenService(Database &database, UserStore &users, const ServerConfig &config,
                 const Clock &clock, ServerStats &stats, const QByteArray &secret);

    // Opens a new family for `uid`; call inside the caller's Transaction.
    TokenPair startSession(qint64 uid, const QString &openid);

    enum class RefreshOutcome
    {
        Rotated,
        Invalid,
        Reused
    };
    struct RefreshResult
    {
        RefreshOutcome outcome = RefreshOutcome::Invalid;
        TokenPair pair;
        qint64 uid = 0;
    };
    RefreshResult refresh(const QByteArray &refreshToken);

    std::optional<Principal> authenticate(const QByteArray &accessToken);

    std::optional<QString> familyOfRefreshToken(const QByteArray &refreshToken);
    // Whose family `sid` is, and which platform identity opened it.
    std::optional<Principal> family(const QString &sid);
    void revokeFamily(const QString &sid);

    // QA controls (/dev/expire): make live tokens of one user (or all) fail now.
    void expireAccessTokens(std::optional<qint64> uid);
    void expireRefreshTokens(std::optional<qint64> uid);

    // The token-pair object every login and refresh answers with.
    QJsonObject pairJson(const TokenPair &pair, const QJsonObject &user) const;

private:
    QByteArray issueAccessToken(qint64 uid, const QString &sid);
    TokenPair issuePair(qint64 uid, const QString &sid);
    std::optional<TokenPair> unsealSuccessor(const QByteArray &oldToken, const QByteArray &sealed);
    QByteArray sealSuccessor(const QByteArray &oldToken, const TokenPair &pair);

    Database &m_db;
    UserStore &m_users;
    const ServerConfig &m_config;
    const Clock &m_clock;
    ServerStats &m_stats;
    JwtSigner m_signer;
};

} // namespace mall::server
