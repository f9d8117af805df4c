// mall-bench: figures for docs/benchmarks.md, one JSON line per run.
//   mall-bench storm --n N [--api URL]    N concurrent requests meet an expired token
//   mall-bench overhead --n N [--api URL] the manager against a plain QNetworkAccessManager

#include "auth/mallclient.h"
#include "benchserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>

namespace {

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

// Runs the event loop until `done` holds. Not QTest::qWaitFor: it sleeps
// 10 ms between looks, and the manager needs the event loop to dispatch.
template <typename Predicate>
void waitUntil(QEventLoop &loop, Predicate done, int timeoutMs = 120000)
{
    if (done())
        return;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

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
    waitUntil(loop, [&] { return pending == 0; });
    batch.wallMs = wall.elapsed();
    return batch;
}

// Spins the event loop until `reply` has finished (or 10 s pass).
void waitForReply(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    waitUntil(
        loop, [reply] { return reply->isFinished(); }, 10000);
}

QJsonObject devGet(QNetworkAccessManager &manager, const QUrl &url)
{
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    waitForReply(reply);
    const QJsonObject data =
        QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("data")).toObject();
    reply->deleteLater();
    return data;
}

void devPost(QNetworkAccessManager &manager, const QUrl &url, const QJsonObject &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.post(request, QJsonDocument(body).toJson());
    waitForReply(reply);
    reply->deleteLater();
}

std::unique_ptr<mall::auth::MallClient> loggedInClient(const QUrl &api)
{
    mall::auth::MallClient::Options options;
    options.network.apiOrigin = api;
    options.deviceId =
        QStringLiteral("bench-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto client = std::make_unique<mall::auth::MallClient>(std::move(options));
    bool done = false;
    QEventLoop loop;
    client->session().silentLogin([&](const mall::api::ApiResult &) {
        done = true;
        loop.quit();
    });
    waitUntil(
        loop, [&done] { return done; }, 10000);
    if (client->session().accessToken().isEmpty())
        return nullptr;
    return client;
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
        "Benchmarks of the mall client library. Commands: storm, overhead. Each prints one JSON "
        "line; the exit code is 3 when a target is missed."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("storm | overhead"));
    const QCommandLineOption nOption(QStringLiteral("n"),
                                     QStringLiteral("Requests (default 1000)."),
                                     QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption apiOption(
        QStringLiteral("api"), QStringLiteral("Use this --dev server instead of starting one."),
        QStringLiteral("URL"));
    parser.addOptions({nOption, apiOption});
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    const int n = parser.value(nOption).toInt();
    if (positional.size() != 1 || n < 1) {
        std::fprintf(stderr, "mall-bench: usage: mall-bench storm|overhead --n N [--api URL]\n");
        return 2;
    }
    BenchServer server;
    QString error;
    if (!server.start(QUrl(parser.value(apiOption)), {}, &error)) {
        std::fprintf(stderr, "mall-bench: %s\n", qPrintable(error));
        return 1;
    }
    if (positional.first() == QLatin1String("storm"))
        return storm(server.url(), n);
    if (positional.first() == QLatin1String("overhead"))
        return overhead(server.url(), n);
    std::fprintf(stderr, "mall-bench: unknown command %s\n", qPrintable(positional.first()));
    return 2;
}
