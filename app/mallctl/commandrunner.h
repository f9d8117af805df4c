#pragma once

#include "commandline.h"

#include "auth/mallclient.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace mallctl {

// Runs one Invocation against the client library and says how it ended
// (finished(exitCode)), after printing its JSON or its one error line.
// It ends only once the library is idle, so that a token pair the server
// has just rotated is in the keychain before the process goes away.
class CommandRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFailed = 1;
    static constexpr int kTimedOut = 3;

    explicit CommandRunner(Invocation invocation, QObject *parent = nullptr);

    // Call from the event loop.
    void start();

signals:
    void finished(int exitCode);

private:
    using Result = mall::api::ApiResult;

    void run();
    void loginWechat();
    void loginSms();
    void loginPassword();
    void bindPhone(int attempt);
    void authorizeProfile(int attempt);
    void whoami();
    void call();
    void logout();

    // Session::init(), wait until it is ready and the calls it made on its
    // own are done, then `then` (or fail when there is no session).
    void withSession(std::function<void()> then, bool sessionRequired = true);
    void whenIdle(std::function<void()> then);
    bool isIdle();

    // The user of a login answer (token pair), or fail.
    void reportLogin(const Result &result);
    void succeed(const QJsonObject &document);
    void fail(const Result &result);
    void fail(const QString &label, const QString &message);
    void finish(int exitCode);
    void onTimeout();

    Invocation m_invocation;
    mall::auth::MallClient m_client;
    QTimer m_deadline;
    QTimer m_idlePoll;
    std::function<void()> m_whenIdle;
    QString m_sessionProblem; // why Session::init() found no session
    bool m_ending = false;
};

} // namespace mallctl
