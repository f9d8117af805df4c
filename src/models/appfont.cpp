#include "appfont.h"

#include "uilog.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>

namespace mall::models {

QString AppFont::directory()
{
    return QGuiApplication::applicationDirPath() + QStringLiteral("/fonts");
}

QStringList AppFont::files()
{
    const QDir dir(directory());
    return {dir.filePath(QStringLiteral("MallSans-Regular.otf")),
            dir.filePath(QStringLiteral("MallSans-Bold.otf"))};
}

QString AppFont::useAsDefault()
{
    bool built = true;
    for (const QString &file : files())
        built = built && QFileInfo::exists(file);
    if (!built) {
        static const bool said = [] {
            qCInfo(lcUi) << "Mall Sans is not in" << directory()
                         << "- using the whole Noto Sans CJK SC, which maps more memory";
            return true;
        }();
        Q_UNUSED(said);
    }
    const QString family = QString::fromLatin1(built ? kFamily : kFullFamily);
    QFont::insertSubstitution(QString::fromLatin1(kFamily), QString::fromLatin1(kFullFamily));
    QFont font = QGuiApplication::font();
    font.setFamilies({family});
    QGuiApplication::setFont(font);
    return family;
}

void AppFont::registerFaces()
{
    static const bool registered = [] {
        for (const QString &file : files()) {
            if (QFileInfo::exists(file) && QFontDatabase::addApplicationFont(file) < 0)
                qCWarning(lcUi) << "cannot load" << file << "- its text falls back to"
                                << kFullFamily;
        }
        return true;
    }();
    Q_UNUSED(registered);
}

} // namespace mall::models
