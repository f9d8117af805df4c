#include "startup.h"

#include "benchserver.h"
#include "benchutil.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

namespace bench {

namespace {

constexpr double kFirstFrameTarget = 1.3;
constexpr double kRssTarget = 1.5;

qint64 monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

QString platform()
{
    const QByteArray set = qgetenv("QT_QPA_PLATFORM");
    if (!set.isEmpty())
        return QString::fromLocal8Bit(set);
    return qEnvironmentVariableIsEmpty("DISPLAY") ? QStringLiteral("offscreen")
                                                  : QStringLiteral("xcb");
}

// One probe in a fresh process; its JSON line, or an empty object.
QJsonObject probe(const QString &program, const QStringList &arguments, const QString &home,
                  bool verbose)
{
    QProcess process;
    process.setProgram(QCoreApplication::applicationDirPath() + QLatin1Char('/') + program);
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform());
    // Settings (the user cache, the device id) in a throwaway home, so a
    // cold start is cold and a warm one finds its own first start's.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    process.setProcessEnvironment(environment);
    // The app logs its embedded server's requests as mall-client does; a
    // terminal would only slow it down.
    process.setStandardErrorFile(QProcess::nullDevice());
    process.setArguments(
        arguments + QStringList{QStringLiteral("--launched-at"), QString::number(monotonicNs())});
    process.start();
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished(5000);
    }
    const QByteArray out = process.readAllStandardOutput().trimmed();
    if (verbose)
        std::fprintf(stderr, "%s %s\n", qPrintable(program), out.constData());
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 ||
        result.value(QLatin1String("first_frame_ms")).toInteger() <= 0) {
        std::fprintf(stderr, "mall-bench: %s %s failed: %s\n", qPrintable(program),
                     qPrintable(arguments.join(QLatin1Char(' '))), out.constData());
        return {};
    }
    return result;
}

// Medians of one kind of run, field by field.
class Series
{
public:
    void add(const QJsonObject &run) { m_runs.append(run); }
    double median(const char *field) const
    {
        QList<double> values;
        for (const QJsonObject &run : m_runs)
            values.append(run.value(QLatin1String(field)).toDouble());
        return bench::median(values);
    }

private:
    QList<QJsonObject> m_runs;
};

double ratio(double a, double b)
{
    return b > 0 ? qRound(a / b * 100.0) / 100.0 : 0;
}

} // namespace

int startup(int runs, bool verbose)
{
    const QString appProbe = QStringLiteral("mall-startup-probe");
    const QString minimalProbe = QStringLiteral("mall-startup-minimal");
    for (const QString &program : {appProbe, minimalProbe}) {
        if (!QFileInfo::exists(QCoreApplication::applicationDirPath() + QLatin1Char('/') +
                               program)) {
            std::fprintf(stderr, "mall-bench: %s is not built (cmake --build build --target %s)\n",
                         qPrintable(program), qPrintable(program));
            return 1;
        }
    }
    // The app against a backend of its own process too, as in production
    // (`mall-client --api`): what the embedded server costs shows as the
    // difference.
    BenchServer backend;
    QString error;
    if (!backend.start({}, {}, &error)) {
        std::fprintf(stderr, "mall-bench: %s\n", qPrintable(error));
        return 1;
    }
    Series cold, warm, remote, material, plain;
    // Interleaved, so drift on a shared machine hits every kind alike.
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir home;
        const QStringList app{QStringLiteral("--data"), home.path()};
        // Cold: the embedded server creates its database and seeds the
        // catalog, the client logs in as a new guest. Warm: the same data
        // directory again (catalog there, the device known: same guest).
        const QJsonObject first = probe(appProbe, app, home.path(), verbose);
        const QJsonObject second = probe(appProbe, app, home.path(), verbose);
        QTemporaryDir remoteHome;
        const QJsonObject third = probe(appProbe,
                                        {QStringLiteral("--data"), remoteHome.path(),
                                         QStringLiteral("--api"), backend.url().toString()},
                                        remoteHome.path(), verbose);
        QTemporaryDir minimalHome;
        const QJsonObject m =
            probe(minimalProbe, {QStringLiteral("material")}, minimalHome.path(), verbose);
        const QJsonObject p =
            probe(minimalProbe, {QStringLiteral("plain")}, minimalHome.path(), verbose);
        if (first.isEmpty() || second.isEmpty() || third.isEmpty() || m.isEmpty() || p.isEmpty())
            return 1;
        remote.add(third);
        cold.add(first);
        warm.add(second);
        material.add(m);
        plain.add(p);
    }
    const double firstFrameRatio =
        ratio(cold.median("first_frame_ms"), material.median("first_frame_ms"));
    const double rssRatio = ratio(cold.median("peak_rss_kb"), material.median("peak_rss_kb"));
    const QJsonObject line{
        {QLatin1String("runs"), runs},
        {QLatin1String("platform"), platform()},
        {QLatin1String("app_first_frame_ms"), cold.median("first_frame_ms")},
        {QLatin1String("app_home_ready_ms"), cold.median("home_ready_ms")},
        {QLatin1String("app_peak_rss_kb"), cold.median("peak_rss_kb")},
        {QLatin1String("minimal_first_frame_ms"), material.median("first_frame_ms")},
        {QLatin1String("minimal_peak_rss_kb"), material.median("peak_rss_kb")},
        {QLatin1String("first_frame_ratio"), firstFrameRatio},
        {QLatin1String("rss_ratio"), rssRatio},
        {QLatin1String("warm_first_frame_ms"), warm.median("first_frame_ms")},
        {QLatin1String("warm_home_ready_ms"), warm.median("home_ready_ms")},
        {QLatin1String("warm_peak_rss_kb"), warm.median("peak_rss_kb")},
        {QLatin1String("warm_first_frame_ratio"),
         ratio(warm.median("first_frame_ms"), material.median("first_frame_ms"))},
        {QLatin1String("warm_rss_ratio"),
         ratio(warm.median("peak_rss_kb"), material.median("peak_rss_kb"))},
        {QLatin1String("remote_first_frame_ms"), remote.median("first_frame_ms")},
        {QLatin1String("remote_home_ready_ms"), remote.median("home_ready_ms")},
        {QLatin1String("remote_peak_rss_kb"), remote.median("peak_rss_kb")},
        {QLatin1String("remote_first_frame_ratio"),
         ratio(remote.median("first_frame_ms"), material.median("first_frame_ms"))},
        {QLatin1String("remote_rss_ratio"),
         ratio(remote.median("peak_rss_kb"), material.median("peak_rss_kb"))},
        {QLatin1String("plain_first_frame_ms"), plain.median("first_frame_ms")},
        {QLatin1String("plain_peak_rss_kb"), plain.median("peak_rss_kb")},
        {QLatin1String("app_main_ms"), cold.median("main_ms")},
        {QLatin1String("app_qml_loaded_ms"), cold.median("qml_loaded_ms")},
        {QLatin1String("minimal_main_ms"), material.median("main_ms")},
        {QLatin1String("minimal_qml_loaded_ms"), material.median("qml_loaded_ms")},
    };
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return firstFrameRatio <= kFirstFrameTarget && rssRatio <= kRssTarget ? 0 : 3;
}

} // namespace bench
