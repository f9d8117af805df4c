#include "platformsimulator.h"

#include "aescbc.h"
#include "profilesignature.h"
#include "securerandom.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mall::server {

namespace {

constexpr qint64 kCodeLifetime = 5 * 60;

QByteArray newSessionKey()
{
    return secureRandomBytes(16).toBase64();
}

} // namespace

PlatformSimulator::PlatformSimulator(Database &database, const Clock &clock,
                                     const ServerConfig &config)
    : m_db(database)
    , m_clock(clock)
    , m_config(config)
{}

QString PlatformSimulator::openidForDevice(const QString &deviceId) const
{
    // Stable per (app, device), like an openid is per (mini-program, user).
    const QByteArray digest = QCryptographicHash::hash(
        m_config.appId.toUtf8() + ':' + deviceId.toUtf8(), QCryptographicHash::Sha256);
    return QLatin1String("o") +
           QString::fromLatin1(
               digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                   .left(27));
}

bool PlatformSimulator::knowsDevice(const QString &deviceId)
{
    return m_db
        .scalar(QStringLiteral("SELECT 1 FROM platform_devices WHERE device_id = ?"), {deviceId})
        .isValid();
}

void PlatformSimulator::storeNewKey(const QString &deviceId, const QString &openid)
{
    m_db.exec(QStringLiteral("INSERT INTO platform_devices (device_id, openid, session_key, "
                             "key_rotated_at) VALUES (?, ?, ?, ?) ON CONFLICT(device_id) DO "
                             "UPDATE SET session_key = excluded.session_key, "
                             "key_rotated_at = excluded.key_rotated_at"),
              {deviceId, openid, QString::fromLatin1(newSessionKey()), m_clock.now()});
}

QByteArray PlatformSimulator::login(const QString &deviceId)
{
    const QString openid = openidForDevice(deviceId);
    const QByteArray code = randomToken(18);
    Transaction transaction(m_db);
    storeNewKey(deviceId, openid);
    m_db.exec(QStringLiteral("DELETE FROM platform_codes WHERE expires_at <= ?"), {m_clock.now()});
    m_db.exec(QStringLiteral("INSERT INTO platform_codes (code_hash, openid, expires_at) "
                             "VALUES (?, ?, ?)"),
              {QString::fromLatin1(sha256Hex(code)), openid, m_clock.now() + kCodeLifetime});
    transaction.commit();
    return code;
}

std::optional<PlatformSimulator::CodeSession>
PlatformSimulator::exchangeCode(const QByteArray &code)
{
    const QString codeHash = QString::fromLatin1(sha256Hex(code));
    Transaction transaction(m_db);
    QSqlQuery row = m_db.exec(
        QStringLiteral("SELECT openid, expires_at FROM platform_codes WHERE code_hash = ?"),
        {codeHash});
    if (!row.next())
        return std::nullopt;
    const QString openid = row.value(0).toString();
    const bool expired = row.value(1).toLongLong() <= m_clock.now();
    m_db.exec(QStringLiteral("DELETE FROM platform_codes WHERE code_hash = ?"), {codeHash});
    transaction.commit();
    if (expired)
        return std::nullopt;
    return CodeSession{openid, currentSessionKey(openid)};
}

QByteArray PlatformSimulator::currentSessionKey(const QString &openid)
{
    return m_db
        .scalar(QStringLiteral("SELECT session_key FROM platform_devices WHERE openid = ?"),
                {openid})
        .toByteArray();
}

std::optional<PlatformSimulator::PhonePayload>
PlatformSimulator::phonePayload(const QString &deviceId, const QString &phone, const QString &appId,
                                qint64 timestamp)
{
    if (!knowsDevice(deviceId))
        return std::nullopt;
    const QByteArray key = QByteArray::fromBase64(currentSessionKey(openidForDevice(deviceId)));
    const QByteArray plaintext =
        QJsonDocument(
            QJsonObject{
                {QLatin1String("phoneNumber"), phone},
                {QLatin1String("purePhoneNumber"), phone},
                {QLatin1String("countryCode"), QLatin1String("86")},
                {QLatin1String("watermark"), QJsonObject{{QLatin1String("appid"), appId},
                                                         {QLatin1String("timestamp"), timestamp}}},
            })
            .toJson(QJsonDocument::Compact);
    const QByteArray iv = secureRandomBytes(16);
    const auto encrypted = aes128CbcEncrypt(key, iv, plaintext);
    if (!encrypted)
        return std::nullopt;
    return PhonePayload{encrypted->toBase64(), iv.toBase64()};
}

std::optional<PlatformSimulator::ProfilePayload>
PlatformSimulator::profilePayload(const QString &deviceId, const QString &nickname,
                                  const QString &avatarUrl, int gender)
{
    if (!knowsDevice(deviceId))
        return std::nullopt;
    // Field order as WeChat's own rawData; QJsonDocument would sort the keys,
    // and the signature covers these exact bytes, so they are written by hand.
    const auto quote = [](const QString &text) {
        const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return json.mid(1, json.size() - 2);
    };
    const QByteArray rawData = "{\"nickName\":" + quote(nickname) +
                               ",\"gender\":" + QByteArray::number(gender) +
                               ",\"language\":\"zh_CN\",\"city\":\"\",\"province\":\"\","
                               "\"country\":\"CN\",\"avatarUrl\":" +
                               quote(avatarUrl) + '}';
    const QByteArray sessionKey = currentSessionKey(openidForDevice(deviceId));
    return ProfilePayload{rawData, profileSignature(rawData, sessionKey)};
}

void PlatformSimulator::rotateSessionKeys(const QStringList &openids)
{
    QSqlQuery devices = m_db.exec(QStringLiteral("SELECT device_id, openid FROM platform_devices"));
    QList<QPair<QString, QString>> selected;
    while (devices.next()) {
        const QString openid = devices.value(1).toString();
        if (openids.isEmpty() || openids.contains(openid))
            selected.append({devices.value(0).toString(), openid});
    }
    for (const auto &[deviceId, openid] : selected)
        storeNewKey(deviceId, openid);
}

QByteArray PlatformSimulator::avatarPng(const QString &seed)
{
    const QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Md5);
    const QColor background = QColor::fromHsv(static_cast<quint8>(digest[0]) * 360 / 256, 120, 230);
    const QColor face = background.darker(150);
    constexpr int kSize = 132;
    QImage image(kSize, kSize, QImage::Format_RGB32);
    image.fill(background);
    // A head and shoulders silhouette, drawn pixel by pixel: QPainter would
    // need a QGuiApplication, which a headless server does not have.
    for (int y = 0; y < kSize; ++y) {
        for (int x = 0; x < kSize; ++x) {
            const int dxHead = x - kSize / 2, dyHead = y - kSize * 2 / 5;
            const int dxBody = x - kSize / 2, dyBody = y - kSize * 11 / 10;
            if (dxHead * dxHead + dyHead * dyHead < 24 * 24 ||
                dxBody * dxBody + dyBody * dyBody < 52 * 52) {
                image.setPixelColor(x, y, face);
            }
        }
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace mall::server
