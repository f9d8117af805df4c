#pragma once

#include "api/apiresult.h"
#include "auth/authguard.h"
#include "auth/mallclient.h"

#include <QJSValue>
#include <QObject>
#include <QPointer>
#include <QTranslator>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <QQmlEngine>

namespace mall::models {

// What the QML views see of the client: who the user is, the guard that sends
// them to log in and brings them back, the login actions, and where failures
// go (a toast for a busy server, a dialog for a business error). Views call
// in and bind to properties; decisions stay here, where tests reach them.
class AppController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(int authStep READ authStep NOTIFY userChanged)
    Q_PROPERTY(QVariantMap user READ user NOTIFY userChanged)
    Q_PROPERTY(QString maskedPhone READ maskedPhone NOTIFY userChanged)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainAvailableChanged)
    Q_PROPERTY(bool devMode READ devMode CONSTANT)
    Q_PROPERTY(QString apiUrl READ apiUrl CONSTANT)
    Q_PROPERTY(int smsCooldown READ smsCooldown NOTIFY smsCooldownChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool browserLoginRunning READ browserLoginRunning NOTIFY browserLoginRunningChanged)

public:
    AppController(auth::MallClient &client, bool devMode, QObject *parent = nullptr);
    ~AppController() override;

    // The one instance QML gets (set by main() or a test before loading QML).
    static void setInstance(AppController *instance);
    static AppController *instance();
    static AppController *create(QQmlEngine *engine, QJSEngine *);

    auth::MallClient &client() { return m_client; }
    api::ApiClient &api() { return m_client.api(); }
    void setEngine(QQmlEngine *engine);

    bool ready() const;
    int authStep() const;
    QVariantMap user() const;
    QString maskedPhone() const;
    bool keychainAvailable() const { return m_keychainAvailable; }
    bool devMode() const { return m_devMode; }
    QString apiUrl() const;
    int smsCooldown() const;
    QString language() const { return m_language; }
    void setLanguage(const QString &language);
    bool browserLoginRunning() const;

    // mustAuth from QML: `action` runs now or after the login / popup.
    Q_INVOKABLE bool mustAuth(int requiredStep, const QJSValue &action, const QString &from = {});
    Q_INVOKABLE void cancelAuth();

    // Login actions; `done` (optional) gets {ok, code, message}.
    Q_INVOKABLE void sendSmsCode(const QString &phone, const QJSValue &done = {});
    Q_INVOKABLE void loginWithSms(const QString &phone, const QString &code,
                                  const QJSValue &done = {});
    Q_INVOKABLE void loginWithPassword(const QString &phone, const QString &password,
                                       const QJSValue &done = {});
    // The platform's one-tap phone button (the simulator's picker gives the phone).
    Q_INVOKABLE void bindPhoneWithPlatform(const QString &phone, const QJSValue &done = {});
    Q_INVOKABLE void authorizeProfile(const QString &nickname, int gender,
                                      const QJSValue &done = {});
    Q_INVOKABLE void loginInBrowser(const QJSValue &done = {});
    Q_INVOKABLE void cancelBrowserLogin();
    Q_INVOKABLE void logout(const QJSValue &done = {});

    // A message with one action, such as a removal's "Undo": the bar the
    // toasts use shows both, and `action` runs if the user taps it before
    // the bar goes. A newer message or offer takes the bar's place.
    Q_INVOKABLE void offer(const QString &message, const QString &actionText,
                           const QJSValue &action);
    // The bar calls these: the action was tapped (runs it, once), or the
    // offer left the bar untapped (forgets it).
    Q_INVOKABLE void takeOffer();
    Q_INVOKABLE void dropOffer();

    // Formatting and checks the views share.
    Q_INVOKABLE QString formatPrice(qint64 cents) const;
    Q_INVOKABLE bool isValidPhone(const QString &phone) const;
    Q_INVOKABLE bool isValidSmsCode(const QString &code) const;
    Q_INVOKABLE QString orderStatusText(const QString &status) const;

    // Routes a failed call: a toast for 5xx, a dialog for a business error;
    // network failures are left to the caller's inline retry state.
    void reportFailure(const api::ApiResult &result);
    // Calls a QML callback with {ok, code, message, data}.
    void answer(const QJSValue &callback, const api::ApiResult &result);
    // One API call for a view's action: failures are reported (toast or
    // dialog), then `then` runs, then `done` (a QML callback) is answered.
    void act(const QByteArray &method, const QString &path, const QJsonObject &body,
             const QJSValue &done, std::function<void(const api::ApiResult &)> then = {},
             const api::CallOptions &options = {});

signals:
    void readyChanged();
    void userChanged();
    void keychainAvailableChanged();
    void smsCooldownChanged();
    void languageChanged();
    void browserLoginRunningChanged();
    // Navigation: route 1 = login page, 2 = the authorization popup.
    void authRequired(int route, int requiredStep, const QString &from);
    void resumed(const QString &from);
    void authCancelled(const QString &from);
    void sessionExpired();
    void toast(const QString &message);
    void offered(const QString &message, const QString &actionText);
    void alert(const QString &message);
    // Data other views show changed (they reload).
    void cartChanged();
    void ordersChanged();
    void favoritesChanged();

private:
    auth::MallClient &m_client;
    bool m_devMode;
    bool m_keychainAvailable = true;
    QString m_language;
    QTranslator m_translator;
    QPointer<QQmlEngine> m_engine;
    QJSValue m_offerAction;
    static QPointer<AppController> s_instance;
};

} // namespace mall::models
