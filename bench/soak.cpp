#include "soak.h"

#include "benchserver.h"
#include "benchutil.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QUrlQuery>
#include <QUuid>

#include <cstdio>
#include <functional>
#include <memory>

namespace bench {

namespace {

using mall::api::ApiResult;
using mall::api::CallOptions;
using mall::auth::MallClient;

constexpr int kAccessTtl = 2;
constexpr int kRefreshTtl = 20;
// A request that has not finished after this long is lost (the network
// layer's own transfer timeout is 30 s, its refresh watchdog 60 s).
constexpr qint64 kLostAfterMs = 60000;
constexpr int kOrderAttempts = 6;
const QString kRefreshPath = QStringLiteral("/api/auth/refresh");
// What the workload touches, and so what the 5% drops and 5% errors hit.
// Logins are left alone: the soak is about keeping a session, not making one.
const QStringList kShoppingPaths = {QStringLiteral("/api/goods"), QStringLiteral("/api/cart"),
                                    QStringLiteral("/api/orders")};

// One Idempotency-Key: every order id any attempt with it got back, and
// whether it ended without a definite answer (an order may exist we never
// heard of).
struct OrderKey
{
    QSet<qint64> ids;
    bool unresolved = false;
    int attempts = 0;
};

struct Shopper
{
    std::unique_ptr<MallClient> client;
    QString phone;
    qint64 uid = 0;
    qint64 addressId = 0;
    int cartItems = 0;
    QList<qint64> openOrders; // placed, not yet cancelled
    QHash<QByteArray, OrderKey> keys;
    int sessionExpired = 0;
    bool uidChanged = false;
};

class Soak
{
public:
    explicit Soak(const SoakOptions &options)
        : m_options(options)
        , m_random(options.seed)
    {}
    ~Soak()
    {
        // The clients before anything their callbacks use.
        m_stopping = true;
        m_shoppers.clear();
    }

    int run();

private:
    QUrl dev(const QString &path) const { return m_api.resolved(QUrl(path)); }
    bool setUp(QString *error);
    bool logIn(Shopper &shopper, int index, QString *error);
    void installFaults();
    void nextAction(Shopper &shopper);
    void afterThinking(Shopper &shopper);
    void placeOrder(Shopper &shopper, const QByteArray &key, const QJsonObject &body);
    void send(Shopper &shopper, const QByteArray &method, const QString &path,
              const QJsonObject &body, const CallOptions &options,
              std::function<void(const ApiResult &)> then);
    void classify(const ApiResult &result);
    void reapLost();
    bool listOrders(Shopper &shopper, QSet<qint64> *ids);
    qint64 goodsId() { return m_goods.at(m_random.bounded(qsizetype(m_goods.size()))); }

    const SoakOptions m_options;
    QRandomGenerator m_random;
    QUrl m_api;
    QNetworkAccessManager m_control;
    QList<qint64> m_goods;
    std::vector<std::unique_ptr<Shopper>> m_shoppers;
    bool m_stopping = false;

