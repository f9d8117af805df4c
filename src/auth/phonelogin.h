#pragma once

#include "session.h"

#include <QObject>
#include <QTimer>

namespace mall::auth {

// Logins and bindings that involve a phone number: SMS code (with the 60 s
// cooldown exposed for a countdown), password, and binding a phone to a guest,
// by SMS or by the platform's phone button. Passwords pass through; nothing
// here keeps one.
class PhoneLogin : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int smsCooldown READ smsCooldown NOTIFY smsCooldownChanged)

public:
    using Done = Session::Done;

    explicit PhoneLogin(Session &session, QObject *parent = nullptr);

    void sendSmsCode(const QString &phone, Done done);
    void loginWithSms(const QString &phone, const QString &code, Done done);
    void loginWithPassword(const QString &phone, const QString &password, Done done);
    void bindPhoneWithSms(const QString &phone, const QString &code, Done done);
    // The platform's phone button: check the session key, get the encrypted
    // payload, bind it. A SESSION_KEY_EXPIRED answer (the key changed after
    // all: check-session can be wrong) renews the key with one silent login
    // and comes back as SESSION_KEY_EXPIRED: ask the user to tap again.
    void bindPhoneWithPlatform(const QString &phone, Done done);
    void setPassword(const QString &password, Done done);

    // Seconds until another SMS code may be sent; 0 when it may.
    int smsCooldown() const { return m_cooldown; }

    // Checks made before any request (the UI shows them inline too).
    static std::optional<api::ApiResult> checkPhone(const QString &phone);
    static std::optional<api::ApiResult> checkSmsCode(const QString &code);

signals:
    void smsCooldownChanged();

private:
    void startCooldown(int seconds);
    void post(const QString &path, const QJsonObject &body, Done done);
    // A login call whose answer is a token pair the session takes over.
    void postLogin(const QString &path, const QJsonObject &body, Done done);

    Session &m_session;
    QTimer m_tick;
    int m_cooldown = 0;
};

} // namespace mall::auth
