#pragma once

#include "clock.h"
#include "database.h"

#include <QByteArray>
#include <QString>

namespace mall::server {

// SMS codes and the wrong-credential lockout of a phone number: one code at a
// time, a 60 s cooldown between sends, and 5 wrong tries (code or password)
// lock the phone for 15 minutes. Codes are stored hashed; the plaintext goes
// to the caller once (the "SMS gateway", which is the dev outbox here).
class PhoneGuard
{
public:
    static constexpr qint64 kCooldown = 60;
    static constexpr qint64 kCodeLifetime = 5 * 60;
    static constexpr int kMaxTries = 5;
    static constexpr qint64 kLockDuration = 15 * 60;

    PhoneGuard(Database &database, const Clock &clock);

    struct SendResult
    {
        bool sent = false;
        qint64 retryAfter = 0; // seconds, when not sent
        QByteArray code;       // when sent
    };
    SendResult send(const QString &phone);

    // Seconds the phone stays locked, 0 when it is not.
    qint64 lockedFor(const QString &phone);

    enum class Verdict
    {
        Accepted,
        Wrong,
        Locked
    };
    struct Check
    {
        Verdict verdict = Verdict::Wrong;
        qint64 retryAfter = 0; // when locked
        int triesLeft = 0;     // when wrong
    };
    // Consumes the code when it matches.
    Check verifyCode(const QString &phone, const QString &code);
    // Counts a failed password try; the lock is shared with SMS codes.
    Check recordFailure(const QString &phone);
    void recordSuccess(const QString &phone);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace mall::server
