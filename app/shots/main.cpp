// mall-shots: screenshots of the real app for docs/screenshots/, driven the
// way a user would go (scripts/screenshots.sh runs it under xvfb-run).
//   mall-shots --out DIR [--lang zh|en] [--size phone|desktop]

#include "models/appshell.h"
#include "models/uidriver.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(MallPlugin)

using mall::models::UiDriver;

namespace {

void shoot(UiDriver &ui, const QString &path)
{
    UiDriver::settle(700); // pictures in, animations done
    if (ui.window()->grabWindow().save(path))
        std::printf("%s\n", qPrintable(path));
    else
        std::fprintf(stderr, "mall-shots: could not save %s\n", qPrintable(path));
}

void tap(UiDriver &ui, const QString &name, int settleMs)
{
    if (!ui.tap(name))
        std::fprintf(stderr, "mall-shots: nothing to tap named %s\n", qPrintable(name));
    UiDriver::settle(settleMs);
}

} // namespace

int main(int argc, char *argv[])
{
    // A throwaway home: no real keychain, settings or data are touched.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("mall"));
    QGuiApplication::setApplicationName(QStringLiteral("mall-shots"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder."),
                                       QStringLiteral("DIR"), QStringLiteral("docs/screenshots"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("zh or en."),
                                        QStringLiteral("LANG"), QStringLiteral("zh"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("phone or desktop."),
                                        QStringLiteral("SIZE"), QStringLiteral("phone"));
    parser.addOptions({outOption, langOption, sizeOption});
    parser.process(app);
    const bool desktop = parser.value(sizeOption) == QLatin1String("desktop");
    QDir().mkpath(parser.value(outOption));
    const QString prefix = QDir(parser.value(outOption))
                               .filePath(QStringLiteral("%1-%2-").arg(parser.value(sizeOption),
                                                                      parser.value(langOption)));

    mall::models::AppShell shell;
    mall::models::AppShell::Options options;
    options.serverDataDir = home.path() + QStringLiteral("/server");
    options.language = parser.value(langOption);
    options.useKeychain = false;
    QString error;
    QObject::connect(&shell, &mall::models::AppShell::failed, &app,
                     [&error](const QString &why) { error = why; });
    if (!shell.start(options, &error)) {
        std::fprintf(stderr, "mall-shots: %s\n", qPrintable(error));
        return 1;
    }
    UiDriver ui(qobject_cast<QQuickWindow *>(shell.rootWindow()));
    // What the first frame shows, before the backend is up: grabbed before
    // the event loop runs (so the pages are not built yet), at the window's
    // own size (a resize would only take effect in the event loop).
    if (!desktop && ui.window()->grabWindow().save(prefix + QStringLiteral("launch.png")))
        std::printf("%s\n", qPrintable(prefix + QStringLiteral("launch.png")));
    ui.window()->resize(desktop ? QSize(1280, 800) : QSize(412, 892));
    UiDriver::waitFor([&] { return !error.isEmpty() || shell.isStarted(); });
    if (!error.isEmpty()) {
        std::fprintf(stderr, "mall-shots: %s\n", qPrintable(error));
        return 1;
    }
    if (!UiDriver::waitFor([&] { return shell.isStarted() && shell.controller().ready(); })) {
        std::fprintf(stderr, "mall-shots: the session never became ready\n");
        return 1;
    }
    UiDriver::settle(1500);
    shoot(ui, prefix + QStringLiteral("home.png"));

    tap(ui, QStringLiteral("tab_category"), 800);
    shoot(ui, prefix + QStringLiteral("categories.png"));
    tap(ui, QStringLiteral("tab_home"), 300);

    ui.openPage(QStringLiteral("GoodsPage"), {{QStringLiteral("goodsId"), 2}});
    UiDriver::settle(1000);
    shoot(ui, prefix + QStringLiteral("goods.png"));

    // A guest taps "add to cart": the login page comes up.
    tap(ui, QStringLiteral("addToCartButton"), 600);
    shoot(ui, prefix + QStringLiteral("login.png"));

    // Log in with an SMS code (the dev server's outbox gives it).
    const QString phone = QStringLiteral("13800138000");
    ui.type(QStringLiteral("loginPhoneField"), phone);
    tap(ui, QStringLiteral("sendSmsButton"), 500);
    QString code;
    mall::api::CallOptions skip;
    skip.skipAuth = true;
    shell.client().api().call(
        "GET", QStringLiteral("/dev/sms?phone=") + phone, {},
        [&](const mall::api::ApiResult &r) {
            code = r.object().value(QLatin1String("code")).toString();
        },
        skip);
    UiDriver::waitFor([&] { return !code.isEmpty(); });
    ui.type(QStringLiteral("smsCodeField"), code);
    tap(ui, QStringLiteral("smsLoginButton"), 200);
    UiDriver::waitFor([&] { return shell.controller().authStep() >= 2; });
    UiDriver::settle(1200); // back on the goods page, the item in the cart

    // "Write a review" needs member-info: the profile popup.
    tap(ui, QStringLiteral("writeReviewButton"), 600);
    shoot(ui, prefix + QStringLiteral("popup.png"));
    tap(ui, QStringLiteral("popupNotNowButton"), 800);

    ui.back();
    tap(ui, QStringLiteral("tab_cart"), 1200);
    shoot(ui, prefix + QStringLiteral("cart.png"));
    tap(ui, QStringLiteral("tab_me"), 800);
    shoot(ui, prefix + QStringLiteral("me.png"));
    tap(ui, QStringLiteral("qaButton"), 800);
    shoot(ui, prefix + QStringLiteral("qa.png"));
    return 0;
}
