#pragma once

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace mall::server {

// One rule of POST /dev/faults: the next `remaining` requests whose path
// starts with `pathPrefix` (and, if set, whose method is `method`) are
// delayed, answered with an error, or dropped.
// With a probability below 1 each of those requests is hit only by chance.
struct Fault
{
    QString pathPrefix;
    QByteArray method; // empty: any method
    int status = 0;    // 0: answer normally (after the delay)
    QByteArray code;
    int delayMs = 0;
    bool drop = false;
    int remaining = 1;
    // 1: every matching request (the rules' original behaviour).
    double probability = 1.0;
    // Set: the request is processed at once (whatever it changes is committed)
    // and only its answer is held this long, then written, replaced by
    // `status`, or dropped. Unset: the fault happens instead of processing.
    std::optional<int> holdAnswerMs;
};

class FaultInjector
{
public:
    void add(const Fault &fault) { m_faults.append(fault); }
    void clear() { m_faults.clear(); }
    int pending() const { return static_cast<int>(m_faults.size()); }

    // The fault to apply to a `method` request for `path`, if any. Rules are
    // tried in the order they were added; each matching rule uses up one of
    // its `remaining` matches and applies with its probability, and a rule
    // that does not apply lets the next matching one try, so independent
    // rules on one path add up (5% drops and 5% errors).
    std::optional<Fault> take(const QByteArray &method, const QString &path);

private:
    QList<Fault> m_faults;
    // Not the global generator: the dice here need no cryptographic quality,
    // and a generator of its own keeps them away from everything else.
    QRandomGenerator m_random{QRandomGenerator::global()->generate()};
};

} // namespace mall::server
