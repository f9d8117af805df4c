#pragma once

// What both start-up probes share (mall-startup-probe, mall-startup-minimal):
// the clock they measure from, peak RSS, and the probe that watches a window
// for its first frame (and, for the app, for its home page), then prints one
// JSON line and quits.

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>
#include <unistd.h>

namespace startupprobe {

inline qint64 monotonicNs(clockid_t clock = CLOCK_MONOTONIC)
{
    timespec now{};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// When this process started, on CLOCK_MONOTONIC, from the kernel's record
// (field 22 of /proc/self/stat, clock ticks since boot). The kernel counts
// it on the boot clock, so it is moved over by the two clocks' difference.
inline qint64 processStartNs()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return monotonicNs();
    const QByteArray line = stat.readAll();
    // The command name (field 2) may contain spaces; fields go on after ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    constexpr int kStartTimeAfterParen = 22 - 3;
    if (fields.size() <= kStartTimeAfterParen)
        return monotonicNs();
    const qint64 ticks = fields.at(kStartTimeAfterParen).toLongLong();
    const qint64 startBootNs = ticks * (1000000000 / sysconf(_SC_CLK_TCK));
    return startBootNs - (monotonicNs(CLOCK_BOOTTIME) - monotonicNs());
}

// Peak resident set size so far (VmHWM), in kB.
inline qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Watches one window: the time of its first frame from process start, and
// with a `homeReady` test also the time that test first holds, with the peak
// RSS at that point. Prints one JSON line, then quits the application.
class Probe : public QObject
{
public:
    using Ready = std::function<bool(QQuickWindow *)>;

    explicit Probe(qint64 startNs)
        : m_startNs(startNs)
    {}

    qint64 sinceStartMs() const { return (monotonicNs() - m_startNs) / 1000000; }
    void mark(const char *name) { m_result.insert(QLatin1String(name), sinceStartMs()); }

    void watch(QQuickWindow *window, Ready homeReady = {})
    {
        m_window = window;
        m_homeReady = std::move(homeReady);
        // Emitted on the render thread with the threaded render loop: note
        // the time there, then carry on in this thread.
        connect(
            window, &QQuickWindow::frameSwapped, this,
            [this] {
                qint64 none = -1;
                if (!m_firstFrameMs.compare_exchange_strong(none, sinceStartMs()))
                    return;
                m_firstFrameRssKb = peakRssKb();
                QMetaObject::invokeMethod(
                    this, [this] { check(); }, Qt::QueuedConnection);
            },
            Qt::DirectConnection);
        // Polled: a card appears through models, delegates and loaders, and
        // nothing signals "the grid has items on screen". 10 ms resolution.
        connect(&m_poll, &QTimer::timeout, this, [this] { check(); });
        m_poll.start(10);
        QTimer::singleShot(60000, this, [this] { finish(1); });
    }

private:
    void check()
    {
        if (m_homeReady && m_homeReadyMs < 0 && m_window && m_homeReady(m_window)) {
            m_homeReadyMs = sinceStartMs();
            notePeak();
        }
        if (m_firstFrameMs.load() < 0)
            return;
        if (m_homeReady) {
            if (m_homeReadyMs >= 0)
                finish(0);
            return;
        }
        // A baseline: a moment for what the first frames allocate lazily, so
        // its peak is not read too early, in its favour.
        if (!m_settling) {
            m_settling = true;
            QTimer::singleShot(300, this, [this] {
                notePeak();
                finish(0);
            });
        }
    }

    // The peak RSS so far and, with MALL_PROBE_SMAPS=FILE, where that memory
    // is (/proc/self/smaps), for finding what to cut; see docs/benchmarks.md.
    void notePeak()
    {
        m_peakRssKb = peakRssKb();
        const QString path = qEnvironmentVariable("MALL_PROBE_SMAPS");
        QFile smaps(QStringLiteral("/proc/self/smaps"));
        QFile out(path);
        if (!path.isEmpty() && smaps.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly))
            out.write(smaps.readAll()); // procfs reports size 0: read, not copy
    }

    void finish(int exitCode)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_poll.stop();
        m_result.insert(QLatin1String("first_frame_ms"), m_firstFrameMs.load());
        m_result.insert(QLatin1String("first_frame_rss_kb"), m_firstFrameRssKb.load());
        if (m_homeReady)
            m_result.insert(QLatin1String("home_ready_ms"), m_homeReadyMs);
        m_result.insert(QLatin1String("peak_rss_kb"), m_peakRssKb >= 0 ? m_peakRssKb : peakRssKb());
        if (exitCode != 0)
            m_result.insert(QLatin1String("error"), QLatin1String("timed out after 60 s"));
        std::printf("%s\n", QJsonDocument(m_result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::exit(exitCode);
    }

    const qint64 m_startNs;
    QQuickWindow *m_window = nullptr;
    Ready m_homeReady;
    QTimer m_poll;
    std::atomic<qint64> m_firstFrameMs{-1};
    std::atomic<qint64> m_firstFrameRssKb{-1};
    qint64 m_homeReadyMs = -1;
    qint64 m_peakRssKb = -1;
    bool m_settling = false;
    bool m_finished = false;
    QJsonObject m_result;
};

inline QString argumentAfter(const QStringList &arguments, const QString &name)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1) : QString();
}

// The launch time the parent passed (--launched-at NS), else the kernel's.
inline qint64 launchTimeNs(int argc, char *argv[])
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--launched-at") == 0) {
            const qint64 ns = QByteArray(argv[i + 1]).toLongLong();
            if (ns > 0)
                return ns;
        }
    }
    return processStartNs();
}

} // namespace startupprobe
