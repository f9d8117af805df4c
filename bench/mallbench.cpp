// mall-bench: figures for docs/benchmarks.md, one JSON line per run.
//   mall-bench storm --n N [--api URL]    N concurrent requests meet an expired token
//   mall-bench overhead --n N [--api URL] the manager against a plain QNetworkAccessManager
//   mall-bench startup [--runs N]         the app's start against a minimal Qt Quick window
//   mall-bench soak --seconds S [--api URL] concurrent clients shop while the server fails

#include "auth/mallclient.h"
#include "benchserver.h"
#include "benchutil.h"
#include "soak.h"
#include "startup.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

using bench::devGet;
using bench::devPost;
using bench::loggedInClient;
using bench::waitUntil;

struct Batch
{
    int ok = 0;
    int failed = 0;
    qint64 wallMs = 0;
    QList<qint64> latenciesMs;

    qint64 percentile(double p) const
    {
        if (latenciesMs.isEmpty())
            return 0;
        QList<qint64> sorted = latenciesMs;
        std::sort(sorted.begin(), sorted.end());
        const qsizetype index =
            std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())));
        return sorted.at(index);
    }
};

// Fires `n` requests at once through `manager` and waits for all of them.
Batch fire(QNetworkAccessManager &manager, const QUrl &url, int n, const QByteArray &token = {})
{
    Batch batch;
    int pending = n;
    QEventLoop loop;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < n; ++i) {
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        const qint64 sentAt = wall.elapsed();
        QNetworkReply *reply = manager.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, sentAt] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            (status == 200 ? batch.ok : batch.failed) += 1;
            batch.latenciesMs.append(wall.elapsed() - sentAt);
            if (--pending == 0)
                loop.quit();
            reply->deleteLater();
        });
    }
    waitUntil(
        loop, [&] { return pending == 0; }, 120000, 0);
    batch.wallMs = wall.elapsed();
    return batch;
}

int storm(const QUrl &api, int n)
{
    auto client = loggedInClient(api);
    if (!client) {
        std::fprintf(stderr, "mall-bench: could not log in at %s\n", qPrintable(api.toString()));
        return 1;
    }
    QNetworkAccessManager control;
    const QUrl target = api.resolved(QUrl(QStringLiteral("/dev/echo?requireAuth=1")));
    const Batch baseline = fire(client->network(), target, n);
    const int refreshesBefore = devGet(control, api.resolved(QUrl(QStringLiteral("/dev/stats"))))
                                    .value(QLatin1String("refreshes"))
                                    .toInt();
    devPost(control, api.resolved(QUrl(QStringLiteral("/dev/expire"))),
            QJsonObject{{QLatin1String("what"), QLatin1String("access")},
                        {QLatin1String("uid"), client->session().uid()}});
    const Batch expired = fire(client->network(), target, n);
    const int refreshes = devGet(control, api.resolved(QUrl(QStringLiteral("/dev/stats"))))
                              .value(QLatin1String("refreshes"))
                              .toInt() -
                          refreshesBefore;
    const QJsonObject line{
        {QLatin1String("n"), n},
        {QLatin1String("ok"), expired.ok},
        {QLatin1String("failed"), expired.failed},
        {QLatin1String("refreshes"), refreshes},
        {QLatin1String("wall_ms"), expired.wallMs},
        {QLatin1String("p50_ms"), expired.percentile(0.50)},
        {QLatin1String("p99_ms"), expired.percentile(0.99)},
        {QLatin1String("baseline_wall_ms"), baseline.wallMs},
    };
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return expired.failed == 0 && refreshes == 1 ? 0 : 3;
}

