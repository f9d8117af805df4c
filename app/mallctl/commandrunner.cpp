#include "commandrunner.h"

#include "output.h"

#include <QUrlQuery>

namespace mallctl {

namespace {

using mall::auth::MallClient;

MallClient::Options clientOptions(const QUrl &api)
{
    MallClient::Options options;
    options.network.apiOrigin = api;
    options.useKeychain = true;
    options.useUserCache = true;
    return options;
}

constexpr int kIdlePollMs = 5;

} // namespace

CommandRunner::CommandRunner(Invocation invocation, QObject *parent)
    : QObject(parent)
    , m_invocation(std::move(invocation))
    , m_client(clientOptions(m_invocation.api))
{
    connect(&m_client, &MallClient::keychainUnavailable, this, [](const QString &reason) {
        Output::notice(QStringLiteral("no keychain (%1); the session lasts only for this command")
                           .arg(reason));
    });
    // Session::init() reports how getting a session went only through the
    // network layer's signal: keep the reason for an error line.
    connect(&m_client.session(), &mall::net::TokenProvider::refreshFinished, this,
            [this](mall::net::TokenProvider::RefreshResult result, const QString &detail) {
                if (result != mall::net::TokenProvider::RefreshResult::Refreshed)
                    m_sessionProblem = detail;
            });
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(m_invocation.timeoutSeconds * 1000);
    connect(&m_deadline, &QTimer::timeout, this, &CommandRunner::onTimeout);
    m_idlePoll.setInterval(kIdlePollMs);
    connect(&m_idlePoll, &QTimer::timeout, this, [this] {
        if (!isIdle())
            return;
        m_idlePoll.stop();
        if (auto then = std::exchange(m_whenIdle, {}))
            then();
    });
}

void CommandRunner::start()
{
    m_deadline.start();
    run();
}

void CommandRunner::run()
{
    switch (m_invocation.command) {
    case Command::LoginWechat:
        // A login of its own: no session to restore first.
        m_client.session().silentLogin([this](const Result &result) { reportLogin(result); });
        return;
    case Command::LoginSms:
        return withSession([this] { loginSms(); });
    case Command::LoginPassword:
        return withSession([this] { loginPassword(); });
    case Command::BindPhone:
        return withSession([this] { bindPhone(0); });
    case Command::AuthorizeProfile:
        return withSession([this] { authorizeProfile(0); });
    case Command::WhoAmI:
        return withSession([this] { whoami(); });
    case Command::Call:
        return withSession([this] { call(); });
    case Command::Logout:
        // The stored refresh token is needed to end the session on the
        // server; without any session there is still a local one to forget.
        return withSession([this] { logout(); }, false);
    }
}

void CommandRunner::withSession(std::function<void()> then, bool sessionRequired)
{
    mall::auth::Session &session = m_client.session();
    const auto afterReady = [this, then = std::move(then), sessionRequired] {
        // init() refreshes the user in the background once ready; let that
        // (and any refresh it starts) finish, so the command does not race it.
        whenIdle([this, then, sessionRequired] {
            if (sessionRequired && m_client.session().accessToken().isEmpty()) {
                fail(QStringLiteral("NO_SESSION"),
                     m_sessionProblem.isEmpty()
                         ? QStringLiteral("no session; log in first (mallctl login ...)")
                         : QStringLiteral("could not get a session: %1").arg(m_sessionProblem));
                return;
            }
            then();
        });
    };
    if (session.isReady()) {
        afterReady();
        return;
    }
    connect(&session, &mall::auth::Session::readyChanged, this, afterReady,
            Qt::SingleShotConnection);
    session.init();
}

bool CommandRunner::isIdle()
{
    mall::net::ApiNetworkManager &network = m_client.network();
    return network.inFlightCount() == 0 && network.queuedCount() == 0 &&
           m_client.gate().heldCount() == 0;
}

void CommandRunner::whenIdle(std::function<void()> then)
{
    // Polled: the library has no "idle" signal, and a reply can move from
    // held to queued to in flight without one.
    m_whenIdle = std::move(then);
    m_idlePoll.start();
}

void CommandRunner::loginSms()
{
    const QString phone = m_invocation.phone;
    mall::auth::PhoneLogin &phoneLogin = m_client.phoneLogin();
    const auto login = [this, phone](const QString &code) {
        m_client.phoneLogin().loginWithSms(phone, code,
                                           [this](const Result &result) { reportLogin(result); });
    };
    if (!m_invocation.code.isEmpty()) {
        login(m_invocation.code);
        return;
    }
    phoneLogin.sendSmsCode(phone, [this, phone, login](const Result &sent) {
        if (!sent.ok())
            return fail(sent);
        // A --dev server's SMS gateway shows the code it "sent".
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("phone"), phone);
        mall::api::CallOptions options;
        options.skipAuth = true;
        m_client.api().get(
            QStringLiteral("/dev/sms?") + query.toString(QUrl::FullyEncoded),
            [this, login](const Result &sms) {
                const QString code = sms.object().value(QLatin1String("code")).toString();
                if (!sms.ok() || code.isEmpty()) {
                    return fail(Output::labelOf(sms),
                                QStringLiteral("the code was sent, but the server does not show "
                                               "it (GET /dev/sms needs a --dev server): %1; "
                                               "pass it with --code")
                                    .arg(sms.message));
                }
                login(code);
            },
            options);
    });
}

