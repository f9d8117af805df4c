#include "appcontroller.h"

#include "auth/phonelogin.h"
#include "ordermodels.h"
#include "protocol/phonenumber.h"
#include "uilog.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlEngine>
#include <QSettings>

#include <utility>

namespace mall::models {

QPointer<AppController> AppController::s_instance;

AppController::AppController(auth::MallClient &client, bool devMode, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_devMode(devMode)
{
    auth::Session &session = client.session();
    connect(&session, &auth::Session::readyChanged, this, &AppController::readyChanged);
    connect(&session, &auth::Session::userChanged, this, &AppController::userChanged);
    connect(&client.phoneLogin(), &auth::PhoneLogin::smsCooldownChanged, this,
            &AppController::smsCooldownChanged);
    connect(&client, &auth::MallClient::keychainUnavailable, this, [this] {
        m_keychainAvailable = false;
        emit keychainAvailableChanged();
    });
    connect(&client.gate(), &net::AuthGate::sessionExpired, this, &AppController::sessionExpired);
    auth::AuthGuard &guard = client.guard();
    connect(&guard, &auth::AuthGuard::authRequired, this,
            [this](auth::AuthGuard::Route route, int step, const QString &from) {
                emit authRequired(route == auth::AuthGuard::Route::LoginPage ? 1 : 2, step, from);
            });
    connect(&guard, &auth::AuthGuard::resumed, this, &AppController::resumed);
    connect(&guard, &auth::AuthGuard::cancelled, this, &AppController::authCancelled);

    // Chinese by default; English by setting or when the system speaks it.
    const QString saved = QSettings().value(QStringLiteral("language")).toString();
    setLanguage(!saved.isEmpty()                           ? saved
                : QLocale().language() == QLocale::English ? QStringLiteral("en")
                                                           : QStringLiteral("zh"));
}

AppController::~AppController()
{
    if (s_instance == this)
        s_instance = nullptr;
}

void AppController::setInstance(AppController *instance)
{
    s_instance = instance;
}

AppController *AppController::instance()
{
    return s_instance;
}

AppController *AppController::create(QQmlEngine *engine, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "App", "AppController::setInstance() must come before the QML");
    // Owned by main() or the test, not by the engine.
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    s_instance->setEngine(engine);
    return s_instance;
}

void AppController::setEngine(QQmlEngine *engine)
{
    m_engine = engine;
}

bool AppController::ready() const
{
    return m_client.session().isReady();
}

int AppController::authStep() const
{
    return m_client.session().authStep();
}

QVariantMap AppController::user() const
{
    return m_client.session().user().toVariantMap();
}

QString AppController::maskedPhone() const
{
    const QString phone = m_client.session().user().value(QLatin1String("phone")).toString();
    if (phone.size() != 11)
        return {};
    return phone.left(3) + QStringLiteral("****") + phone.right(4);
}

QString AppController::apiUrl() const
{
    return m_client.api().baseUrl().toString();
}

int AppController::smsCooldown() const
{
    return m_client.phoneLogin().smsCooldown();
}

bool AppController::browserLoginRunning() const
{
    return m_client.browserLogin().isRunning();
}

void AppController::setLanguage(const QString &language)
{
    const QString wanted = language == QLatin1String("en") ? language : QStringLiteral("zh");
    if (wanted == m_language)
        return;
    m_language = wanted;
    QSettings().setValue(QStringLiteral("language"), wanted);
    QCoreApplication::removeTranslator(&m_translator);
    // The sources are Chinese; English comes from resources/translations.
    if (wanted == QLatin1String("en") && m_translator.load(QStringLiteral(":/i18n/mall_en.qm")))
        QCoreApplication::installTranslator(&m_translator);
    m_client.api().setLanguage(wanted == QLatin1String("en") ? "en" : "zh-CN");
    if (m_engine)
        m_engine->retranslate();
    emit languageChanged();
}

bool AppController::mustAuth(int requiredStep, const QJSValue &action, const QString &from)
{
    return m_client.guard().mustAuth(requiredStep, action, from);
}

void AppController::cancelAuth()
{
    m_client.guard().cancel();
}

void AppController::offer(const QString &message, const QString &actionText, const QJSValue &action)
{
    m_offerAction = action;
    emit offered(message, actionText);
}

void AppController::takeOffer()
{
    QJSValue action = std::exchange(m_offerAction, QJSValue());
    if (!action.isCallable())
        return;
    const QJSValue result = action.call();
    if (result.isError())
        qCWarning(lcUi) << "the offer's action failed:" << result.toString();
}

void AppController::dropOffer()
{
    m_offerAction = QJSValue();
}

void AppController::answer(const QJSValue &callback, const api::ApiResult &result)
{
    if (!callback.isCallable())
        return;
    QJSEngine *engine = qjsEngine(this);
    if (!engine)
        return;
    QJsonObject object{{QLatin1String("ok"), result.ok()},
                       {QLatin1String("code"), result.code},
                       {QLatin1String("message"), result.message},
                       {QLatin1String("data"), result.data}};
    QJSValue(callback).call({engine->toScriptValue(object.toVariantMap())});
}

void AppController::reportFailure(const api::ApiResult &result)
{
    if (result.ok() || result.isNetworkFailure())
        return;
    if (result.isServerBusy()) {
        emit toast(tr("系统繁忙，请稍后再试"));
        return;
    }
    // Steps are the guard's business, not an error to show.
    if (result.code == u"NEED_MEMBER" || result.code == u"NEED_MEMBER_INFO")
        return;
    emit alert(result.message.isEmpty() ? tr("操作失败") : result.message);
}

void AppController::act(const QByteArray &method, const QString &path, const QJsonObject &body,
                        const QJSValue &done, std::function<void(const api::ApiResult &)> then,
                        const api::CallOptions &options)
{
    m_client.api().call(
        method, path, body,
        [this, done, then = std::move(then)](const api::ApiResult &result) {
            reportFailure(result);
            if (result.isNetworkFailure())
                emit toast(tr("网络不给力，请稍后再试"));
            if (then)
                then(result);
            answer(done, result);
        },
        options);
}

void AppController::sendSmsCode(const QString &phone, const QJSValue &done)
{
    m_client.phoneLogin().sendSmsCode(
        phone, [this, done](const api::ApiResult &result) { answer(done, result); });
}

void AppController::loginWithSms(const QString &phone, const QString &code, const QJSValue &done)
{
    m_client.phoneLogin().loginWithSms(
        phone, code, [this, done](const api::ApiResult &result) { answer(done, result); });
}

void AppController::loginWithPassword(const QString &phone, const QString &password,
                                      const QJSValue &done)
{
    m_client.phoneLogin().loginWithPassword(
        phone, password, [this, done](const api::ApiResult &result) { answer(done, result); });
}

void AppController::bindPhoneWithPlatform(const QString &phone, const QJSValue &done)
{
    m_client.phoneLogin().bindPhoneWithPlatform(
        phone, [this, done](const api::ApiResult &result) { answer(done, result); });
}

void AppController::authorizeProfile(const QString &nickname, int gender, const QJSValue &done)
{
    m_client.profile().authorize(
        nickname, QString(), gender,
        [this, done](const api::ApiResult &result) { answer(done, result); });
}

void AppController::loginInBrowser(const QJSValue &done)
{
    m_client.browserLogin().start([](const QUrl &url) { QDesktopServices::openUrl(url); },
                                  [this, done](const api::ApiResult &result) {
                                      emit browserLoginRunningChanged();
                                      answer(done, result);
                                  });
    emit browserLoginRunningChanged();
}

void AppController::cancelBrowserLogin()
{
    m_client.browserLogin().cancel();
}

void AppController::logout(const QJSValue &done)
{
    m_client.session().logout([this, done](const api::ApiResult &result) { answer(done, result); });
}

QString AppController::formatPrice(qint64 cents) const
{
    return QStringLiteral("¥%1.%2").arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'));
}

bool AppController::isValidPhone(const QString &phone) const
{
    return protocol::isValidPhone(phone);
}

QString AppController::orderStatusText(const QString &status) const
{
    return OrderListModel::statusText(status);
}

bool AppController::isValidSmsCode(const QString &code) const
{
    return !auth::PhoneLogin::checkSmsCode(code).has_value();
}

} // namespace mall::models
