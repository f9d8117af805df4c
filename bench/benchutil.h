#pragma once

#include "auth/mallclient.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

#include <memory>

// Helpers the mall-bench commands share: waiting in a real event loop, the
// /dev controls of the server, a logged-in client.
namespace bench {

// Runs the event loop until `done` holds (checked whenever the loop is
// quit, and every `pollMs` unless 0) or `timeoutMs` pass. Not
// QTest::qWaitFor: it sleeps 10 ms between looks, and the manager needs the
// event loop to dispatch. Returns done(). Timed loops pass pollMs 0 and quit
// the loop themselves, so nothing else wakes the thread they measure.
template <typename Predicate>
bool waitUntil(QEventLoop &loop, Predicate done, int timeoutMs = 120000, int pollMs = 50)
{
    if (done())
        return true;
    QTimer deadline;
    deadline.setSingleShot(true);
    // A coarse timer may fire 5% early: a 20 s soak would shop for 19.
    deadline.setTimerType(Qt::PreciseTimer);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    QTimer look;
    QObject::connect(&look, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    if (pollMs > 0)
        look.start(pollMs);
    while (!done() && deadline.isActive())
        loop.exec();
    return done();
}

// Spins the event loop until `reply` has finished (or `timeoutMs` pass).
void waitForReply(QNetworkReply *reply, int timeoutMs = 10000);

// GET or POST a /dev control; answers the envelope's data (empty on failure).
QJsonObject devGet(QNetworkAccessManager &manager, const QUrl &url);
QJsonObject devSend(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
                    const QJsonObject &body = {});
inline QJsonObject devPost(QNetworkAccessManager &manager, const QUrl &url, const QJsonObject &body)
{
    return devSend(manager, "POST", url, body);
}

// A client with its own device id and tokens in memory, logged in silently
// (a guest); null when the login failed.
std::unique_ptr<mall::auth::MallClient> loggedInClient(const QUrl &api);

// Median of the values (0 for none).
double median(QList<double> values);

} // namespace bench
