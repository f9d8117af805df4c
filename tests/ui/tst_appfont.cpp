// Mall Sans, the app's cut of Noto Sans CJK SC (scripts/subset_font.py):
// built, complete for the app's own text, drawn exactly like the whole face,
// and backed by the whole Simplified Chinese face for everything else.

#include "models/appfont.h"

#include <QDirIterator>
#include <QFile>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QPainterPath>
#include <QRawFont>
#include <QTest>
#include <QTextLayout>

#include <set>

using mall::models::AppFont;

namespace {

// 龘 (U+9F98): in the whole face, outside GB 2312 and the app's text.
constexpr char32_t kRareCharacter = 0x9F98;

QFont fontOf(const QString &family, int weight = QFont::Normal)
{
    QFont font(family);
    font.setPixelSize(40);
    font.setWeight(QFont::Weight(weight));
    return font;
}

// The family of the face that draws each run of text laid out in font.
QStringList facesDrawing(const QString &text, const QFont &font)
{
    QTextLayout layout(text, font);
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    QStringList faces;
    for (const QGlyphRun &run : layout.glyphRuns())
        faces << run.rawFont().familyName();
    return faces;
}

// Every character above ASCII in the app's views and translations.
std::set<char32_t> charactersOfTheAppsText()
{
    std::set<char32_t> found;
    for (const char *folder : {"qml", "resources/translations"}) {
        QDirIterator files(QStringLiteral(MALL_SOURCE_DIR "/") + QLatin1String(folder),
                           {QStringLiteral("*.qml"), QStringLiteral("*.ts")}, QDir::Files);
        while (files.hasNext()) {
            QFile file(files.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            for (char32_t c : QString::fromUtf8(file.readAll()).toUcs4())
                if (c > 0x7F)
                    found.insert(c);
        }
    }
    return found;
}

} // namespace

class TestAppFont : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        for (const QString &file : AppFont::files())
            QVERIFY2(QFile::exists(file), qPrintable(file + QStringLiteral(" was not built")));
        QCOMPARE(AppFont::useAsDefault(), QString::fromLatin1(AppFont::kFamily));
        AppFont::registerFaces();
    }

    void theCutHasARegularAndABoldFace()
    {
        const QStringList styles = QFontDatabase::styles(QString::fromLatin1(AppFont::kFamily));
        QVERIFY2(styles.contains(QStringLiteral("Regular")), qPrintable(styles.join(u',')));
        QVERIFY2(styles.contains(QStringLiteral("Bold")), qPrintable(styles.join(u',')));
        QCOMPARE(QGuiApplication::font().family(), QString::fromLatin1(AppFont::kFamily));
    }

    // What the whole face can draw of the app's text, the cut draws itself.
    void everyCharacterOfTheAppsTextIsInTheCut()
    {
        const std::set<char32_t> characters = charactersOfTheAppsText();
        QVERIFY(characters.size() > 200); // the QML and the .ts were found
        for (const int weight : {int(QFont::Normal), int(QFont::Bold)}) {
            const QRawFont cut =
                QRawFont::fromFont(fontOf(QString::fromLatin1(AppFont::kFamily), weight));
            const QRawFont whole =
                QRawFont::fromFont(fontOf(QString::fromLatin1(AppFont::kFullFamily), weight));
            QCOMPARE(cut.familyName(), QString::fromLatin1(AppFont::kFamily));
            QCOMPARE(whole.familyName(), QString::fromLatin1(AppFont::kFullFamily));
            QString missing;
            for (char32_t c : characters) {
                if (whole.supportsCharacter(c) && !cut.supportsCharacter(c))
                    missing += QString::fromUcs4(&c, 1);
            }
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in the cut: ") + missing));
        }
    }

    // The same outlines as the whole Simplified Chinese face, not the forms
    // of another of the collection's languages: 骨, 直 and 商 differ
    // between the Simplified Chinese and the Japanese faces.
    void theCutDrawsTheSimplifiedChineseForms()
    {
        const QRawFont cut = QRawFont::fromFont(fontOf(QString::fromLatin1(AppFont::kFamily)));
        const QRawFont whole =
            QRawFont::fromFont(fontOf(QString::fromLatin1(AppFont::kFullFamily)));
        const QRawFont japanese = QRawFont::fromFont(fontOf(QStringLiteral("Noto Sans CJK JP")));
        QCOMPARE(japanese.familyName(), QStringLiteral("Noto Sans CJK JP"));
        const auto outline = [](const QRawFont &font, const QString &character) {
            return font.pathForGlyph(font.glyphIndexesForString(character).value(0));
        };
        for (const QString &character :
             {QStringLiteral("骨"), QStringLiteral("直"), QStringLiteral("商"),
              QStringLiteral("说"), QStringLiteral("A")}) {
            QVERIFY2(!outline(cut, character).isEmpty(), qPrintable(character));
            QCOMPARE(outline(cut, character), outline(whole, character));
        }
        for (const QString &character :
             {QStringLiteral("骨"), QStringLiteral("直"), QStringLiteral("商")})
            QVERIFY2(outline(cut, character) != outline(japanese, character),
                     qPrintable(character));
    }

    // Text takes the same room as in the whole face: widths, kerning and
    // the proportional Latin letters are kept, also after the cut renumbered
    // its glyphs (kerning is looked up by glyph id, both by class and pair by
    // pair).
    void textTakesTheSameRoomAsInTheWholeFace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("price and label")
            << QStringLiteral("¥1,299.00 新人专享券 Add to cart，已售 1.2万");
        QTest::newRow("kerned by class") << QStringLiteral("To Ya bT eY cc fV AV. b, —Y ›T");
        QTest::newRow("kerned pair by pair") << QStringLiteral("Vï Fî /î x, x;");
    }

    void textTakesTheSameRoomAsInTheWholeFace()
    {
        QFETCH(QString, text);
        for (const int weight : {int(QFont::Normal), int(QFont::Bold)}) {
            QCOMPARE(QFontMetricsF(fontOf(QString::fromLatin1(AppFont::kFamily), weight))
                         .horizontalAdvance(text),
                     QFontMetricsF(fontOf(QString::fromLatin1(AppFont::kFullFamily), weight))
                         .horizontalAdvance(text));
        }
    }

    // A character the cut lacks is drawn by the whole Simplified Chinese
    // face, even for a font naming Mall Sans alone (as QML's font.family
    // does); Qt's own fallback would take the collection's Japanese face.
    void charactersOutsideTheCutComeFromTheWholeSimplifiedChineseFace()
    {
        const QRawFont cut = QRawFont::fromFont(fontOf(QString::fromLatin1(AppFont::kFamily)));
        QVERIFY(!cut.supportsCharacter(kRareCharacter));
        const QString text = QStringLiteral("商城") + QString::fromUcs4(&kRareCharacter, 1);
        const QStringList faces = facesDrawing(text, fontOf(QString::fromLatin1(AppFont::kFamily)));
        QVERIFY2(faces.contains(QString::fromLatin1(AppFont::kFamily)),
                 qPrintable(faces.join(u',')));
        QVERIFY2(faces.contains(QString::fromLatin1(AppFont::kFullFamily)),
                 qPrintable(faces.join(u',')));
        QCOMPARE(faces.size(), 2);
    }
};

QTEST_MAIN(TestAppFont)
#include "tst_appfont.moc"
