// The small reusable pieces of the network layer, to the millisecond: the
// fuse line (with an injected clock), the single flight, the server clock.

#include "net/authgate.h"
#include "net/fuseline.h"
#include "net/serverclock.h"
#include "net/singleflight.h"

#include <QTest>

using mall::net::FuseLine;
using mall::net::ServerClock;
using mall::net::SingleFlight;

class TstNetUnits : public QObject
{
    Q_OBJECT

private slots:
    void fuseDefaultsAreTheSeeds();
    void fuseAllowsTriesThenBlows();
    void fuseStaysBlownForTheWholeRestoreTime();
    void fuseCoolsDownAfterAPause();
    void fuseCoolDownIsMeasuredFromTheLastPass();
    void fuseResetGivesAllTriesBack();
    void singleFlightJoinsCallersToOneRun();
    void singleFlightStartsAgainAfterARun();
    void singleFlightSynchronousDone();
    void singleFlightCallbackMayStartTheNextRun();
    void singleFlightCancelDropsWaitersAndLateResults();
    void serverClockDeadZoneAndOffset_data();
    void serverClockDeadZoneAndOffset();
    void refreshLead_data();
    void refreshLead();
};

namespace {

struct ManualClock
{
    qint64 now = 1000;
    FuseLine::Clock function()
    {
        return [this] { return now; };
    }
};

} // namespace

void TstNetUnits::fuseDefaultsAreTheSeeds()
{
    const FuseLine fuse;
    QCOMPARE(fuse.settings().tries, 3);
    QCOMPARE(fuse.settings().coolDownMs, 1000);
    QCOMPARE(fuse.settings().restoreMs, 5000);
}

void TstNetUnits::fuseAllowsTriesThenBlows()
{
    ManualClock clock;
    FuseLine fuse({3, 1000, 5000}, clock.function());
    QVERIFY(fuse.tryPass());
    clock.now += 100;
    QVERIFY(fuse.tryPass());
    clock.now += 100;
    QVERIFY(fuse.tryPass());
    clock.now += 100;
    QVERIFY(!fuse.tryPass()); // the fourth inside the window blows it
    QVERIFY(fuse.isBlown());
    QCOMPARE(fuse.restoresInMs(), 5000);
}

void TstNetUnits::fuseStaysBlownForTheWholeRestoreTime()
{
    ManualClock clock;
    FuseLine fuse({3, 1000, 5000}, clock.function());
    for (int i = 0; i < 3; ++i)
        QVERIFY(fuse.tryPass());
    QVERIFY(!fuse.tryPass());
    // The seed's cool-down timer would have cleared the fuse after 1 s.
    clock.now += 1500;
    QVERIFY(!fuse.tryPass());
    clock.now += 3499; // 4999 ms after blowing
    QVERIFY(fuse.isBlown());
    QVERIFY(!fuse.tryPass());
    clock.now += 1;
    QVERIFY(!fuse.isBlown());
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    QVERIFY(!fuse.tryPass());
}

void TstNetUnits::fuseCoolsDownAfterAPause()
{
    ManualClock clock;
    FuseLine fuse({3, 1000, 5000}, clock.function());
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    clock.now += 999;
    QVERIFY(fuse.tryPass()); // third pass, still inside the window
    clock.now += 1000;       // a full cool-down since the last pass
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    QVERIFY(!fuse.tryPass());
}

void TstNetUnits::fuseCoolDownIsMeasuredFromTheLastPass()
{
    ManualClock clock;
    FuseLine fuse({3, 1000, 5000}, clock.function());
    // Passes 900 ms apart never let the fuse cool down: 3 pass, then it blows.
    QVERIFY(fuse.tryPass());
    clock.now += 900;
    QVERIFY(fuse.tryPass());
    clock.now += 900;
    QVERIFY(fuse.tryPass());
    clock.now += 900;
    QVERIFY(!fuse.tryPass());
}

void TstNetUnits::fuseResetGivesAllTriesBack()
{
    ManualClock clock;
    FuseLine fuse({2, 1000, 5000}, clock.function());
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    QVERIFY(!fuse.tryPass());
    fuse.reset();
    QVERIFY(!fuse.isBlown());
    QVERIFY(fuse.tryPass());
    QVERIFY(fuse.tryPass());
    QVERIFY(!fuse.tryPass());
}

void TstNetUnits::singleFlightJoinsCallersToOneRun()
{
    SingleFlight<int> flight;
    int starts = 0;
    std::function<void(const int &)> finish;
    QList<int> answers;
    for (int i = 0; i < 10; ++i) {
        const bool started = flight.run(
            [&](auto done) {
                ++starts;
                finish = done;
            },
            [&answers, i](const int &result) { answers.append(result * 100 + i); });
        QCOMPARE(started, i == 0);
    }
    QCOMPARE(starts, 1);
    QCOMPARE(flight.waiting(), 10);
    QVERIFY(answers.isEmpty());
    finish(7);
    // Everyone gets the one result, in the order they came.
    QCOMPARE(answers, (QList<int>{700, 701, 702, 703, 704, 705, 706, 707, 708, 709}));
    QVERIFY(!flight.isRunning());
    finish(8); // a second done() from the same run changes nothing
    QCOMPARE(answers.size(), 10);
}

