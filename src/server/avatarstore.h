#pragma once

#include "apirequest.h"
#include "database.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace mall::server {

// The server's own copy of profile pictures: an avatar URL handed over at
// authorization may stop working later (a platform avatar changes), so the
// picture is copied in and served from /media/avatars/.
class AvatarStore
{
public:
    static constexpr qsizetype kMaxBytes = 1024 * 1024;

    explicit AvatarStore(Database &database);

    // Copies the picture behind `avatarUrl` and returns the server-relative
    // path it is served under, or why it could not be copied. Accepted: the
    // platform's avatars (/wx/avatar/... on this server) and data:image URLs.
    struct Copied
    {
        QString path;  // set on success
        QString error; // set on failure
    };
    Copied copyIn(const QString &avatarUrl, const ApiRequest &request, qint64 now);

    struct Picture
    {
        QByteArray contentType;
        QByteArray data;
        qint64 createdAt = 0;
    };
    std::optional<Picture> find(const QString &name);

private:
    Database &m_db;
};

} // namespace mall::server