int overhead(const QUrl &api, int n)
{
    auto client = loggedInClient(api);
    if (!client)
        return 1;
    QNetworkAccessManager plain;
    const QUrl target = api.resolved(QUrl(QStringLiteral("/dev/echo?requireAuth=1")));
    const QByteArray token = client->session().accessToken();
    // Warm both up, then alternate rounds so drift hits both alike.
    fire(plain, target, 200, token);
    fire(client->network(), target, 200);
    constexpr int kRounds = 10;
    const int perRound = std::max(1, n / kRounds);
    qint64 plainMs = 0;
    qint64 managerMs = 0;
    int failed = 0;
    for (int round = 0; round < kRounds; ++round) {
        const Batch a = fire(plain, target, perRound, token);
        const Batch b = fire(client->network(), target, perRound);
        plainMs += a.wallMs;
        managerMs += b.wallMs;
        failed += a.failed + b.failed;
    }
    const double total = double(perRound) * kRounds;
    const double plainRps = total * 1000.0 / double(std::max<qint64>(1, plainMs));
    const double managerRps = total * 1000.0 / double(std::max<qint64>(1, managerMs));
    const QJsonObject line{
        {QLatin1String("n"), int(total)},
        {QLatin1String("plain_rps"), qRound(plainRps)},
        {QLatin1String("manager_rps"), qRound(managerRps)},
        {QLatin1String("ratio"), qRound(managerRps / plainRps * 1000.0) / 1000.0},
        {QLatin1String("failed"), failed},
    };
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return failed == 0 ? 0 : 3;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Benchmarks of the mall client library and app. Commands: storm, overhead, startup, "
        "soak. Each prints one JSON line; the exit code is 3 when a target is missed."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("storm | overhead | startup | soak"));
    const QCommandLineOption nOption(QStringLiteral("n"),
                                     QStringLiteral("storm, overhead: requests (default 1000)."),
                                     QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption apiOption(
        QStringLiteral("api"), QStringLiteral("Use this --dev server instead of starting one."),
        QStringLiteral("URL"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("startup: starts of each kind (default 5)."),
                                        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption secondsOption(
        QStringLiteral("seconds"),
        QStringLiteral("soak: seconds of shopping (default 60, at most 600)."), QStringLiteral("S"),
        QStringLiteral("60"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"),
                                           QStringLiteral("soak: concurrent clients (default 20)."),
                                           QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        QStringLiteral("soak: seed of the workload's dice (default random)."),
        QStringLiteral("SEED"));
    const QCommandLineOption targetsOption(
        QStringLiteral("targets"),
        QStringLiteral("soak: the targets that decide the exit code, comma-separated "
                       "(default: lost,duplicates,logouts,refreshes)."),
        QStringLiteral("LIST"));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"), QStringLiteral("startup: every probe's line; soak: the log."));
    parser.addOptions({nOption, apiOption, runsOption, secondsOption, clientsOption, seedOption,
                       targetsOption, verboseOption});
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    const int n = parser.value(nOption).toInt();
    if (positional.size() != 1 || n < 1) {
        std::fprintf(stderr, "mall-bench: usage: mall-bench storm|overhead|startup|soak "
                             "[options] (see --help)\n");
        return 2;
    }
    if (command == QLatin1String("startup")) {
        const int runs = parser.value(runsOption).toInt();
        if (runs < 1 || runs > 100) {
            std::fprintf(stderr, "mall-bench: --runs must be 1-100\n");
            return 2;
        }
        return bench::startup(runs, parser.isSet(verboseOption));
    }
    if (command == QLatin1String("soak")) {
        bench::SoakOptions options;
        options.api = QUrl(parser.value(apiOption));
        options.seconds = parser.value(secondsOption).toInt();
        options.clients = parser.value(clientsOption).toInt();
        options.seed = parser.isSet(seedOption) ? parser.value(seedOption).toUInt()
                                                : QRandomGenerator::global()->generate();
        options.verbose = parser.isSet(verboseOption);
        if (parser.isSet(targetsOption)) {
            options.targets = parser.value(targetsOption).split(QLatin1Char(','));
            for (const QString &target : std::as_const(options.targets)) {
                if (!bench::SoakOptions::allTargets().contains(target)) {
                    std::fprintf(stderr, "mall-bench: unknown target %s\n", qPrintable(target));
                    return 2;
                }
            }
        }
        // Each fault rule lasts a million matching requests: ten minutes of
        // shopping stay well inside that.
        if (options.seconds < 1 || options.seconds > 600 || options.clients < 1 ||
            options.clients > 500) {
            std::fprintf(stderr, "mall-bench: --seconds must be 1-600, --clients 1-500\n");
            return 2;
        }
        return bench::soak(options);
    }
    BenchServer server;
    QString error;
    if (!server.start(QUrl(parser.value(apiOption)), {}, &error)) {
        std::fprintf(stderr, "mall-bench: %s\n", qPrintable(error));
        return 1;
    }
    if (command == QLatin1String("storm"))
        return storm(server.url(), n);
    if (command == QLatin1String("overhead"))
        return overhead(server.url(), n);
    std::fprintf(stderr, "mall-bench: unknown command %s\n", qPrintable(command));
    return 2;
}