void TstNetUnits::singleFlightStartsAgainAfterARun()
{
    SingleFlight<QString> flight;
    int starts = 0;
    QStringList results;
    const auto start = [&](auto done) { done(QStringLiteral("run %1").arg(++starts)); };
    flight.run(start, [&](const QString &r) { results.append(r); });
    flight.run(start, [&](const QString &r) { results.append(r); });
    QCOMPARE(starts, 2);
    QCOMPARE(results, (QStringList{QStringLiteral("run 1"), QStringLiteral("run 2")}));
}

void TstNetUnits::singleFlightSynchronousDone()
{
    SingleFlight<int> flight;
    int calls = 0;
    flight.run([](auto done) { done(1); }, [&](const int &) { ++calls; });
    QCOMPARE(calls, 1);
    QVERIFY(!flight.isRunning());
}

void TstNetUnits::singleFlightCallbackMayStartTheNextRun()
{
    SingleFlight<int> flight;
    std::function<void(const int &)> finish;
    QList<int> seen;
    const auto start = [&](auto done) { finish = done; };
    flight.run(start, [&](const int &r) {
        seen.append(r);
        flight.run(start, [&](const int &next) { seen.append(next); });
    });
    finish(1);
    QVERIFY(flight.isRunning()); // the callback started run two
    QCOMPARE(flight.waiting(), 1);
    finish(2);
    QCOMPARE(seen, (QList<int>{1, 2}));
}

void TstNetUnits::singleFlightCancelDropsWaitersAndLateResults()
{
    SingleFlight<int> flight;
    std::function<void(const int &)> finish;
    int calls = 0;
    flight.run([&](auto done) { finish = done; }, [&](const int &) { ++calls; });
    flight.cancel();
    QVERIFY(!flight.isRunning());
    finish(5);
    QCOMPARE(calls, 0);
}

void TstNetUnits::serverClockDeadZoneAndOffset_data()
{
    QTest::addColumn<qint64>("serverAheadMs");
    QTest::addColumn<qint64>("minOffset");
    QTest::addColumn<qint64>("maxOffset");
    QTest::newRow("in sync") << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("a second ahead (Date resolution)") << qint64(1000) << qint64(0) << qint64(0);
    QTest::newRow("a second behind") << qint64(-1000) << qint64(0) << qint64(0);
    QTest::newRow("five minutes ahead") << qint64(300000) << qint64(299000) << qint64(301000);
    QTest::newRow("an hour behind") << qint64(-3600000) << qint64(-3601000) << qint64(-3599000);
}

void TstNetUnits::serverClockDeadZoneAndOffset()
{
    QFETCH(qint64, serverAheadMs);
    QFETCH(qint64, minOffset);
    QFETCH(qint64, maxOffset);
    const qint64 local = QDateTime::currentMSecsSinceEpoch();
    // A Date header carries whole seconds.
    const QDateTime date = QDateTime::fromSecsSinceEpoch((local + serverAheadMs) / 1000, Qt::UTC);
    ServerClock clock;
    clock.observeDate(date, local);
    QVERIFY2(clock.offsetMs() >= minOffset && clock.offsetMs() <= maxOffset,
             QByteArray::number(clock.offsetMs()).constData());
    clock.observeDate(QDateTime(), local); // an unreadable Date changes nothing
    QVERIFY(clock.offsetMs() >= minOffset && clock.offsetMs() <= maxOffset);
    QCOMPARE(clock.uncertaintyMs(), clock.offsetMs() == 0 ? 0 : 500);
}

void TstNetUnits::refreshLead_data()
{
    QTest::addColumn<qint64>("lifetimeMs");
    QTest::addColumn<int>("leadSeconds");
    QTest::addColumn<qint64>("uncertaintyMs");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("15 min: the configured minute")
        << qint64(900000) << 60 << qint64(0) << qint64(60000);
    QTest::newRow("15 min, clock measured") << qint64(900000) << 60 << qint64(500) << qint64(60500);
    QTest::newRow("2 min: an eighth") << qint64(120000) << 60 << qint64(0) << qint64(15000);
    QTest::newRow("3 s (a 2 s token)") << qint64(3000) << 60 << qint64(0) << qint64(375);
    QTest::newRow("3 s, clock measured") << qint64(3000) << 60 << qint64(500) << qint64(875);
    QTest::newRow("1 s, clock measured: half") << qint64(1000) << 60 << qint64(500) << qint64(500);
    QTest::newRow("no lead configured") << qint64(900000) << 0 << qint64(0) << qint64(0);
}

void TstNetUnits::refreshLead()
{
    QFETCH(qint64, lifetimeMs);
    QFETCH(int, leadSeconds);
    QFETCH(qint64, uncertaintyMs);
    QFETCH(qint64, expected);
    QCOMPARE(mall::net::refreshLeadMs(lifetimeMs, leadSeconds, uncertaintyMs), expected);
}

QTEST_GUILESS_MAIN(TstNetUnits)
#include "tst_netunits.moc"
