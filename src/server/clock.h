#pragma once

#include <QDateTime>

namespace mall::server {

// Server time in Unix seconds. /dev/clock can move it forward so tests reach
// cooldowns, lockouts and expiries without sleeping.
class Clock
{
public:
    qint64 now() const { return nowMs() / 1000; }
    qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch() + m_offset * 1000; }
    void advance(qint64 seconds) { m_offset += seconds; }
    qint64 offset() const { return m_offset; }
    void reset() { m_offset = 0; }

private:
    qint64 m_offset = 0;
};

} // namespace mall::server
