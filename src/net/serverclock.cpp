#include "serverclock.h"

#include "protocol/httpdate.h"

namespace mall::net {

void ServerClock::observeDate(const QDateTime &serverDate, qint64 localMsSinceEpoch)
{
    if (!serverDate.isValid())
        return;
    // The server wrote the date some time in [Date, Date + 1 s).
    const qint64 measured =
        serverDate.toMSecsSinceEpoch() + kHalfDateResolutionMs - localMsSinceEpoch;
    const QMutexLocker lock(&m_mutex);
    m_offsetMs = qAbs(measured) <= kDeadZoneMs ? 0 : measured;
}

void ServerClock::observeDateHeader(const QByteArray &dateHeader, qint64 localMsSinceEpoch)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (dateHeader.isEmpty() || dateHeader == m_lastHeader)
            return;
        m_lastHeader = dateHeader;
    }
    observeDate(protocol::parseHttpDate(dateHeader), localMsSinceEpoch);
}

qint64 ServerClock::offsetMs() const
{
    const QMutexLocker lock(&m_mutex);
    return m_offsetMs;
}

qint64 ServerClock::uncertaintyMs() const
{
    return offsetMs() == 0 ? 0 : kHalfDateResolutionMs;
}

qint64 ServerClock::serverNowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + offsetMs();
}

qint64 ServerClock::serverNowSecs() const
{
    return serverNowMs() / 1000;
}

} // namespace mall::net
