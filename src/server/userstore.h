#pragma once

#include "database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mall::server {

struct User
{
    qint64 uid = 0;
    QString phone;
    QString nickname;
    QString avatarPath; // server-relative ("/media/avatars/...") or empty
    std::optional<int> gender;

    // 1 guest, 2 member (phone bound), 3 member-info (profile authorized).
    int step() const;
    // The protocol's User object; avatar paths become absolute under `origin`.
    QJsonObject toJson(const QString &origin) const;
};

// Users and the platform identities (openids) that point at them.
class UserStore
{
public:
    explicit UserStore(Database &database);

    std::optional<User> find(qint64 uid);
    std::optional<qint64> uidForPhone(const QString &phone);
    qint64 createGuest(qint64 now);
    qint64 createMember(const QString &phone, qint64 now);
    void setPhone(qint64 uid, const QString &phone);
    void setProfile(qint64 uid, const QString &nickname, const QString &avatarPath,
                    std::optional<int> gender);
    QByteArray passwordHash(qint64 uid);
    void setPasswordHash(qint64 uid, const QByteArray &hash);

    std::optional<qint64> uidForOpenid(const QString &openid);
    void linkIdentity(const QString &openid, qint64 uid);
    // The session key the backend last received for this identity (code2Session).
    QByteArray identitySessionKey(const QString &openid);
    void setIdentitySessionKey(const QString &openid, const QByteArray &sessionKey);

    // A guest who logs in to an existing account joins it: its identities
    // (and, later, footprints) move over and the guest row is retired.
    void absorbGuest(qint64 guestUid, qint64 memberUid);

private:
    Database &m_db;
};

} // namespace mall::server
