#include "tokenservice.h"

#include "aescbc.h"
#include "protocol/jwtpayload.h"
#include "securerandom.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace mall::server {

namespace {

QString userFilter(std::optional<qint64> uid)
{
    return uid ? QStringLiteral("uid = %1").arg(*uid) : QStringLiteral("1 = 1");
}

// A key only the holder of `oldToken` can derive.
QByteArray sealKey(const QByteArray &oldToken)
{
    return QCryptographicHash::hash("mall-grace-seal:" + oldToken, QCryptographicHash::Sha256)
        .left(16);
}

} // namespace

TokenService::TokenService(Database &database, UserStore &users, const ServerConfig &config,
                           const Clock &clock, ServerStats &stats, const QByteArray &secret)
    : m_db(database)
    , m_users(users)
    , m_config(config)
    , m_clock(clock)
    , m_stats(stats)
    , m_signer(secret)
{}

QByteArray TokenService::issueAccessToken(qint64 uid, const QString &sid)
{
    const std::optional<User> user = m_users.find(uid);
    // After /dev/expire the family's floor is one second ahead; a token issued
    // now takes the floor as its iat so it is not born expired.
    const qint64 floor =
        m_db.scalar(QStringLiteral("SELECT access_not_before FROM sessions WHERE sid = ?"), {sid})
            .toLongLong();
    const qint64 nowMs = m_clock.nowMs();
    const qint64 issuedAt = std::max(nowMs / 1000, floor);
    // exp is whole seconds and a token is good while the clock is before it;
    // counted from the next whole second, the token lives at least accessTtl
    // (up to one second more), not accessTtl minus however much of the
    // current second had passed.
    const qint64 startsCounting = std::max((nowMs + 999) / 1000, floor);
    return m_signer.sign(QJsonObject{
        {QLatin1String("sub"), QString::number(uid)},
        {QLatin1String("sid"), sid},
        {QLatin1String("step"), user ? user->step() : 1},
        {QLatin1String("iat"), issuedAt},
        {QLatin1String("exp"), startsCounting + m_config.accessTtl},
        // Unique per token: two tokens issued in the same second differ, so
        // a client can tell "my token was replaced" by comparing them.
        {QLatin1String("jti"), QString::fromLatin1(randomToken(12))},
    });
}

TokenPair TokenService::issuePair(qint64 uid, const QString &sid)
{
    TokenPair pair;
    pair.accessToken = issueAccessToken(uid, sid);
    pair.accessExpiresAt =
        protocol::accessClaimsFrom(*protocol::readJwtPayload(pair.accessToken))->expiresAt;
    pair.refreshToken = randomToken(32);
    pair.refreshExpiresAt = m_clock.now() + m_config.refreshTtl;
    m_db.exec(QStringLiteral("INSERT INTO refresh_tokens (token_hash, sid, expires_at) "
                             "VALUES (?, ?, ?)"),
              {QString::fromLatin1(sha256Hex(pair.refreshToken)), sid, pair.refreshExpiresAt});
    return pair;
}

TokenPair TokenService::startSession(qint64 uid, const QString &openid)
{
    const QString sid = QString::fromLatin1(randomToken(16));
    m_db.exec(QStringLiteral("INSERT INTO sessions (sid, uid, openid, created_at) "
                             "VALUES (?, ?, ?, ?)"),
              {sid, uid, openid.isEmpty() ? QVariant() : QVariant(openid), m_clock.now()});
    return issuePair(uid, sid);
}

QByteArray TokenService::sealSuccessor(const QByteArray &oldToken, const TokenPair &pair)
{
    const QByteArray plain =
        QJsonDocument(QJsonObject{
                          {QLatin1String("a"), QString::fromLatin1(pair.accessToken)},
                          {QLatin1String("r"), QString::fromLatin1(pair.refreshToken)},
                          {QLatin1String("ae"), pair.accessExpiresAt},
                          {QLatin1String("re"), pair.refreshExpiresAt},
                      })
            .toJson(QJsonDocument::Compact);
    const QByteArray iv = secureRandomBytes(16);
    return iv + aes128CbcEncrypt(sealKey(oldToken), iv, plain).value_or(QByteArray());
}

std::optional<TokenPair> TokenService::unsealSuccessor(const QByteArray &oldToken,
                                                       const QByteArray &sealed)
{
    if (sealed.size() <= 16)
        return std::nullopt;
    const auto plain = aes128CbcDecrypt(sealKey(oldToken), sealed.left(16), sealed.mid(16));
    if (!plain)
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(*plain).object();
    TokenPair pair;
    pair.accessToken = object.value(QLatin1String("a")).toString().toLatin1();
    pair.refreshToken = object.value(QLatin1String("r")).toString().toLatin1();
    pair.accessExpiresAt = object.value(QLatin1String("ae")).toInteger();
    pair.refreshExpiresAt = object.value(QLatin1String("re")).toInteger();
    if (pair.accessToken.isEmpty() || pair.refreshToken.isEmpty())
        return std::nullopt;
    return pair;
}

