#pragma once

#include <QList>

#include <functional>
#include <utility>

namespace mall::net {

// The seeds' single queue: while one run is in flight, further callers join
// it and are all answered with its one result, in the order they came.
//
//     SingleFlight<Result> flight;
//     flight.run([](auto done) { startWork(done); }, [](const Result &r) { ... });
//
// `start` is called only when no run is in flight; it must call `done`
// exactly once (possibly synchronously).
template <typename Result> class SingleFlight
{
public:
    using Callback = std::function<void(const Result &)>;
    using Done = std::function<void(const Result &)>;

    // Returns true if this call started a new run, false if it joined one.
    bool run(const std::function<void(Done)> &start, Callback callback)
    {
        m_waiters.append(std::move(callback));
        if (m_running)
            return false;
        m_running = true;
        const quint64 generation = ++m_generation;
        start([this, generation](const Result &result) { finish(generation, result); });
        return true;
    }

    bool isRunning() const { return m_running; }
    int waiting() const { return int(m_waiters.size()); }

    // Drops the waiters of the run in flight without calling them (the owner
    // is going away); a late `done` from that run is ignored.
    void cancel()
    {
        m_running = false;
        m_waiters.clear();
        ++m_generation;
    }

private:
    void finish(quint64 generation, const Result &result)
    {
        if (generation != m_generation || !m_running)
            return;
        m_running = false;
        // Callbacks may start the next run; they must see a fresh queue.
        const QList<Callback> waiters = std::exchange(m_waiters, {});
        for (const Callback &callback : waiters)
            callback(result);
    }

    QList<Callback> m_waiters;
    bool m_running = false;
    quint64 m_generation = 0;
};

} // namespace mall::net
