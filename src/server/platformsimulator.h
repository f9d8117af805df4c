#pragma once

#include "clock.h"
#include "database.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace mall::server {

// Stands in for the WeChat client and WeChat's servers (/wx/...): devices
// with a stable openid, one-time login codes, a session_key per device that
// each wx.login rotates, and the encrypted and signed payloads the phone
// button and getUserProfile hand to the mini-program.
class PlatformSimulator
{
public:
    PlatformSimulator(Database &database, const Clock &clock, const ServerConfig &config);

    // wx.login: a one-time code valid for five minutes. Rotates the device's
    // session_key, as WeChat may, so a backend that skips code2Session after
    // a wx.login holds a stale key.
    QByteArray login(const QString &deviceId);

    struct CodeSession
    {
        QString openid;
        QByteArray sessionKey; // base64 of 16 bytes
    };
    // auth.code2Session: consumes the code.
    std::optional<CodeSession> exchangeCode(const QByteArray &code);

    QString openidForDevice(const QString &deviceId) const;
    bool knowsDevice(const QString &deviceId);
    QByteArray currentSessionKey(const QString &openid);

    struct PhonePayload
    {
        QByteArray encryptedData; // base64
        QByteArray iv;            // base64
    };
    // What the phone-number button yields. `appId` and `timestamp` override
    // the watermark (QA only) to produce payloads a backend must refuse.
    std::optional<PhonePayload> phonePayload(const QString &deviceId, const QString &phone,
                                             const QString &appId, qint64 timestamp);

    struct ProfilePayload
    {
        QByteArray rawData;
        QByteArray signature;
    };
    std::optional<ProfilePayload> profilePayload(const QString &deviceId, const QString &nickname,
                                                 const QString &avatarUrl, int gender);

    // A fresh session_key for the devices of these openids (none: every device).
    void rotateSessionKeys(const QStringList &openids);

    // The platform's own avatar picture for `seed`: a PNG drawn here, so no
    // download is ever needed.
    static QByteArray avatarPng(const QString &seed);

private:
    void storeNewKey(const QString &deviceId, const QString &openid);

    Database &m_db;
    const Clock &m_clock;
    const ServerConfig &m_config;
};

} // namespace mall::server
