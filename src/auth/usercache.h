#pragma once

#include <QJsonObject>
#include <QString>

namespace mall::auth {

// What the app may show before any network call: the non-secret part of the
// user (uid, step, nickname, avatar, gender), per API origin, in QSettings.
// Also the installation's device id for the platform. Never a token, never
// a phone number.
class UserCache
{
public:
    explicit UserCache(const QString &apiOrigin);

    QJsonObject user() const;
    void setUser(const QJsonObject &user);
    void clear();

    // A stable id for this installation and backend, made on first use.
    QString deviceId();

private:
    QString m_group;
};

} // namespace mall::auth