TokenService::RefreshResult TokenService::refresh(const QByteArray &refreshToken)
{
    m_stats.countRefresh();
    const qint64 now = m_clock.now();
    const QString tokenHash = QString::fromLatin1(sha256Hex(refreshToken));

    Transaction transaction(m_db);
    QSqlQuery row =
        m_db.exec(QStringLiteral("SELECT r.sid, r.expires_at, r.rotated_at, r.successor_hash, "
                                 "r.successor_sealed, s.uid, s.revoked_at FROM refresh_tokens r "
                                 "JOIN sessions s ON s.sid = r.sid WHERE r.token_hash = ?"),
                  {tokenHash});
    if (!row.next() || !row.value(6).isNull())
        return {};
    const QString sid = row.value(0).toString();
    const qint64 expiresAt = row.value(1).toLongLong();
    const qint64 uid = row.value(5).toLongLong();

    if (!row.value(2).isNull()) {
        // Already rotated. Within the grace window, and only while the
        // successor has not been used itself, the same pair is answered
        // again (the client most likely lost our last response).
        const qint64 rotatedAt = row.value(2).toLongLong();
        const bool successorUnused =
            m_db.scalar(QStringLiteral("SELECT rotated_at IS NULL FROM refresh_tokens "
                                       "WHERE token_hash = ?"),
                        {row.value(3)})
                .toBool();
        if (now - rotatedAt <= m_config.graceSeconds && successorUnused) {
            if (auto pair = unsealSuccessor(refreshToken, row.value(4).toByteArray())) {
                m_stats.countGraceAnswer();
                return {RefreshOutcome::Rotated, *pair, uid};
            }
        }
        m_db.exec(QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE sid = ?"), {now, sid});
        transaction.commit();
        m_stats.countReuseDetected();
        return {RefreshOutcome::Reused, {}, uid};
    }
    if (expiresAt <= now)
        return {};

    const TokenPair pair = issuePair(uid, sid);
    m_db.exec(QStringLiteral("UPDATE refresh_tokens SET rotated_at = ?, successor_hash = ?, "
                             "successor_sealed = ? WHERE token_hash = ?"),
              {now, QString::fromLatin1(sha256Hex(pair.refreshToken)),
               sealSuccessor(refreshToken, pair), tokenHash});
    // Sealed pairs are only needed inside the grace window; drop old ones.
    m_db.exec(QStringLiteral("UPDATE refresh_tokens SET successor_sealed = NULL "
                             "WHERE successor_sealed IS NOT NULL AND rotated_at < ?"),
              {now - m_config.graceSeconds - 1});
    transaction.commit();
    return {RefreshOutcome::Rotated, pair, uid};
}

std::optional<Principal> TokenService::authenticate(const QByteArray &accessToken)
{
    const std::optional<QJsonObject> payload = m_signer.verify(accessToken);
    if (!payload)
        return std::nullopt;
    const auto claims = protocol::accessClaimsFrom(*payload);
    if (!claims || claims->expiresAt <= m_clock.now())
        return std::nullopt;

    QSqlQuery family =
        m_db.exec(QStringLiteral("SELECT uid, openid, revoked_at, access_not_before FROM sessions "
                                 "WHERE sid = ?"),
                  {claims->sid});
    if (!family.next() || !family.value(2).isNull())
        return std::nullopt;
    if (family.value(0).toLongLong() != claims->uid ||
        claims->issuedAt < family.value(3).toLongLong()) {
        return std::nullopt;
    }
    return Principal{claims->uid, claims->sid, family.value(1).toString()};
}

std::optional<QString> TokenService::familyOfRefreshToken(const QByteArray &refreshToken)
{
    const QVariant sid =
        m_db.scalar(QStringLiteral("SELECT sid FROM refresh_tokens WHERE token_hash = ?"),
                    {QString::fromLatin1(sha256Hex(refreshToken))});
    return sid.isValid() ? std::optional<QString>(sid.toString()) : std::nullopt;
}

std::optional<Principal> TokenService::family(const QString &sid)
{
    QSqlQuery row =
        m_db.exec(QStringLiteral("SELECT uid, openid FROM sessions WHERE sid = ?"), {sid});
    if (!row.next())
        return std::nullopt;
    return Principal{row.value(0).toLongLong(), sid, row.value(1).toString()};
}

void TokenService::revokeFamily(const QString &sid)
{
    m_db.exec(QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE sid = ? "
                             "AND revoked_at IS NULL"),
              {m_clock.now(), sid});
}

void TokenService::expireAccessTokens(std::optional<qint64> uid)
{
    m_db.exec(QStringLiteral("UPDATE sessions SET access_not_before = ? WHERE ") + userFilter(uid),
              {m_clock.now() + 1});
}

void TokenService::expireRefreshTokens(std::optional<qint64> uid)
{
    m_db.exec(QStringLiteral("UPDATE refresh_tokens SET expires_at = ?, successor_sealed = NULL "
                             "WHERE sid IN (SELECT sid FROM sessions WHERE ") +
                  userFilter(uid) + QStringLiteral(")"),
              {m_clock.now()});
}

QJsonObject TokenService::pairJson(const TokenPair &pair, const QJsonObject &user) const
{
    const qint64 nowMs = m_clock.nowMs();
    const qint64 now = nowMs / 1000;
    // Whole seconds the access token is certain to live: rounded down, so a
    // client that trusts expiresIn is never late.
    const qint64 accessLeftMs = pair.accessExpiresAt * 1000 - nowMs;
    return QJsonObject{
        {QLatin1String("accessToken"), QString::fromLatin1(pair.accessToken)},
        {QLatin1String("refreshToken"), QString::fromLatin1(pair.refreshToken)},
        {QLatin1String("expiresIn"), std::max<qint64>(0, accessLeftMs / 1000)},
        {QLatin1String("refreshExpiresIn"), std::max<qint64>(0, pair.refreshExpiresAt - now)},
        {QLatin1String("user"), user},
    };
}

} // namespace mall::server
