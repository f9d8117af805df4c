#include "phonelogin.h"

#include "authlog.h"
#include "protocol/phonenumber.h"

#include <QRegularExpression>

namespace mall::auth {

PhoneLogin::PhoneLogin(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (--m_cooldown <= 0) {
            m_cooldown = 0;
            m_tick.stop();
        }
        emit smsCooldownChanged();
    });
}

std::optional<api::ApiResult> PhoneLogin::checkPhone(const QString &phone)
{
    if (protocol::isValidPhone(phone))
        return std::nullopt;
    return localFailure(QStringLiteral("BAD_REQUEST"),
                        QStringLiteral("请输入 11 位手机号")); // "Enter an 11-digit phone number"
}

std::optional<api::ApiResult> PhoneLogin::checkSmsCode(const QString &code)
{
    static const QRegularExpression sixDigits(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9]{6}")));
    if (sixDigits.match(code).hasMatch())
        return std::nullopt;
    return localFailure(QStringLiteral("BAD_REQUEST"), QStringLiteral("请输入 6 位验证码"));
}

void PhoneLogin::startCooldown(int seconds)
{
    m_cooldown = std::max(0, seconds);
    if (m_cooldown > 0)
        m_tick.start();
    emit smsCooldownChanged();
}

void PhoneLogin::post(const QString &path, const QJsonObject &body, Done done)
{
    // With the session's token: a guest's login links its platform identity.
    m_session.api().call("POST", path, body, std::move(done));
}

void PhoneLogin::postLogin(const QString &path, const QJsonObject &body, Done done)
{
    post(path, body, [this, done = std::move(done)](const api::ApiResult &result) {
        if (result.ok())
            m_session.acceptLogin(result, done);
        else
            done(result);
    });
}

void PhoneLogin::sendSmsCode(const QString &phone, Done done)
{
    if (auto bad = checkPhone(phone))
        return done(*bad);
    if (m_cooldown > 0) {
        return done(localFailure(QStringLiteral("RATE_LIMITED"),
                                 QStringLiteral("请 %1 秒后再试").arg(m_cooldown)));
    }
    api::CallOptions options;
    options.skipAuth = true;
    m_session.api().call(
        "POST", QStringLiteral("/api/auth/sms/send"), QJsonObject{{QLatin1String("phone"), phone}},
        [this, done = std::move(done)](const api::ApiResult &result) {
            if (result.ok())
                startCooldown(result.object().value(QLatin1String("cooldown")).toInt(60));
            else if (result.code == u"RATE_LIMITED")
                startCooldown(result.retryAfterSeconds);
            done(result);
        },
        options);
}

void PhoneLogin::loginWithSms(const QString &phone, const QString &code, Done done)
{
    if (auto bad = checkPhone(phone))
        return done(*bad);
    if (auto bad = checkSmsCode(code))
        return done(*bad);
    postLogin(QStringLiteral("/api/auth/phone-login"),
              QJsonObject{{QLatin1String("phone"), phone}, {QLatin1String("smsCode"), code}},
              std::move(done));
}

void PhoneLogin::loginWithPassword(const QString &phone, const QString &password, Done done)
{
    if (auto bad = checkPhone(phone))
        return done(*bad);
    if (password.isEmpty())
        return done(localFailure(QStringLiteral("BAD_REQUEST"), QStringLiteral("请输入密码")));
    postLogin(QStringLiteral("/api/auth/phone-login"),
              QJsonObject{{QLatin1String("phone"), phone}, {QLatin1String("password"), password}},
              std::move(done));
}

void PhoneLogin::bindPhoneWithSms(const QString &phone, const QString &code, Done done)
{
    if (auto bad = checkPhone(phone))
        return done(*bad);
    if (auto bad = checkSmsCode(code))
        return done(*bad);
    postLogin(QStringLiteral("/api/auth/bind-phone"),
              QJsonObject{{QLatin1String("phone"), phone}, {QLatin1String("smsCode"), code}},
              std::move(done));
}

void PhoneLogin::bindPhoneWithPlatform(const QString &phone, Done done)
{
    if (auto bad = checkPhone(phone))
        return done(*bad);
    m_session.ensureSessionKey([this, phone, done = std::move(done)](bool ok,
                                                                     const api::ApiResult &why) {
        if (!ok)
            return done(why);
        m_session.platform().phoneNumber(phone, [this, done](const api::ApiResult &payload) {
            if (!payload.ok())
                return done(payload);
            post(QStringLiteral("/api/auth/bind-phone"),
                 QJsonObject{{QLatin1String("encryptedData"),
                              payload.object().value(QLatin1String("encryptedData"))},
                             {QLatin1String("iv"), payload.object().value(QLatin1String("iv"))}},
                 [this, done](const api::ApiResult &result) {
                     if (result.ok())
                         return m_session.acceptLogin(result, done);
                     if (result.code != u"SESSION_KEY_EXPIRED")
                         return done(result);
                     // check-session said yes, the backend says no: renew the
                     // key once and let the user tap again (a new payload).
                     qCInfo(lcAuth, "phone payload refused for a stale key: renewing it");
                     m_session.silentLogin(
                         [done, result](const api::ApiResult &) { done(result); });
                 });
        });
    });
}

void PhoneLogin::setPassword(const QString &password, Done done)
{
    if (password.size() < 8)
        return done(localFailure(QStringLiteral("BAD_REQUEST"), QStringLiteral("密码至少 8 位")));
    m_session.api().call("PUT", QStringLiteral("/api/user/password"),
                         QJsonObject{{QLatin1String("password"), password}}, std::move(done));
}

} // namespace mall::auth
