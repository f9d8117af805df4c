#pragma once

#include <QtGlobal>

#include <functional>

namespace mall::net {

// The seeds' fuse line: at most `tries` passes while passes keep coming less
// than `coolDownMs` apart; the next attempt blows the fuse, and for
// `restoreMs` every attempt is refused. A pause of `coolDownMs` without a
// pass gives all tries back.
//
// Unlike the seed (whose cool-down timer also cleared a blown fuse after 1 s)
// a blown fuse stays blown for the whole restore time. Time comes from a
// clock function, so the semantics are exact and testable without sleeping.
struct FuseLineSettings
{
    int tries = 3;
    qint64 coolDownMs = 1000;
    qint64 restoreMs = 5000;
};

class FuseLine
{
public:
    using Settings = FuseLineSettings;
    using Clock = std::function<qint64()>; // monotonic milliseconds

    explicit FuseLine(Settings settings = Settings(), Clock clock = {});

    // True when this attempt may go ahead (and counts it).
    bool tryPass();
    bool isBlown() const;
    // Milliseconds until a blown fuse restores; 0 when not blown.
    qint64 restoresInMs() const;
    void reset();

    const Settings &settings() const { return m_settings; }

private:
    Settings m_settings;
    Clock m_clock;
    int m_remaining;
    qint64 m_lastPassAt = 0;
    bool m_anyPass = false;
    qint64 m_blownUntil = 0;
    bool m_blown = false;
};

} // namespace mall::net
