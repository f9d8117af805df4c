#pragma once

#include <QDateTime>
#include <QMutex>

namespace mall::net {

// The server's idea of "now", learned from the Date header of its answers.
// Date has one-second resolution, so offsets within the dead zone are taken
// as zero (the same machine, or a well-synced one); larger offsets are taken
// as measured, centred in their one-second uncertainty. Thread-safe.
class ServerClock
{
public:
    static constexpr qint64 kDeadZoneMs = 2000;
    // Date is written some time within its second: half a second either way.
    static constexpr qint64 kHalfDateResolutionMs = 500;

    void observeDate(const QDateTime &serverDate, qint64 localMsSinceEpoch);
    // The raw header, parsed only when it differs from the last one seen
    // (it changes once a second; parsing it for every answer costs).
    void observeDateHeader(const QByteArray &dateHeader, qint64 localMsSinceEpoch);
    qint64 offsetMs() const;
    // How far off offsetMs() may be: half of Date's resolution once an offset
    // was measured, none while the clocks are taken as the same.
    qint64 uncertaintyMs() const;
    qint64 serverNowMs() const;
    qint64 serverNowSecs() const;

private:
    mutable QMutex m_mutex;
    qint64 m_offsetMs = 0;
    QByteArray m_lastHeader;
};

} // namespace mall::net