void CommandRunner::loginPassword()
{
    m_client.phoneLogin().loginWithPassword(m_invocation.phone, m_invocation.password,
                                            [this](const Result &result) { reportLogin(result); });
}

void CommandRunner::bindPhone(int attempt)
{
    m_client.phoneLogin().bindPhoneWithPlatform(
        m_invocation.phone, [this, attempt](const Result &result) {
            // The library has renewed the session key already and asks the
            // user to tap again: tap once more, as a user would.
            if (result.code == u"SESSION_KEY_EXPIRED" && attempt == 0)
                return bindPhone(attempt + 1);
            reportLogin(result);
        });
}

void CommandRunner::authorizeProfile(int attempt)
{
    m_client.profile().authorize(m_invocation.nickname, QString(), m_invocation.gender,
                                 [this, attempt](const Result &result) {
                                     if (result.code == u"SESSION_KEY_EXPIRED" && attempt == 0)
                                         return authorizeProfile(attempt + 1);
                                     if (!result.ok())
                                         return fail(result);
                                     succeed(result.object()); // the User
                                 });
}

void CommandRunner::whoami()
{
    m_client.api().get(QStringLiteral("/api/user/me"), [this](const Result &result) {
        if (!result.ok())
            return fail(result);
        succeed(result.object());
    });
}

void CommandRunner::call()
{
    m_client.api().call(
        m_invocation.method, m_invocation.path, m_invocation.body, [this](const Result &result) {
            if (m_ending)
                return;
            // Printed whatever the outcome: the answer is what QA asked for.
            Output::json(QJsonObject{
                {QLatin1String("status"), result.httpStatus},
                {QLatin1String("code"),
                 result.code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(result.code)},
                {QLatin1String("message"), result.message},
                {QLatin1String("data"), Output::redactTokens(result.data)},
            });
            if (result.ok()) {
                finish(0);
            } else {
                Output::error(result);
                finish(kFailed);
            }
        });
}

void CommandRunner::logout()
{
    m_client.session().logout([this](const Result &guest) {
        if (m_ending)
            return;
        // Logged out here whatever happened next; the new guest may be missing.
        const QJsonValue user =
            guest.ok() ? guest.object().value(QLatin1String("user")) : QJsonValue(QJsonValue::Null);
        Output::json(
            QJsonObject{{QLatin1String("loggedOut"), true}, {QLatin1String("user"), user}});
        if (guest.ok()) {
            finish(0);
        } else {
            Output::error(guest);
            finish(kFailed);
        }
    });
}

void CommandRunner::reportLogin(const Result &result)
{
    if (!result.ok())
        return fail(result);
    succeed(result.object().value(QLatin1String("user")).toObject());
}

void CommandRunner::succeed(const QJsonObject &document)
{
    if (m_ending)
        return;
    Output::json(Output::redactTokens(document).toObject());
    finish(0);
}

void CommandRunner::fail(const Result &result)
{
    if (m_ending)
        return;
    Output::error(result);
    finish(kFailed);
}

void CommandRunner::fail(const QString &label, const QString &message)
{
    if (m_ending)
        return;
    Output::error(label, message);
    finish(kFailed);
}

void CommandRunner::finish(int exitCode)
{
    if (m_ending)
        return;
    m_ending = true;
    whenIdle([this, exitCode] {
        m_deadline.stop();
        emit finished(exitCode);
    });
}

void CommandRunner::onTimeout()
{
    m_idlePoll.stop();
    if (!m_ending) {
        m_ending = true;
        Output::error(QStringLiteral("TIMEOUT"), QStringLiteral("no outcome within %1 s from %2")
                                                     .arg(m_invocation.timeoutSeconds)
                                                     .arg(m_invocation.api.toString()));
        emit finished(kTimedOut);
        return;
    }
    // The answer is out; the library did not settle down in time.
    if (auto then = std::exchange(m_whenIdle, {}))
        then();
}

} // namespace mallctl
