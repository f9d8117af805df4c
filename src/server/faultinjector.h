#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace mall::server {

// One rule of POST /dev/faults: the next `remaining` requests whose path
// starts with `pathPrefix` are delayed, answered with an error, or dropped.
struct Fault
{
    QString pathPrefix;
    int status = 0; // 0: answer normally (after the delay)
    QByteArray code;
    int delayMs = 0;
    bool drop = false;
    int remaining = 1;
};

class FaultInjector
{
public:
    void add(const Fault &fault) { m_faults.append(fault); }
    void clear() { m_faults.clear(); }
    int pending() const { return static_cast<int>(m_faults.size()); }

    // The first rule matching `path`, with one use taken off it.
    std::optional<Fault> take(const QString &path);

private:
    QList<Fault> m_faults;
};

} // namespace mall::server
