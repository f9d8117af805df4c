#include "fuseline.h"

#include <QElapsedTimer>

namespace mall::net {

namespace {

qint64 monotonicNow()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

} // namespace

FuseLine::FuseLine(Settings settings, Clock clock)
    : m_settings(settings)
    , m_clock(clock ? std::move(clock) : Clock(monotonicNow))
    , m_remaining(settings.tries)
{}

bool FuseLine::isBlown() const
{
    return m_blown && m_clock() < m_blownUntil;
}

qint64 FuseLine::restoresInMs() const
{
    return isBlown() ? m_blownUntil - m_clock() : 0;
}

void FuseLine::reset()
{
    m_blown = false;
    m_anyPass = false;
    m_remaining = m_settings.tries;
}

bool FuseLine::tryPass()
{
    const qint64 now = m_clock();
    if (m_blown) {
        if (now < m_blownUntil)
            return false;
        reset(); // restored
    }
    if (m_anyPass && now - m_lastPassAt >= m_settings.coolDownMs)
        m_remaining = m_settings.tries; // cooled down
    if (m_remaining <= 0) {
        m_blown = true;
        m_blownUntil = now + m_settings.restoreMs;
        return false;
    }
    --m_remaining;
    m_lastPassAt = now;
    m_anyPass = true;
    return true;
}

} // namespace mall::net