    QElapsedTimer m_clock;
    quint64 m_nextRequest = 0;
    QHash<quint64, qint64> m_outstanding; // request -> started at (m_clock ms)
    qint64 m_requests = 0;
    qint64 m_ok = 0;
    qint64 m_failedClear = 0;
    qint64 m_failedNetwork = 0;
    qint64 m_failedServer = 0;
    qint64 m_failedAuth = 0;
    qint64 m_lost = 0;
    qint64 m_ordersOk = 0;
    qint64 m_ordersAfterRetry = 0;
};

bool Soak::setUp(QString *error)
{
    const QJsonObject config = devPost(m_control, dev(QStringLiteral("/dev/config")),
                                       QJsonObject{{QLatin1String("accessTtl"), kAccessTtl},
                                                   {QLatin1String("refreshTtl"), kRefreshTtl}});
    if (config.value(QLatin1String("accessTtl")).toInt() != kAccessTtl) {
        *error = QStringLiteral("POST /dev/config was refused (is it a --dev server?)");
        return false;
    }
    devSend(m_control, "DELETE", dev(QStringLiteral("/dev/faults")));
    // Goods with some stock, so most orders can be placed.
    for (int page = 1; page <= 10; ++page) {
        const QJsonObject list =
            devGet(m_control, dev(QStringLiteral("/api/goods?size=100&page=%1").arg(page)));
        const QJsonArray items = list.value(QLatin1String("items")).toArray();
        for (const QJsonValue &item : items) {
            if (item.toObject().value(QLatin1String("stock")).toInt() >= 100)
                m_goods.append(item.toObject().value(QLatin1String("id")).toInteger());
        }
        if (items.size() < 100)
            break;
    }
    if (m_goods.isEmpty()) {
        *error = QStringLiteral("the catalog has no goods in stock");
        return false;
    }
    for (int i = 0; i < m_options.clients; ++i) {
        auto shopper = std::make_unique<Shopper>();
        if (!logIn(*shopper, i, error))
            return false;
        m_shoppers.push_back(std::move(shopper));
    }
    return true;
}

// A guest of its own device, then a member by SMS, with one address.
bool Soak::logIn(Shopper &shopper, int index, QString *error)
{
    shopper.client = loggedInClient(m_api);
    if (!shopper.client) {
        *error = QStringLiteral("client %1: no silent login").arg(index);
        return false;
    }
    // Distinct per run, so a reused --api server does not mix runs' users.
    shopper.phone = QStringLiteral("139%1").arg((m_options.seed % 10000) * 10000 + quint32(index),
                                                8, 10, QLatin1Char('0'));
    QEventLoop loop;
    std::optional<ApiResult> result;
    const auto await = [&](const auto &start) {
        result.reset();
        start([&](const ApiResult &r) {
            result = r;
            loop.quit();
        });
        waitUntil(
            loop, [&] { return result.has_value(); }, 15000);
        return result.value_or(ApiResult{});
    };
    auto &phoneLogin = shopper.client->phoneLogin();
    const ApiResult sent =
        await([&](auto done) { phoneLogin.sendSmsCode(shopper.phone, std::move(done)); });
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("phone"), shopper.phone);
    const QString code =
        devGet(m_control, dev(QStringLiteral("/dev/sms?") + query.toString(QUrl::FullyEncoded)))
            .value(QLatin1String("code"))
            .toString();
    const ApiResult login =
        await([&](auto done) { phoneLogin.loginWithSms(shopper.phone, code, std::move(done)); });
    shopper.uid = shopper.client->session().uid();
    if (!sent.ok() || !login.ok() || shopper.client->session().authStep() != 2) {
        *error = QStringLiteral("client %1: SMS login failed: %2 %3")
                     .arg(index)
                     .arg(sent.message, login.message);
        return false;
    }
    const ApiResult address = await([&](auto done) {
        shopper.client->api().call(
            "POST", QStringLiteral("/api/addresses"),
            QJsonObject{{QLatin1String("name"), QStringLiteral("压测 %1").arg(index)},
                        {QLatin1String("phone"), shopper.phone},
                        {QLatin1String("region"), QStringLiteral("广东省 广州市 天河区")},
                        {QLatin1String("detail"), QStringLiteral("天河路 %1 号").arg(index + 1)}},
            std::move(done));
    });
    shopper.addressId = address.object().value(QLatin1String("id")).toInteger();
    if (!address.ok() || shopper.addressId <= 0) {
        *error = QStringLiteral("client %1: no address: %2").arg(index).arg(address.message);
        return false;
    }
    // A session lost for good, or another user behind this client: a logout
    // the user would have noticed.
    Shopper *watched = &shopper;
    QObject::connect(&shopper.client->gate(), &mall::net::AuthGate::sessionExpired,
                     shopper.client.get(), [watched] { ++watched->sessionExpired; });
    QObject::connect(&shopper.client->session(), &mall::auth::Session::userChanged,
                     shopper.client.get(), [watched] {
                         const qint64 uid = watched->client->session().uid();
                         // 0 while a revoked session is being replaced by a
                         // silent login; only another user is a change.
                         if (uid != 0 && uid != watched->uid)
                             watched->uidChanged = true;
                     });
    return true;
}

void Soak::installFaults()
{
    // Per path: 2.5% dropped before the server processes the request, 2.5%
    // dropped after it has (the answer is lost: what Idempotency-Key and the
    // grace window are for), then 5% answered 503. A rule that does not hit
    // passes the request on to the next, so the second and third are
    // conditional: 5% drops and 5% errors in all, 10% failures.
    const auto rules = [this](const QString &path) {
        const QJsonObject base{{QLatin1String("path"), path}, {QLatin1String("count"), 1000000}};
        QJsonObject before = base;
        before.insert(QLatin1String("drop"), true);
        before.insert(QLatin1String("probability"), 0.025);
        QJsonObject after = base;
        after.insert(QLatin1String("drop"), true);
        after.insert(QLatin1String("holdAnswerMs"), 0);
        after.insert(QLatin1String("probability"), 0.025 / 0.975);
        QJsonObject busy = base;
        busy.insert(QLatin1String("status"), 503);
        busy.insert(QLatin1String("probability"), 0.05 / 0.95);
        for (const QJsonObject &rule : {before, after, busy})
            devPost(m_control, dev(QStringLiteral("/dev/faults")), rule);
    };
    // The refresh endpoint fails 10% of the time, as the others do.
    rules(kRefreshPath);
    for (const QString &path : kShoppingPaths)
        rules(path);
}

void Soak::send(Shopper &shopper, const QByteArray &method, const QString &path,
                const QJsonObject &body, const CallOptions &options,
                std::function<void(const ApiResult &)> then)
{
    const quint64 id = ++m_nextRequest;
    m_outstanding.insert(id, m_clock.elapsed());
    ++m_requests;
    shopper.client->api().call(
        method, path, body,
        [this, id, then = std::move(then)](const ApiResult &result) {
            // Already counted as lost when it took longer than allowed.
            if (m_outstanding.remove(id))
                classify(result);
            then(result);
        },
        options);
}

void Soak::classify(const ApiResult &result)
{
    if (result.ok()) {
        ++m_ok;
    } else if (result.httpStatus == 0) {
        // No answer: clear only if the layer said why.
        if (result.networkError != QNetworkReply::NoError) {
            ++m_failedClear;
            ++m_failedNetwork;
        } else {
            ++m_lost;
        }
    } else if (!result.code.isEmpty()) {
        // An envelope: the server (or the fault injector) said what went wrong.
        ++m_failedClear;
        if (result.httpStatus >= 500)
            ++m_failedServer;
        else if (result.httpStatus == 401 || result.code == u"AUTH_FAIL")
            ++m_failedAuth;
    } else {
        // A status without an envelope says nothing the caller can act on.
        ++m_lost;
    }
}

void Soak::reapLost()
{
    const qint64 now = m_clock.elapsed();
    for (auto it = m_outstanding.begin(); it != m_outstanding.end();) {
        if (now - it.value() > kLostAfterMs) {
            ++m_lost;
            it = m_outstanding.erase(it);
        } else {
            ++it;
        }
    }
}

void Soak::afterThinking(Shopper &shopper)
{
    if (m_stopping)
        return;
    // A user's pause between taps, short: this is a soak, not a simulation.
    QTimer::singleShot(m_random.bounded(50), shopper.client.get(),
                       [this, &shopper] { nextAction(shopper); });
}

void Soak::nextAction(Shopper &shopper)
{
    if (m_stopping)
        return;
    const auto next = [this, &shopper](const ApiResult &) { afterThinking(shopper); };
    const int dice = m_random.bounded(100);
    if (dice < 30) {
        send(shopper, "GET",
             QStringLiteral("/api/goods?page=%1&size=20").arg(1 + m_random.bounded(5)), {}, {},
             next);
    } else if (dice < 55) {
        send(shopper, "GET", QStringLiteral("/api/goods/%1").arg(goodsId()), {}, {}, next);
    } else if (dice < 70) {
        send(shopper, "POST", QStringLiteral("/api/cart"),
             QJsonObject{{QLatin1String("goodsId"), goodsId()}, {QLatin1String("quantity"), 1}}, {},
             [this, &shopper](const ApiResult &result) {
                 if (result.ok())
                     shopper.cartItems =
                         int(result.object().value(QLatin1String("items")).toArray().size());
                 afterThinking(shopper);
             });
    } else if (dice < 78) {
        send(shopper, "GET", QStringLiteral("/api/cart"), {}, {}, next);
    } else if (dice < 92) {
        // Half the orders take the cart (when there is one), half one goods.
        QJsonObject body{{QLatin1String("addressId"), shopper.addressId}};
        if (shopper.cartItems > 0 && m_random.bounded(2) == 0) {
            body.insert(QLatin1String("fromCart"), true);
        } else {
            body.insert(QLatin1String("items"),
                        QJsonArray{QJsonObject{{QLatin1String("goodsId"), goodsId()},
                                               {QLatin1String("quantity"), 1}}});
        }
        placeOrder(shopper, QUuid::createUuid().toByteArray(QUuid::WithoutBraces), body);
    } else if (!shopper.openOrders.isEmpty()) {
        const qint64 order =
            shopper.openOrders.takeAt(m_random.bounded(qsizetype(shopper.openOrders.size())));
        send(shopper, "POST", QStringLiteral("/api/orders/%1/cancel").arg(order), {}, {},
             [this, &shopper, order](const ApiResult &result) {
                 // Not cancelled for sure: it may come up again.
                 if (!result.ok() && (result.httpStatus == 0 || result.httpStatus >= 500))
                     shopper.openOrders.append(order);
                 afterThinking(shopper);
             });
    } else {
        send(shopper, "GET", QStringLiteral("/api/orders?size=20"), {}, {}, next);
    }
}

// One order, with one key for all its attempts: retried with the same key
// while the outcome is unknown (no answer, or a 5xx).
void Soak::placeOrder(Shopper &shopper, const QByteArray &key, const QJsonObject &body)
{
    CallOptions options;
    options.idempotencyKey = key;
    OrderKey &state = shopper.keys[key];
    ++state.attempts;
    send(shopper, "POST", QStringLiteral("/api/orders"), body, options,
         [this, &shopper, key, body](const ApiResult &result) {
             OrderKey &state = shopper.keys[key];
             if (result.ok()) {
                 const qint64 id = result.object().value(QLatin1String("id")).toInteger();
                 state.ids.insert(id);
                 state.unresolved = false;
                 ++m_ordersOk;
                 if (state.attempts > 1)
                     ++m_ordersAfterRetry;
                 if (!shopper.openOrders.contains(id))
                     shopper.openOrders.append(id);
                 if (body.contains(QLatin1String("fromCart")))
                     shopper.cartItems = 0;
                 afterThinking(shopper);
                 return;
             }
             const bool unknown = result.httpStatus == 0 || result.httpStatus >= 500;
             state.unresolved = unknown;
             if (unknown && state.attempts < kOrderAttempts && !m_stopping) {
                 QTimer::singleShot(200 * state.attempts, shopper.client.get(),
                                    [this, &shopper, key, body] {
                                        if (!m_stopping)
                                            placeOrder(shopper, key, body);
                                    });
                 return;
             }
             afterThinking(shopper);
         });
}

bool Soak::listOrders(Shopper &shopper, QSet<qint64> *ids)
{
    for (int page = 1; page <= 1000; ++page) {
        std::optional<ApiResult> result;
        QEventLoop loop;
        shopper.client->api().get(QStringLiteral("/api/orders?size=100&page=%1").arg(page),
                                  [&](const ApiResult &r) {
                                      result = r;
                                      loop.quit();
                                  });
        waitUntil(
            loop, [&] { return result.has_value(); }, 60000);
        if (!result || !result->ok())
            return false;
        const QJsonArray items = result->object().value(QLatin1String("items")).toArray();
        for (const QJsonValue &item : items)
            ids->insert(item.toObject().value(QLatin1String("id")).toInteger());
        if (items.size() < 100)
            return true;
    }
    return false;
}

int Soak::run()
{
    BenchServer server;
    QString error;
    if (!server.start(m_options.api, {}, &error)) {
        std::fprintf(stderr, "mall-bench: %s\n", qPrintable(error));
        return 1;
    }
    m_api = server.url();
    const QJsonObject configBefore = devGet(m_control, dev(QStringLiteral("/dev/config")));
    if (!setUp(&error)) {
        std::fprintf(stderr, "mall-bench: soak set-up failed: %s\n", qPrintable(error));
        return 1;
    }
    const QJsonObject statsBefore = devGet(m_control, dev(QStringLiteral("/dev/stats")));
    installFaults();

    // Shop.
    m_clock.start();
    QTimer reaper;
    QObject::connect(&reaper, &QTimer::timeout, [this] { reapLost(); });
    reaper.start(1000);
    for (auto &shopper : m_shoppers) {
        for (int lane = 0; lane < m_options.lanes; ++lane)
            afterThinking(*shopper);
    }
    QEventLoop loop;
    waitUntil(
        loop, [] { return false; }, m_options.seconds * 1000);
    // Stop starting anything; what is under way finishes, or is lost.
    m_stopping = true;
    waitUntil(
        loop, [this] { return m_outstanding.isEmpty(); }, int(kLostAfterMs) + 5000);
    reapLost();
    m_lost += m_outstanding.size();
    m_outstanding.clear();
    const double seconds = double(m_clock.elapsed()) / 1000.0;
    const QJsonObject statsAfter = devGet(m_control, dev(QStringLiteral("/dev/stats")));
    devSend(m_control, "DELETE", dev(QStringLiteral("/dev/faults")));

    // What the server holds: for each Idempotency-Key at most one order.
    qint64 duplicates = 0;
    qint64 unaccounted = 0; // orders no answer told of, beyond the keys left open
    qint64 missing = 0;     // orders answered that the server does not list
    qint64 unexpectedLogouts = 0;
    qint64 keysUsed = 0;
    bool listed = true;
    for (auto &shopper : m_shoppers) {
        QSet<qint64> onServer;
        listed = listOrders(*shopper, &onServer) && listed;
        QSet<qint64> told;
        qint64 open = 0;
        for (const OrderKey &key : std::as_const(shopper->keys)) {
            ++keysUsed;
            duplicates += std::max<qsizetype>(0, key.ids.size() - 1);
            told.unite(key.ids);
            open += key.unresolved && key.ids.isEmpty() ? 1 : 0;
        }
        const qint64 unknown = QSet<qint64>(onServer).subtract(told).size();
        unaccounted += std::max<qint64>(0, unknown - open);
        missing += QSet<qint64>(told).subtract(onServer).size();
        mall::auth::Session &session = shopper->client->session();
        if (shopper->sessionExpired > 0 || shopper->uidChanged || session.uid() != shopper->uid ||
            session.authStep() != 2)
            ++unexpectedLogouts;
    }
    duplicates += unaccounted;

    const auto delta = [&](const char *name) {
        return statsAfter.value(QLatin1String(name)).toInteger() -
               statsBefore.value(QLatin1String(name)).toInteger();
    };
    const auto faultsOn = [](const QJsonObject &stats, const QString &path) {
        return stats.value(QLatin1String("faultsApplied")).toObject().value(path).toInteger();
    };
    const qint64 refreshFaults =
        faultsOn(statsAfter, kRefreshPath) - faultsOn(statsBefore, kRefreshPath);
    qint64 faults = refreshFaults;
    for (const QString &path : kShoppingPaths)
        faults += faultsOn(statsAfter, path) - faultsOn(statsBefore, path);
    const qint64 refreshes = delta("refreshes");
    const double lifetimes = double(m_shoppers.size()) * seconds / kAccessTtl;

    // Orders the server lost, or that could not be listed, are as bad as
    // duplicates: the check could not be made.
    const QHash<QString, bool> results{
        {QStringLiteral("lost"), m_lost == 0},
        {QStringLiteral("duplicates"), duplicates == 0 && listed && missing == 0},
        {QStringLiteral("logouts"), unexpectedLogouts == 0},
        {QStringLiteral("refreshes"), double(refreshes) <= lifetimes + double(refreshFaults)},
    };
    QJsonArray missed;
    bool met = true;
    for (const QString &target : SoakOptions::allTargets()) {
        if (results.value(target))
            continue;
        missed.append(target);
        met = met && !m_options.targets.contains(target);
    }
    const QJsonObject line{
        {QLatin1String("seconds"), qRound(seconds * 10) / 10.0},
        {QLatin1String("clients"), int(m_shoppers.size())},
        {QLatin1String("requests"), m_requests},
        {QLatin1String("ok"), m_ok},
        {QLatin1String("failed_clear"), m_failedClear},
        {QLatin1String("lost"), m_lost},
        {QLatin1String("duplicate_orders"), duplicates},
        {QLatin1String("unexpected_logouts"), unexpectedLogouts},
        {QLatin1String("refreshes"), refreshes},
        {QLatin1String("token_lifetimes"), qRound(lifetimes * 10) / 10.0},
        {QLatin1String("refresh_faults"), refreshFaults},
        {QLatin1String("faults_applied"), faults},
        {QLatin1String("failed_network"), m_failedNetwork},
        {QLatin1String("failed_5xx"), m_failedServer},
        {QLatin1String("failed_auth"), m_failedAuth},
        {QLatin1String("orders_ok"), m_ordersOk},
        {QLatin1String("orders_ok_after_retry"), m_ordersAfterRetry},
        {QLatin1String("idempotency_keys"), keysUsed},
        {QLatin1String("orders_missing"), missing},
        {QLatin1String("grace_answers"), delta("graceAnswers")},
        {QLatin1String("reuse_detected"), delta("reuseDetected")},
        {QLatin1String("logins"), delta("logins")},
        {QLatin1String("seed"), qint64(m_options.seed)},
        {QLatin1String("missed"), missed},
    };
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    if (!listed)
        std::fprintf(stderr, "mall-bench: could not list every client's orders\n");
    // An --api server gets its configuration back.
    if (m_options.api.isValid() && !m_options.api.isEmpty()) {
        devPost(
            m_control, dev(QStringLiteral("/dev/config")),
            QJsonObject{
                {QLatin1String("accessTtl"), configBefore.value(QLatin1String("accessTtl"))},
                {QLatin1String("refreshTtl"), configBefore.value(QLatin1String("refreshTtl"))}});
    }
    return met ? 0 : 3;
}

} // namespace

int soak(const SoakOptions &options)
{
    // Every injected fault would be a warning line; the JSON says it all.
    if (!options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("mall.*=false"));
    Soak soak(options);
    return soak.run();
}

} // namespace bench
