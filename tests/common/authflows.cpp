#include "authflows.h"

TestSession sessionFrom(const HttpReply &reply, const QString &deviceId)
{
    TestSession session;
    const QJsonObject data = reply.object();
    session.accessToken = data.value(QLatin1String("accessToken")).toString().toLatin1();
    session.refreshToken = data.value(QLatin1String("refreshToken")).toString().toLatin1();
    const QJsonObject user = data.value(QLatin1String("user")).toObject();
    session.uid = user.value(QLatin1String("uid")).toInteger();
    session.step = user.value(QLatin1String("step")).toInt();
    session.deviceId = deviceId;
    return session;
}

TestSession guestLogin(HttpClient &http, const QString &deviceId)
{
    const HttpReply code =
        http.post(QStringLiteral("/wx/login"), QJsonObject{{QLatin1String("deviceId"), deviceId}});
    const QString platformCode = code.object().value(QLatin1String("code")).toString();
    return sessionFrom(http.post(QStringLiteral("/api/auth/wx-login"),
                                 QJsonObject{{QLatin1String("code"), platformCode}}),
                       deviceId);
}

QString lastSmsCode(HttpClient &http, const QString &phone)
{
    return http.get(QStringLiteral("/dev/sms?phone=") + phone)
        .object()
        .value(QLatin1String("code"))
        .toString();
}

TestSession smsLogin(HttpClient &http, const QString &phone, const TestSession &guest)
{
    http.post(QStringLiteral("/api/auth/sms/send"), QJsonObject{{QLatin1String("phone"), phone}});
    const QString code = lastSmsCode(http, phone);
    return sessionFrom(
        http.post(QStringLiteral("/api/auth/phone-login"),
                  QJsonObject{{QLatin1String("phone"), phone}, {QLatin1String("smsCode"), code}},
                  guest.accessToken),
        guest.deviceId);
}

TestSession memberViaPhoneButton(HttpClient &http, const QString &deviceId, const QString &phone)
{
    const TestSession guest = guestLogin(http, deviceId);
    const HttpReply payload = http.post(
        QStringLiteral("/wx/getPhoneNumber"),
        QJsonObject{{QLatin1String("deviceId"), deviceId}, {QLatin1String("phone"), phone}});
    return sessionFrom(
        http.post(QStringLiteral("/api/auth/bind-phone"),
                  QJsonObject{{QLatin1String("encryptedData"),
                               payload.object().value(QLatin1String("encryptedData"))},
                              {QLatin1String("iv"), payload.object().value(QLatin1String("iv"))}},
                  guest.accessToken),
        deviceId);
}
