// mall-shots: screenshots of the real app for docs/screenshots/, driven the
// way a user would go (scripts/screenshots.sh runs it under xvfb-run).
//   mall-shots --out DIR [--lang zh|en] [--size phone|desktop]

#include "models/appshell.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(MallPlugin)

namespace {

void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

template <typename F> bool waitFor(F done, int ms = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms)
        settle(20);
    return done();
}

QQuickItem *findVisible(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    const QList<QQuickItem *> children = root->childItems();
    // Later children are drawn on top: the page a user sees comes last.
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
        if (QQuickItem *found = findVisible(*it, name))
            return found;
    }
    return nullptr;
}

class Driver
{
public:
    explicit Driver(mall::models::AppShell &shell)
        : m_window(qobject_cast<QQuickWindow *>(shell.rootWindow()))
    {}

    QQuickWindow *window() const { return m_window; }

    // The visible item of that name, searched in the visual tree as a user
    // sees it (pages deeper in the stack may reuse names).
    QQuickItem *find(const QString &name) const
    {
        return findVisible(m_window->contentItem(), name);
    }

    QVariant open(const QString &page, const QVariantMap &properties = {})
    {
        QVariant item;
        QMetaObject::invokeMethod(m_window, "openPage", Q_RETURN_ARG(QVariant, item),
                                  Q_ARG(QVariant, page), Q_ARG(QVariant, properties));
        return item;
    }

    void back() { QMetaObject::invokeMethod(m_window, "goBack"); }

    // A user scrolls to a button before tapping it: move the nearest
    // Flickable so that the item sits in the middle of it.
    static void scrollIntoView(QQuickItem *item)
    {
        for (QQuickItem *parent = item->parentItem(); parent; parent = parent->parentItem()) {
            if (!parent->inherits("QQuickFlickable"))
                continue;
            QQuickItem *content = parent->property("contentItem").value<QQuickItem *>();
            if (!content)
                return;
            const qreal y = item->mapToItem(content, QPointF(0, item->height() / 2)).y();
            const qreal maxY =
                std::max<qreal>(0, parent->property("contentHeight").toReal() - parent->height());
            parent->setProperty("contentY", std::clamp<qreal>(y - parent->height() / 2, 0, maxY));
            settle(300);
            return;
        }
    }

    // A real tap in the middle of the item, as a user would make it.
    bool click(const QString &name)
    {
        QQuickItem *item = find(name);
        if (!item) {
            std::fprintf(stderr, "mall-shots: no visible %s\n", qPrintable(name));
            return false;
        }
        scrollIntoView(item);
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        if (qEnvironmentVariableIsSet("MALL_SHOTS_DEBUG"))
            std::fprintf(stderr, "tap %s at %.0f,%.0f (window %dx%d)\n", qPrintable(name),
                         centre.x(), centre.y(), m_window->width(), m_window->height());
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
        return true;
    }

    void shoot(const QString &path)
    {
        settle(700); // pictures in, animations done
        if (!m_window->grabWindow().save(path))
            std::fprintf(stderr, "mall-shots: could not save %s\n", qPrintable(path));
        else
            std::printf("%s\n", qPrintable(path));
    }

private:
    QQuickWindow *m_window;
};

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
    const QString lang = parser.value(langOption);
    const bool desktop = parser.value(sizeOption) == QLatin1String("desktop");
    const QString prefix =
        QDir(parser.value(outOption))
            .filePath(QStringLiteral("%1-%2-").arg(parser.value(sizeOption), lang));
    QDir().mkpath(parser.value(outOption));

    mall::models::AppShell shell;
    mall::models::AppShell::Options options;
    options.serverDataDir = home.path() + QStringLiteral("/server");
    options.language = lang;
    options.useKeychain = false;
    QString error;
    if (!shell.start(options, &error)) {
        std::fprintf(stderr, "mall-shots: %s\n", qPrintable(error));
        return 1;
    }
    Driver driver(shell);
    driver.window()->resize(desktop ? QSize(1280, 800) : QSize(412, 892));
    if (!waitFor([&] { return shell.controller().ready(); })) {
        std::fprintf(stderr, "mall-shots: the session never became ready\n");
        return 1;
    }
    settle(1500);
    driver.shoot(prefix + QStringLiteral("home.png"));

    driver.click(QStringLiteral("tab_category"));
    settle(800);
    driver.shoot(prefix + QStringLiteral("categories.png"));
    driver.click(QStringLiteral("tab_home"));

    driver.open(QStringLiteral("GoodsPage"), {{QStringLiteral("goodsId"), 2}});
    settle(1200);
    driver.shoot(prefix + QStringLiteral("goods.png"));

    // A guest taps "add to cart": the login page comes up.
    driver.click(QStringLiteral("addToCartButton"));
    settle(600);
    driver.shoot(prefix + QStringLiteral("login.png"));

    // Log in with an SMS code, the way a user would (the dev outbox gives it).
    const QString phone = QStringLiteral("13800138000");
    bool sent = false;
    shell.client().phoneLogin().sendSmsCode(phone,
                                            [&](const mall::api::ApiResult &) { sent = true; });
    waitFor([&] { return sent; });
    QString code;
    mall::api::CallOptions skip;
    skip.skipAuth = true;
    shell.client().api().call(
        "GET", QStringLiteral("/dev/sms?phone=") + phone, {},
        [&](const mall::api::ApiResult &r) {
            code = r.object().value(QLatin1String("code")).toString();
        },
        skip);
    waitFor([&] { return !code.isEmpty(); });
    if (auto *field = driver.find(QStringLiteral("loginPhoneField")))
        field->setProperty("text", phone);
    if (auto *field = driver.find(QStringLiteral("smsCodeField")))
        field->setProperty("text", code);
    driver.click(QStringLiteral("smsLoginButton"));
    waitFor([&] { return shell.controller().authStep() >= 2; });
    settle(1200); // back on the goods page, the item in the cart

    // The profile popup: "write a review" needs member-info.
    driver.click(QStringLiteral("writeReviewButton"));
    settle(600);
    driver.shoot(prefix + QStringLiteral("popup.png"));
    driver.click(QStringLiteral("popupNotNowButton"));
    settle(800); // the modal overlay fades out

    driver.back();
    settle(300);
    driver.click(QStringLiteral("tab_cart"));
    settle(1200);
    driver.shoot(prefix + QStringLiteral("cart.png"));

    driver.click(QStringLiteral("tab_me"));
    settle(800);
    driver.shoot(prefix + QStringLiteral("me.png"));

    driver.click(QStringLiteral("qaButton"));
    settle(800);
    driver.shoot(prefix + QStringLiteral("qa.png"));
    return 0;
}
