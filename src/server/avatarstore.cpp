#include "avatarstore.h"

#include "platformsimulator.h"
#include "securerandom.h"

#include <QHostAddress>
#include <QImage>
#include <QUrl>

#include <variant>

namespace mall::server {

AvatarStore::AvatarStore(Database &database)
    : m_db(database)
{}

namespace {

struct Fetched
{
    QByteArray contentType;
    QByteArray data;
};

std::variant<Fetched, QString> fetch(const QString &avatarUrl, const ApiRequest &request)
{
    if (avatarUrl.startsWith(QLatin1String("data:"))) {
        const qsizetype comma = avatarUrl.indexOf(QLatin1Char(','));
        const QString meta = avatarUrl.mid(5, comma - 5);
        if (comma < 0 || !meta.endsWith(QLatin1String(";base64")))
            return QStringLiteral("avatar data URL must be base64");
        const QString type = meta.chopped(7);
        if (type != QLatin1String("image/png") && type != QLatin1String("image/jpeg"))
            return QStringLiteral("avatar must be a PNG or JPEG picture");
        const auto decoded = QByteArray::fromBase64Encoding(
            avatarUrl.mid(comma + 1).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return QStringLiteral("avatar data URL is not valid base64");
        return Fetched{type.toLatin1(), decoded.decoded};
    }
    // The platform's avatar host is this server (the simulator); anything
    // else would make the server fetch arbitrary URLs for a client (SSRF).
    const QUrl url(avatarUrl);
    const QString ownHost = QUrl(request.origin()).host();
    const bool ourHost = url.host() == ownHost || QHostAddress(url.host()).isLoopback();
    const QString prefix = QStringLiteral("/wx/avatar/");
    if (!url.isValid() || !ourHost || !url.path().startsWith(prefix) ||
        !url.path().endsWith(QLatin1String(".png"))) {
        return QStringLiteral("avatarUrl must be a platform avatar or a data: URL");
    }
    const QString seed = url.path().mid(prefix.size()).chopped(4);
    return Fetched{QByteArrayLiteral("image/png"), PlatformSimulator::avatarPng(seed)};
}

} // namespace

AvatarStore::Copied AvatarStore::copyIn(const QString &avatarUrl, const ApiRequest &request,
                                        qint64 now)
{
    auto fetched = fetch(avatarUrl, request);
    if (auto *error = std::get_if<QString>(&fetched))
        return {{}, *error};
    const Fetched &picture = std::get<Fetched>(fetched);
    if (picture.data.size() > kMaxBytes)
        return {{}, QStringLiteral("avatar is larger than 1 MiB")};
    if (QImage::fromData(picture.data).isNull())
        return {{}, QStringLiteral("avatar is not a readable picture")};
    const QString extension =
        picture.contentType == "image/png" ? QStringLiteral(".png") : QStringLiteral(".jpg");
    const QString name = QString::fromLatin1(sha256Hex(picture.data).left(32)) + extension;
    m_db.exec(QStringLiteral("INSERT OR IGNORE INTO avatars (name, content_type, data, created_at) "
                             "VALUES (?, ?, ?, ?)"),
              {name, QString::fromLatin1(picture.contentType), picture.data, now});
    return {QStringLiteral("/media/avatars/") + name, {}};
}

std::optional<AvatarStore::Picture> AvatarStore::find(const QString &name)
{
    QSqlQuery row = m_db.exec(
        QStringLiteral("SELECT content_type, data, created_at FROM avatars WHERE name = ?"),
        {name});
    if (!row.next())
        return std::nullopt;
    return Picture{row.value(0).toByteArray(), row.value(1).toByteArray(),
                   row.value(2).toLongLong()};
}

} // namespace mall::server
