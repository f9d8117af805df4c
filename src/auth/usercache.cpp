#include "usercache.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QUuid>

namespace mall::auth {

namespace {

const QStringList kCachedFields = {QStringLiteral("uid"), QStringLiteral("step"),
                                   QStringLiteral("nickname"), QStringLiteral("avatarUrl"),
                                   QStringLiteral("gender")};

} // namespace

UserCache::UserCache(const QString &apiOrigin)
    // QSettings groups cannot hold '/' or ':' safely: name the origin by hash.
    : m_group(
          QStringLiteral("backend-") +
          QString::fromLatin1(QCryptographicHash::hash(apiOrigin.toUtf8(), QCryptographicHash::Sha1)
                                  .toHex()
                                  .left(12)))
{}

QJsonObject UserCache::user() const
{
    QSettings settings;
    settings.beginGroup(m_group + QStringLiteral("/user"));
    QJsonObject user;
    for (const QString &field : kCachedFields) {
        const QVariant value = settings.value(field);
        if (!value.isValid())
            continue;
        user.insert(field, field == QLatin1String("uid") || field == QLatin1String("step") ||
                                   field == QLatin1String("gender")
                               ? QJsonValue(value.toLongLong())
                               : QJsonValue(value.toString()));
    }
    return user.value(QLatin1String("uid")).toInteger() > 0 ? user : QJsonObject();
}

void UserCache::setUser(const QJsonObject &user)
{
    QSettings settings;
    settings.remove(m_group + QStringLiteral("/user"));
    settings.beginGroup(m_group + QStringLiteral("/user"));
    for (const QString &field : kCachedFields) {
        const QJsonValue value = user.value(field);
        if (!value.isNull() && !value.isUndefined())
            settings.setValue(field, value.toVariant());
    }
}

void UserCache::clear()
{
    QSettings().remove(m_group + QStringLiteral("/user"));
}

QString UserCache::deviceId()
{
    QSettings settings;
    const QString key = m_group + QStringLiteral("/deviceId");
    QString id = settings.value(key).toString();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        settings.setValue(key, id);
    }
    return id;
}

} // namespace mall::auth
