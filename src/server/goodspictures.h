#pragma once

#include <QByteArray>
#include <QCache>
#include <QString>

#include <functional>

class QImage;

namespace mall::server {

// What a picture shows: one silhouette per kind of product in the seeded
// catalog, plus a gift box for anything else.
enum class ProductShape
{
    Phone,
    Headphones,
    Watch,
    Laptop,
    Keyboard,
    Monitor,
    Appliance,
    RobotVacuum,
    HairDryer,
    TShirt,
    Dress,
    Sneaker,
    Dropper,
    Lipstick,
    Perfume,
    SnackBag,
    Mug,
    Fruit,
    Pillow,
    StorageBox,
    Lamp,
    Dumbbell,
    Tent,
    Bicycle,
    Book,
    Pen,
    Notebook,
    GiftBox,
};

// The silhouette for a category, from its English name (and its parent's,
// for a category of its own that has no silhouette). Names, not ids, so a
// reordered seed keeps its pictures right.
ProductShape shapeForCategory(const QString &nameEn, const QString &parentNameEn = {});

// Product pictures drawn on the server (no downloads, no fonts: mall-server
// has only a QCoreApplication, and QPainter on a QImage works without a
// QGuiApplication as long as no text is drawn). Every picture is a function
// of its arguments alone, so it can be cached here and by clients under a
// fixed ETag. PNG bytes are kept in an LRU cache bounded in KiB.
class GoodsPictures
{
public:
    static constexpr int kGallerySize = 480;
    static constexpr int kIconSize = 192;
    static constexpr int kBannerWidth = 960;
    static constexpr int kBannerHeight = 400;

    explicit GoodsPictures(int cacheKiB = 64 * 1024);

    // Picture `index` of a goods' gallery, 480x480: a soft gradient in a hue
    // derived from the goods id and the product seen from a different angle
    // for each index.
    QByteArray goods(qint64 goodsId, int index, ProductShape shape);
    // A category's icon, 192x192, on a transparent background.
    QByteArray category(qint64 categoryId, ProductShape shape);
    // A home banner, 960x400, with room on the left for the client's title.
    QByteArray banner(qint64 bannerId, qint64 goodsId, ProductShape shape);

    int cachedPictures() const { return int(m_cache.count()); }

private:
    QByteArray cached(const QString &key, const std::function<QImage()> &draw);

    QCache<QString, QByteArray> m_cache;
};

} // namespace mall::server
