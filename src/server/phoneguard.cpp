#include "phoneguard.h"

#include "securerandom.h"

namespace mall::server {

PhoneGuard::PhoneGuard(Database &database, const Clock &clock)
    : m_db(database)
    , m_clock(clock)
{}

PhoneGuard::SendResult PhoneGuard::send(const QString &phone)
{
    const qint64 now = m_clock.now();
    if (const qint64 locked = lockedFor(phone))
        return {false, locked, {}};
    const qint64 lastSent =
        m_db.scalar(QStringLiteral("SELECT last_sent_at FROM phone_guard WHERE phone = ?"), {phone})
            .toLongLong();
    if (lastSent > 0 && now - lastSent < kCooldown)
        return {false, kCooldown - (now - lastSent), {}};

    const QByteArray code = randomDigits(6);
    m_db.exec(QStringLiteral("INSERT INTO phone_guard (phone, code_hash, code_expires_at, "
                             "last_sent_at) VALUES (?, ?, ?, ?) ON CONFLICT(phone) DO UPDATE SET "
                             "code_hash = excluded.code_hash, code_expires_at = "
                             "excluded.code_expires_at, last_sent_at = excluded.last_sent_at"),
              {phone, QString::fromLatin1(sha256Hex(code)), now + kCodeLifetime, now});
    return {true, 0, code};
}

qint64 PhoneGuard::lockedFor(const QString &phone)
{
    const qint64 until =
        m_db.scalar(QStringLiteral("SELECT locked_until FROM phone_guard WHERE phone = ?"), {phone})
            .toLongLong();
    return std::max<qint64>(0, until - m_clock.now());
}

PhoneGuard::Check PhoneGuard::recordFailure(const QString &phone)
{
    const qint64 now = m_clock.now();
    m_db.exec(QStringLiteral("INSERT INTO phone_guard (phone, failed_tries) VALUES (?, 1) "
                             "ON CONFLICT(phone) DO UPDATE SET failed_tries = failed_tries + 1"),
              {phone});
    const int tries =
        m_db.scalar(QStringLiteral("SELECT failed_tries FROM phone_guard WHERE phone = ?"), {phone})
            .toInt();
    if (tries >= kMaxTries) {
        // Locking also burns the current code: a locked phone needs a new one.
        m_db.exec(QStringLiteral("UPDATE phone_guard SET locked_until = ?, failed_tries = 0, "
                                 "code_hash = NULL WHERE phone = ?"),
                  {now + kLockDuration, phone});
        return {Verdict::Locked, kLockDuration, 0};
    }
    return {Verdict::Wrong, 0, kMaxTries - tries};
}

void PhoneGuard::recordSuccess(const QString &phone)
{
    m_db.exec(QStringLiteral("UPDATE phone_guard SET failed_tries = 0 WHERE phone = ?"), {phone});
}

PhoneGuard::Check PhoneGuard::verifyCode(const QString &phone, const QString &code)
{
    if (const qint64 locked = lockedFor(phone))
        return {Verdict::Locked, locked, 0};
    QSqlQuery row = m_db.exec(
        QStringLiteral("SELECT code_hash, code_expires_at FROM phone_guard WHERE phone = ?"),
        {phone});
    const bool live =
        row.next() && !row.value(0).isNull() && row.value(1).toLongLong() > m_clock.now();
    if (live && constantTimeEquals(row.value(0).toByteArray(), sha256Hex(code.toUtf8()))) {
        m_db.exec(QStringLiteral("UPDATE phone_guard SET code_hash = NULL, failed_tries = 0 "
                                 "WHERE phone = ?"),
                  {phone});
        return {Verdict::Accepted, 0, 0};
    }
    return recordFailure(phone);
}

} // namespace mall::server
