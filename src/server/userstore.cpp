#include "userstore.h"

namespace mall::server {

int User::step() const
{
    if (phone.isEmpty())
        return 1;
    return nickname.isEmpty() ? 2 : 3;
}

QJsonObject User::toJson(const QString &origin) const
{
    const auto orNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    return QJsonObject{
        {QLatin1String("uid"), uid},
        {QLatin1String("step"), step()},
        {QLatin1String("phone"), orNull(phone)},
        {QLatin1String("nickname"), orNull(nickname)},
        {QLatin1String("avatarUrl"),
         avatarPath.isEmpty() ? QJsonValue() : QJsonValue(origin + avatarPath)},
        {QLatin1String("gender"), gender ? QJsonValue(*gender) : QJsonValue()},
    };
}

UserStore::UserStore(Database &database)
    : m_db(database)
{}

std::optional<User> UserStore::find(qint64 uid)
{
    QSqlQuery query =
        m_db.exec(QStringLiteral("SELECT uid, phone, nickname, avatar_url, gender FROM users "
                                 "WHERE uid = ? AND merged_into IS NULL"),
                  {uid});
    if (!query.next())
        return std::nullopt;
    User user;
    user.uid = query.value(0).toLongLong();
    user.phone = query.value(1).toString();
    user.nickname = query.value(2).toString();
    user.avatarPath = query.value(3).toString();
    if (!query.value(4).isNull())
        user.gender = query.value(4).toInt();
    return user;
}

std::optional<qint64> UserStore::uidForPhone(const QString &phone)
{
    const QVariant uid = m_db.scalar(
        QStringLiteral("SELECT uid FROM users WHERE phone = ? AND merged_into IS NULL"), {phone});
    return uid.isValid() ? std::optional<qint64>(uid.toLongLong()) : std::nullopt;
}

qint64 UserStore::createGuest(qint64 now)
{
    return m_db.exec(QStringLiteral("INSERT INTO users (created_at) VALUES (?)"), {now})
        .lastInsertId()
        .toLongLong();
}

qint64 UserStore::createMember(const QString &phone, qint64 now)
{
    return m_db
        .exec(QStringLiteral("INSERT INTO users (phone, created_at) VALUES (?, ?)"), {phone, now})
        .lastInsertId()
        .toLongLong();
}

void UserStore::setPhone(qint64 uid, const QString &phone)
{
    m_db.exec(QStringLiteral("UPDATE users SET phone = ? WHERE uid = ?"), {phone, uid});
}

void UserStore::setProfile(qint64 uid, const QString &nickname, const QString &avatarPath,
                           std::optional<int> gender)
{
    m_db.exec(QStringLiteral("UPDATE users SET nickname = ?, avatar_url = ?, gender = ? "
                             "WHERE uid = ?"),
              {nickname, avatarPath.isEmpty() ? QVariant() : QVariant(avatarPath),
               gender ? QVariant(*gender) : QVariant(), uid});
}

QByteArray UserStore::passwordHash(qint64 uid)
{
    return m_db.scalar(QStringLiteral("SELECT password_hash FROM users WHERE uid = ?"), {uid})
        .toByteArray();
}

void UserStore::setPasswordHash(qint64 uid, const QByteArray &hash)
{
    m_db.exec(QStringLiteral("UPDATE users SET password_hash = ? WHERE uid = ?"),
              {QString::fromLatin1(hash), uid});
}

std::optional<qint64> UserStore::uidForOpenid(const QString &openid)
{
    const QVariant uid =
        m_db.scalar(QStringLiteral("SELECT uid FROM identities WHERE openid = ?"), {openid});
    return uid.isValid() ? std::optional<qint64>(uid.toLongLong()) : std::nullopt;
}

void UserStore::linkIdentity(const QString &openid, qint64 uid)
{
    m_db.exec(QStringLiteral("INSERT INTO identities (openid, uid) VALUES (?, ?) "
                             "ON CONFLICT(openid) DO UPDATE SET uid = excluded.uid"),
              {openid, uid});
}

QByteArray UserStore::identitySessionKey(const QString &openid)
{
    return m_db
        .scalar(QStringLiteral("SELECT session_key FROM identities WHERE openid = ?"), {openid})
        .toByteArray();
}

void UserStore::setIdentitySessionKey(const QString &openid, const QByteArray &sessionKey)
{
    m_db.exec(QStringLiteral("UPDATE identities SET session_key = ? WHERE openid = ?"),
              {QString::fromLatin1(sessionKey), openid});
}

void UserStore::absorbGuest(qint64 guestUid, qint64 memberUid)
{
    if (guestUid == memberUid)
        return;
    m_db.exec(QStringLiteral("UPDATE identities SET uid = ? WHERE uid = ?"), {memberUid, guestUid});
    // The guest's footprints join the member's. Where both viewed the same
    // goods the later view wins; the moved rows are inserted oldest first so
    // their new rowids keep the order of views made within one second.
    m_db.exec(QStringLiteral("INSERT OR REPLACE INTO footprints (uid, goods_id, viewed_at) "
                             "SELECT ?, guest.goods_id, guest.viewed_at FROM footprints guest "
                             "WHERE guest.uid = ? AND NOT EXISTS ("
                             "SELECT 1 FROM footprints member WHERE member.uid = ? "
                             "AND member.goods_id = guest.goods_id "
                             "AND member.viewed_at > guest.viewed_at) "
                             "ORDER BY guest.viewed_at, guest.rowid"),
              {memberUid, guestUid, memberUid});
    m_db.exec(QStringLiteral("DELETE FROM footprints WHERE uid = ?"), {guestUid});
    m_db.exec(QStringLiteral("UPDATE users SET merged_into = ? WHERE uid = ?"),
              {memberUid, guestUid});
}

} // namespace mall::server
