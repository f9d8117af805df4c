// mall-startup-minimal: the baseline of `mall-bench startup`, a minimal Qt
// Quick window measured from inside a fresh process. Prints one JSON line:
//   mall-startup-minimal material|plain [--launched-at NS]
// One window holding a Rectangle and a Text, nothing else linked in:
// `material` is an ApplicationWindow in the Material style (what the app
// uses, so the comparison charges the app only for what it adds on top of
// the controls it chose); `plain` is a QtQuick Window without the controls.
// The text is Chinese in the app's font (Mall Sans, the app's cut of Noto
// Sans CJK SC, when the build made it; else the whole face), so the
// baseline pays for the CJK font as the app does. Times as in
// mall-startup-probe.

#include "probecommon.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>

namespace {

// What the app's font is registered as, or the whole face it is cut from.
QByteArray appFontFamily()
{
    const QString cut =
        QCoreApplication::applicationDirPath() + QStringLiteral("/fonts/MallSans-Regular.otf");
    return QFileInfo::exists(cut) && QFontDatabase::addApplicationFont(cut) >= 0
               ? QByteArrayLiteral("Mall Sans")
               : QByteArrayLiteral("Noto Sans CJK SC");
}

QByteArray minimalQml(bool material, const QByteArray &family)
{
    return QByteArray("import QtQuick\n") +
           (material ? "import QtQuick.Controls\nimport QtQuick.Controls.Material\n"
                       "ApplicationWindow {\n"
                     : "Window {\n") +
           "    width: 420; height: 860; visible: true\n"
           "    Rectangle {\n"
           "        anchors.fill: parent; color: \"#f5f5f5\"\n"
           "        Text {\n"
           "            anchors.centerIn: parent; font.family: \"" +
           family +
           "\"\n"
           "            font.pixelSize: 20; text: \"\\u5546\\u57ce\"\n"
           "        }\n"
           "    }\n"
           "}\n";
}

} // namespace

int main(int argc, char *argv[])
{
    startupprobe::Probe probe(startupprobe::launchTimeNs(argc, argv));
    probe.mark("main_ms");
    QGuiApplication app(argc, argv);
    const QString mode = app.arguments().value(1);
    if (mode != QLatin1String("material") && mode != QLatin1String("plain")) {
        std::fprintf(stderr, "usage: mall-startup-minimal material|plain [--launched-at NS]\n");
        return 2;
    }
    const bool material = mode == QLatin1String("material");
    if (material)
        QQuickStyle::setStyle(QStringLiteral("Material"));
    QQmlApplicationEngine engine;
    engine.loadData(minimalQml(material, appFontFamily()));
    auto *window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window) {
        std::fprintf(stderr, "mall-startup-minimal: the QML did not load\n");
        return 1;
    }
    probe.mark("qml_loaded_ms");
    probe.watch(window);
    return app.exec();
}
