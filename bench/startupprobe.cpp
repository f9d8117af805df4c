// mall-startup-probe: one start of the real app, measured from inside a fresh
// process, for `mall-bench startup` (which runs it several times and against
// mall-startup-minimal). Prints one JSON line:
//   mall-startup-probe --data DIR [--api URL] [--launched-at NS]
// It starts the app exactly as mall-client does (AppShell with its embedded
// server, data under DIR/server, no keychain; with --api, against that
// backend instead, as `mall-client --api` does) and reports the first frame,
// the home page filled after the silent login (a goods card on screen), and
// the peak RSS at that point. Times are from process start: NS is
// CLOCK_MONOTONIC in ns taken by the parent just before it started this
// process; without it, the start time in /proc/self/stat (10 ms resolution).

#include "models/appshell.h"
#include "probecommon.h"
#include "protocol/secretsafelogging.h"

#include <QGuiApplication>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>

Q_IMPORT_QML_PLUGIN(MallPlugin)

namespace {

// A visible goods card anywhere in the window: the home grid has items.
bool hasGoodsCard(QQuickItem *item)
{
    if (!item || !item->isVisible())
        return false;
    static const QString prefix = QStringLiteral("goodsCard_");
    const QString name = item->objectName();
    if (name.startsWith(prefix) && QStringView(name).mid(prefix.size()).toInt() > 0)
        return true;
    const QList<QQuickItem *> children = item->childItems();
    return std::any_of(children.cbegin(), children.cend(), hasGoodsCard);
}

} // namespace

int main(int argc, char *argv[])
{
    startupprobe::Probe probe(startupprobe::launchTimeNs(argc, argv));
    probe.mark("main_ms");

    // What mall-client's main() does, in the same order.
    mall::protocol::installSecretSafeLogging();
    QGuiApplication app(argc, argv);
    mall::models::AppShell::identifyApplication();

    const QString dataDir = startupprobe::argumentAfter(app.arguments(), QStringLiteral("--data"));
    if (dataDir.isEmpty()) {
        std::fprintf(stderr,
                     "usage: mall-startup-probe --data DIR [--api URL] [--launched-at NS]\n");
        return 2;
    }
    mall::models::AppShell shell;
    mall::models::AppShell::Options options;
    options.serverDataDir = dataDir + QStringLiteral("/server");
    options.useKeychain = false;
    options.api = QUrl(startupprobe::argumentAfter(app.arguments(), QStringLiteral("--api")));
    QObject::connect(&shell, &mall::models::AppShell::failed, &app, [](const QString &error) {
        std::fprintf(stderr, "mall-startup-probe: %s\n", qPrintable(error));
        QCoreApplication::exit(1);
    });
    QObject::connect(&shell, &mall::models::AppShell::started, &app,
                     [&probe] { probe.mark("started_ms"); });
    QString error;
    if (!shell.start(options, &error)) {
        std::fprintf(stderr, "mall-startup-probe: %s\n", qPrintable(error));
        return 1;
    }
    auto *window = qobject_cast<QQuickWindow *>(shell.rootWindow());
    if (!window) {
        std::fprintf(stderr, "mall-startup-probe: the root object is no window\n");
        return 1;
    }
    probe.mark("qml_loaded_ms");
    probe.watch(window, [](QQuickWindow *w) { return hasGoodsCard(w->contentItem()); });
    return app.exec();
}
