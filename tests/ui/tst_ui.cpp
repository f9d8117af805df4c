// The real app, its real QML and the real embedded server, driven with taps
// and typing: the flows of issue 6's proof. Runs offscreen.

#include "httpclient.h"
#include "models/appshell.h"
#include "models/uidriver.h"

#include <QJsonArray>
#include <QQmlContext>
#include <QQmlProperty>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <memory>

Q_IMPORT_QML_PLUGIN(MallPlugin)

using mall::models::AppShell;
using mall::models::UiDriver;

namespace {

// Whether `item` is named `name`, or, for a name ending in "_", any name
// starting with it ("goodsCard_": any goods card).
bool isNamed(const QQuickItem *item, const QString &name)
{
    return name.endsWith(QLatin1Char('_')) ? item->objectName().startsWith(name)
                                           : item->objectName() == name;
}

// Items named `name` (isNamed) under `root`, shown or not: what was built.
int builtItems(QQuickItem *root, const QString &name)
{
    int count = isNamed(root, name) ? 1 : 0;
    for (QQuickItem *child : root->childItems())
        count += builtItems(child, name);
    return count;
}

// One running app and what a test needs to poke at it.
struct App
{
    QTemporaryDir data;
    AppShell shell;
    std::unique_ptr<UiDriver> ui;
    std::unique_ptr<HttpClient> server; // for /dev and for checking results
    QString failure;                    // why the app did not start
    QString language = QStringLiteral("zh");

    // The window only: its first frame, before the event loop has run.
    bool launch()
    {
        AppShell::Options options;
        options.serverDataDir = data.path();
        options.useKeychain = false;
        options.language = language;
        QObject::connect(&shell, &AppShell::failed, &shell,
                         [this](const QString &error) { failure = error; });
        if (!shell.start(options, &failure))
            return false;
        ui = std::make_unique<UiDriver>(qobject_cast<QQuickWindow *>(shell.rootWindow()));
        return true;
    }
    // The app up, its session ready and a page on screen.
    bool start()
    {
        if (!launch())
            return false;
        ui->window()->resize(412, 892);
        if (!UiDriver::waitFor([this] { return shell.isStarted() || !failure.isEmpty(); }) ||
            !failure.isEmpty()) {
            qWarning("the app did not start: %s", qPrintable(failure));
            return false;
        }
        server = std::make_unique<HttpClient>(shell.apiUrl());
        return UiDriver::waitFor([this] { return shell.controller().ready(); }) &&
               UiDriver::waitFor([this] { return ui->currentPage() != nullptr; });
    }
    QString page() const
    {
        QQuickItem *current = ui->currentPage();
        return current ? current->objectName() : QString();
    }
    bool waitForPage(const QString &name, int ms = 8000)
    {
        return UiDriver::waitFor([&] { return page() == name; }, ms);
    }
    QString textOf(const QString &name) const
    {
        QQuickItem *item = ui->find(name);
        return item ? item->property("text").toString() : QString();
    }
    int step() { return shell.controller().authStep(); }
    // Waits until a page's data is on screen: a visible item named `name`
    // (isNamed); a label must also have its text.
    bool waitForData(const QString &name)
    {
        return UiDriver::waitFor([&] {
            for (QQuickItem *item : ui->visibleItems()) {
                if (isNamed(item, name) &&
                    (!item->inherits("QQuickText") || !item->property("text").toString().isEmpty()))
                    return true;
            }
            return false;
        });
    }
    // How many requests the server has answered on an endpoint
    // ("GET /api/goods"), from /dev/stats.
    int requestCount(const QString &endpoint)
    {
        return stats().value(QLatin1String("endpoints")).toObject().value(endpoint).toInt();
    }
    // The id of the first item a list endpoint answers (0 if none).
    int firstId(const QString &path)
    {
        return server->get(path)
            .object()
            .value(QLatin1String("items"))
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("id"))
            .toInt();
    }
    QJsonObject stats() { return server->get(QStringLiteral("/dev/stats")).object(); }
    void dev(const QString &path, const QJsonObject &body) { server->post(path, body); }

    // The login page's SMS flow, as a user goes through it.
    bool logInWithSms(const QString &phone)
    {
        if (!ui->type(QStringLiteral("loginPhoneField"), phone) ||
            !ui->tap(QStringLiteral("sendSmsButton")))
            return false;
        QString code;
        UiDriver::waitFor([&] {
            code = server->get(QStringLiteral("/dev/sms?phone=") + phone)
                       .object()
                       .value(QLatin1String("code"))
                       .toString();
            return !code.isEmpty();
        });
        return ui->type(QStringLiteral("smsCodeField"), code) &&
               ui->tap(QStringLiteral("smsLoginButton")) &&
               UiDriver::waitFor([this] { return step() >= 2; });
    }
    // Opens a goods page and logs in from it through a guarded tap.
    bool memberOnGoodsPage(int goodsId, const QString &phone)
    {
        ui->openPage(QStringLiteral("GoodsPage"), {{QStringLiteral("goodsId"), goodsId}});
        return UiDriver::waitFor(
                   [this] { return ui->find(QStringLiteral("goodsName")) != nullptr; }) &&
               ui->tap(QStringLiteral("favoriteButton")) &&
               waitForPage(QStringLiteral("loginPage")) && logInWithSms(phone) &&
               waitForPage(QStringLiteral("goodsPage"));
    }
};

} // namespace

class TstUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void goodsCardsKeepTheirContentInside();
    void englishTextFits_data();
    void englishTextFits();
    void englishTextFitsForAMember();
    void guestBrowsesAndSearches();
    void aNewSearchNeverShowsTheLastResults();
    void categoryChildrenSwitchAtOnce();
    void englishFromTheFirstPage();
    void launchSketchFirstThenThePages();
    void bannersAreBuiltAsTheyComeIntoView();
    void stateViewsBuildNothingBehindRows();
    void toastBuildsItsActionOnlyForAnOffer();
    void embeddedBackendLeavesTlsOut();
    void homeDelegatesShowTheyAreHeld_data();
    void homeDelegatesShowTheyAreHeld();
    void loginPageChecksInputBeforeAnyRequest();
    void guardedAddToCartLogsInAndComesBack();
    void stateLoginButtonLogsInAndReloads_data();
    void stateLoginButtonLogsInAndReloads();
    void backingOutOfLoginDropsTheAction();
    void reviewAsksForTheProfileThenPosts();
    void expiredAccessTokenIsInvisible();
    void expiredRefreshTokenRecoversSilently();
    void staleSessionKeyAtThePhoneButtonAsksToTapAgain();
    void serverErrorShowsAToast();
    void buyNowThroughCheckoutAndPay();
};

void TstUi::initTestCase()
{
    // Settings and caches of these tests go to a throwaway place.
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("mall-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui"));
}

void TstUi::init()
{
    // A warning from the app's QML (a binding loop, an undefined property,
    // a failed load) fails the test that caused it.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("qrc:/Mall/")));
}

void TstUi::englishFromTheFirstPage()
{
    // The window loads before the translators (its first frame is the
    // sketch); its title and the pages built later are English all the same.
    App app;
    app.language = QStringLiteral("en");
    QVERIFY(app.start());
    QCOMPARE(app.ui->window()->title(), QStringLiteral("Mall"));
    QCOMPARE(app.textOf(QStringLiteral("tab_home")), QStringLiteral("Home"));
}

void TstUi::launchSketchFirstThenThePages()
{
    App app;
    QVERIFY2(app.launch(), qPrintable(app.failure));
    // Before the event loop has run: the window is up, nothing behind it yet.
    QVERIFY(!app.shell.isStarted());
    QVERIFY(app.ui->find(QStringLiteral("launchSketch")));
    QVERIFY(!app.ui->find(QStringLiteral("rootStack")));
    QVERIFY(UiDriver::waitFor([&] { return app.shell.isStarted(); }));
    QVERIFY(app.ui->find(QStringLiteral("rootStack")));
    QVERIFY(!app.ui->find(QStringLiteral("launchSketch")));
}

void TstUi::stateViewsBuildNothingBehindRows()
{
    // Every list has a state view for when it has no rows; while it has
    // rows, the view's busy indicator and buttons are not built at all (a
    // Material button is an elevation layer and a ripple, for nobody). The
    // flows that show them are tested where they happen.
    App app;
    QVERIFY(app.start());
    QVERIFY(app.waitForData(QStringLiteral("goodsCard_")));
    // The featured row and the grid load apart: while one still loads, its
    // busy indicator is rightly there. Once both have rows, nothing is.
    QQuickItem *scene = app.ui->window()->contentItem();
    for (const QString &part : {QStringLiteral("busyIndicator"), QStringLiteral("retryButton"),
                                QStringLiteral("stateLoginButton")})
        QVERIFY2(UiDriver::waitFor([&] { return builtItems(scene, part) == 0; }), qPrintable(part));
}

void TstUi::toastBuildsItsActionOnlyForAnOffer()
{
    // The window keeps the toast from the start, and most toasts are plain
    // messages: its action button is built only when an offer needs it.
    App app;
    QVERIFY(app.start());
    auto *toast = app.ui->window()->findChild<QObject *>(QStringLiteral("toast"));
    QVERIFY(toast);
    auto *content = toast->property("contentItem").value<QQuickItem *>();
    QVERIFY(content);
    QCOMPARE(builtItems(content, QStringLiteral("toastAction")), 0);
    emit app.shell.controller().toast(QStringLiteral("已保存"));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.textOf(QStringLiteral("toastText")) == QStringLiteral("已保存"); }));
    QCOMPARE(builtItems(content, QStringLiteral("toastAction")), 0);
    app.shell.controller().offer(QStringLiteral("已删除"), QStringLiteral("撤销"), QJSValue());
    QVERIFY(UiDriver::waitFor(
        [&] { return app.textOf(QStringLiteral("toastAction")) == QStringLiteral("撤销"); }));
    QCOMPARE(builtItems(content, QStringLiteral("toastAction")), 1);
}

void TstUi::embeddedBackendLeavesTlsOut()
{
    // The embedded backend speaks plain HTTP on loopback: the process takes
    // Qt's certificate-only backend instead of setting OpenSSL's TLS up, and
    // says nothing about the keys that backend does not have.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("TLS backend|QSslKey")));
    App app;
    QVERIFY(app.start());
    QCOMPARE(QSslSocket::activeBackend(), QStringLiteral("cert-only"));
    QVERIFY(app.waitForData(QStringLiteral("goodsCard_")));
}

void TstUi::bannersAreBuiltAsTheyComeIntoView()
{
    App app;
    QVERIFY(app.start());
    const auto banner = [&](int id) {
        return app.ui->find(QStringLiteral("homeBanner_%1").arg(id)) != nullptr;
    };
    // The first banner and the next: the third is not built before the
    // carousel reaches the second (its picture and title would cost memory
    // at start for nothing), the fourth not before the third.
    QVERIFY(UiDriver::waitFor([&] { return banner(1); }));
    QVERIFY(banner(2));
    QVERIFY(!banner(3));
    QQuickItem *view = app.ui->find(QStringLiteral("bannerView"));
    QVERIFY(view);
    view->setProperty("currentIndex", 1);
    QVERIFY(UiDriver::waitFor([&] { return banner(3); }));
    QVERIFY(!banner(4));
    view->setProperty("currentIndex", 2);
    QVERIFY(UiDriver::waitFor([&] { return banner(4); }));
    // Once built, a banner stays: the carousel's step from the last back to
    // the first slides across all of them, and none may be blank meanwhile.
    view->setProperty("currentIndex", 3);
    UiDriver::settle(400);
    view->setProperty("currentIndex", 0);
    for (int sample = 0; sample < 15; ++sample) {
        QVERIFY2(
            banner(1) && banner(2) && banner(3) && banner(4),
            qPrintable(
                QStringLiteral("a banner was dropped %1 ms into the slide back").arg(sample * 20)));
        UiDriver::settle(20);
    }
    view->setProperty("currentIndex", 2);
    // A built banner still leads to its goods, once the carousel has
    // slid it into place.
    QVERIFY(UiDriver::waitFor([&] {
        QQuickItem *third = app.ui->find(QStringLiteral("homeBanner_3"));
        return third && qAbs(third->mapToItem(view, QPointF()).x()) < 1;
    }));
    QVERIFY(app.ui->tap(QStringLiteral("homeBanner_3")));
    QVERIFY(app.waitForPage(QStringLiteral("goodsPage")));
    const QJsonArray banners = app.server->get(QStringLiteral("/api/home"))
                                   .object()
                                   .value(QLatin1String("banners"))
                                   .toArray();
    QCOMPARE(app.ui->currentPage()->property("goodsId").toInt(),
             banners.at(2).toObject().value(QLatin1String("goodsId")).toInt());
}

namespace {

// The mean grey level (0 to 255) of the window's pixels under `item`, a
// few pixels in from its edges.
double meanGrey(QQuickWindow *window, QQuickItem *item)
{
    const QImage shot = window->grabWindow();
    const qreal ratio = shot.devicePixelRatio();
    const QRect area = QRectF(item->mapToScene(QPointF(0, 0)) * ratio, item->size() * ratio)
                           .toAlignedRect()
                           .adjusted(4, 4, -4, -4)
                           .intersected(shot.rect());
    double sum = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            sum += qGray(shot.pixel(x, y));
    }
    return area.isEmpty() ? -1 : sum / (double(area.width()) * area.height());
}

} // namespace

void TstUi::homeDelegatesShowTheyAreHeld_data()
{
    QTest::addColumn<QString>("name"); // for isNamed
    QTest::newRow("search box") << QStringLiteral("homeSearchBox");
    QTest::newRow("banner") << QStringLiteral("homeBanner_1");
    QTest::newRow("category shortcut") << QStringLiteral("homeCategory_");
    QTest::newRow("goods card") << QStringLiteral("goodsCard_");
    QTest::newRow("tab") << QStringLiteral("tab_cart");
}

void TstUi::homeDelegatesShowTheyAreHeld()
{
    // What a finger on the home page sees: the delegate under it darkens
    // while it is held, over a banner's or a card's picture too, and is as
    // before once the finger lifts off it (no tap, no navigation).
    QFETCH(QString, name);
    App app;
    QVERIFY(app.start());
    QVERIFY(app.waitForData(name));
    QQuickWindow *window = app.ui->window();
    // The first of that name wholly on screen.
    const auto item = [&]() -> QQuickItem * {
        const QRectF screen(0, 0, window->width(), window->height());
        for (QQuickItem *candidate : app.ui->visibleItems()) {
            if (isNamed(candidate, name) &&
                screen.contains(candidate->mapRectToScene(candidate->boundingRect())))
                return candidate;
        }
        return nullptr;
    };
    // Pictures arrive first: a picture landing mid-press would change the
    // pixels as much as the press does.
    QVERIFY(UiDriver::waitFor([&] {
        QQuickItem *held = item();
        if (!held)
            return false;
        const QList<QQuickItem *> inside = app.ui->visibleItems(held);
        return std::none_of(inside.cbegin(), inside.cend(), [](QQuickItem *child) {
            return child->inherits("QQuickImage") && child->property("status").toInt() != 1;
        });
    }));
    // The banner carousel moves on every 4 s, and a list may still be
    // settling: a try in which the item moved does not count.
    QString tries;
    for (int attempt = 0; attempt < 3; ++attempt) {
        UiDriver::settle(300);
        QQuickItem *held = item();
        QVERIFY(held);
        // Held just inside its top edge and lifted just outside it: a move
        // shorter than the drag distance, so the list it is in stays put.
        const QPoint inside = held->mapToScene(QPointF(held->width() / 2, 3)).toPoint();
        const QPoint outside = held->mapToScene(QPointF(held->width() / 2, -3)).toPoint();
        const QPointF at = held->mapToScene(QPointF(0, 0));
        const double before = meanGrey(window, held);
        QTest::mousePress(window, Qt::LeftButton, {}, inside);
        UiDriver::settle(300);
        const double during = meanGrey(window, held);
        QTest::mouseRelease(window, Qt::LeftButton, {}, outside);
        UiDriver::settle(300);
        const double after = meanGrey(window, held);
        QCOMPARE(app.page(), QStringLiteral("tabsPage"));
        const bool moved = held->mapToScene(QPointF(0, 0)) != at;
        tries += QStringLiteral(" [%1 %2 %3%4]")
                     .arg(before)
                     .arg(during)
                     .arg(after)
                     .arg(moved ? QStringLiteral(", moved") : QString());
        if (!moved && qAbs(after - before) < 1.5 && during < before - 8)
            return;
    }
    QFAIL(qPrintable(QStringLiteral("grey before, while held, after:") + tries));
}

void TstUi::goodsCardsKeepTheirContentInside()
{
    // Narrow cards (the featured row) and wide ones (the grid below): the
    // picture, the name, the price and the sales stay inside the card,
    // whatever the lengths of the texts.
    App app;
    QVERIFY(app.start());
    // Collected afresh after the last event loop run: views may create
    // and destroy delegates meanwhile, and a pointer kept across would dangle.
    const auto allCards = [&] {
        QList<QQuickItem *> cards;
        for (QQuickItem *item : app.ui->visibleItems()) {
            if (item->objectName().startsWith(QLatin1String("goodsCard_")))
                cards.append(item);
        }
        return cards;
    };
    QVERIFY(UiDriver::waitFor([&] { return allCards().size() >= 4; }));
    UiDriver::settle(300); // pictures arrive and texts are laid out
    const QList<QQuickItem *> cards = allCards();
    QSet<int> widths;
    for (QQuickItem *card : std::as_const(cards)) {
        widths.insert(qRound(card->width()));
        for (QQuickItem *item : app.ui->visibleItems(card)) {
            if (item->width() <= 0 || item->height() <= 0)
                continue;
            const QRectF inCard = item->mapRectToItem(card, item->boundingRect());
            QVERIFY2(QRectF(0, 0, card->width(), card->height())
                         .adjusted(-0.5, -0.5, 0.5, 0.5)
                         .contains(inCard),
                     qPrintable(QStringLiteral("%1: a %2 at %3,%4 %5x%6 in a %7x%8 card")
                                    .arg(card->objectName(),
                                         QString::fromLatin1(item->metaObject()->className()))
                                    .arg(inCard.x())
                                    .arg(inCard.y())
                                    .arg(inCard.width())
                                    .arg(inCard.height())
                                    .arg(card->width())
                                    .arg(card->height())));
        }
    }
    QVERIFY2(widths.size() >= 2, "both the featured row and the grid were checked");
}

// Whether an item comes from the app's own QML (module Mall) rather than
// from a control's style or its C++.
static bool isAppQml(const QQuickItem *item)
{
    const QQmlContext *context = qmlContext(item);
    return context && context->baseUrl().path().contains(QLatin1String("/Mall/"));
}

// Every visible text under `root`, at a small phone, a phone, a laptop and
// a large screen: it fits in its own box (wrapped or elided, not spilling
// over what comes next), a control's label is not cut short by its style,
// nothing runs off the side of the window unless a view clips it, and
// nothing reaches out of the button or delegate holding it. All problems,
// not only the first.
static QStringList textProblems(App &app, QQuickItem *root)
{
    QStringList problems;
    for (const QSize window :
         {QSize(320, 640), QSize(412, 892), QSize(1280, 800), QSize(1920, 1080)}) {
        app.ui->window()->resize(window);
        // The page's data arrives and is laid out; later sizes only lay out.
        UiDriver::settle(window == QSize(320, 640) ? 800 : 300);
        const QRectF screen(QPointF(), app.ui->window()->size());
        int checked = 0;
        for (QQuickItem *item : app.ui->visibleItems(root)) {
            if (!item->inherits("QQuickText") || item->property("text").toString().isEmpty())
                continue;
            const QRectF onScreen = item->mapRectToScene(item->boundingRect());
            if (!screen.intersects(onScreen))
                continue;
            ++checked;
            const QString what = QStringLiteral("%1 x %2: \"%3\" (%4 x %5, painted %6 x %7)")
                                     .arg(window.width())
                                     .arg(window.height())
                                     .arg(item->property("text").toString())
                                     .arg(item->width())
                                     .arg(item->height())
                                     .arg(item->property("paintedWidth").toReal())
                                     .arg(item->property("paintedHeight").toReal());
            if (item->property("paintedWidth").toReal() > item->width() + 1 ||
                item->property("paintedHeight").toReal() > item->height() + 1)
                problems << what + QStringLiteral(" spills out of its box");
            // The app's own labels may elide data (a long goods name) by
            // choice; a control's label elided by its style has no room.
            if (item->property("truncated").toBool() && !isAppQml(item))
                problems << what + QStringLiteral(" is cut short");
            // Off the side of the window, unless a view clips it or
            // scrolls it sideways (a row of cards).
            bool clipped = false;
            for (QQuickItem *up = item->parentItem(); up && !clipped; up = up->parentItem())
                clipped = up->clip() || (up->inherits("QQuickFlickable") &&
                                         up->property("contentWidth").toReal() > up->width() + 1);
            if (!clipped && (onScreen.left() < -1 || onScreen.right() > screen.right() + 1))
                problems << what + QStringLiteral(" runs off the side of the window");
            for (QQuickItem *holder = item->parentItem(); holder; holder = holder->parentItem()) {
                if (!holder->inherits("QQuickAbstractButton"))
                    continue;
                const QRectF inHolder = item->mapRectToItem(holder, item->boundingRect());
                if (!holder->boundingRect().adjusted(-1, -1, 1, 1).contains(inHolder)) {
                    problems << what +
                                    QStringLiteral(" reaches out of its %1 \"%2\"")
                                        .arg(QString::fromLatin1(holder->metaObject()->className()),
                                             holder->objectName());
                }
                break;
            }
        }
        if (checked < 2)
            problems << QStringLiteral("%1 x %2: no text on screen")
                            .arg(window.width())
                            .arg(window.height());
    }
    return problems;
}

void TstUi::englishTextFits_data()
{
    // A tab to tap, or a page to open with its properties, and the item
    // that shows the page's data has arrived (empty: nothing to wait for).
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("page");
    QTest::addColumn<QVariantMap>("properties");
    QTest::addColumn<QString>("pageName");
    QTest::addColumn<QString>("data");
    const QList<std::tuple<const char *, const char *, QVariantMap, const char *, const char *>>
        pages = {
            {"tab_home", "", {}, "homePage", "homeCategory_"},
            {"tab_category", "", {}, "categoryPage", "childCategory_"},
            {"tab_cart", "", {}, "cartPage", "stateLoginButton"},
            {"tab_me", "", {}, "mePage", "meName"},
            {"", "GoodsPage", {{QStringLiteral("goodsId"), 1}}, "goodsPage", "goodsName"},
            {"",
             "GoodsListPage",
             {{QStringLiteral("categoryId"), 1}},
             "goodsListPage",
             "goodsCard_"},
            {"", "SearchPage", {}, "searchPage", ""},
            {"", "LoginPage", {}, "loginPage", ""},
            {"", "CouponCenterPage", {}, "couponCenterPage", "coupon_"},
            {"", "SettingsPage", {}, "settingsPage", ""},
        };
    for (const auto &[tab, page, properties, pageName, data] : pages) {
        QTest::addRow("%s", pageName)
            << QString::fromLatin1(tab) << QString::fromLatin1(page) << properties
            << QString::fromLatin1(pageName) << QString::fromLatin1(data);
    }
}

void TstUi::englishTextFits()
{
    // English words are longer than the Chinese they translate: every text
    // on screen, at phone and at desktop size, fits in its own box (wrapped
    // or elided, not spilling over what comes next) and inside the button
    // or delegate that holds it.
    QFETCH(QString, tab);
    QFETCH(QString, page);
    QFETCH(QVariantMap, properties);
    QFETCH(QString, pageName);
    QFETCH(QString, data);
    App app;
    app.language = QStringLiteral("en");
    QVERIFY(app.start());
    if (!tab.isEmpty())
        QVERIFY(app.ui->tap(tab));
    else
        app.ui->openPage(page, properties);
    QQuickItem *root = nullptr;
    QVERIFY(UiDriver::waitFor([&] { return (root = app.ui->find(pageName)) != nullptr; }));
    if (!data.isEmpty())
        QVERIFY2(app.waitForData(data), qPrintable(data));
    const QStringList problems = textProblems(app, root);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1String("\n    "))));
}

void TstUi::englishTextFitsForAMember()
{
    // The member's pages, with something in them: a cart, a favorite, an
    // address, an order and a coupon.
    App app;
    app.language = QStringLiteral("en");
    QVERIFY(app.start());
    QVERIFY(app.memberOnGoodsPage(1, QStringLiteral("13800138011"))); // favorites it
    const QByteArray token = app.shell.client().session().accessToken();
    QCOMPARE(app.server
                 ->post(QStringLiteral("/api/cart"),
                        {{QStringLiteral("goodsId"), 2}, {QStringLiteral("quantity"), 2}}, token)
                 .status,
             200);
    const HttpReply address = app.server->post(
        QStringLiteral("/api/addresses"),
        {{QStringLiteral("name"), QStringLiteral("Alexandra Montgomery")},
         {QStringLiteral("phone"), QStringLiteral("13800138011")},
         {QStringLiteral("region"), QStringLiteral("Guangdong Guangzhou Tianhe")},
         {QStringLiteral("detail"), QStringLiteral("Room 1808, Tower B, 383 Tianhe Road North")}},
        token);
    QCOMPARE(address.status, 200);
    const int addressId = address.object().value(QLatin1String("id")).toInt();
    const HttpReply order = app.server->post(
        QStringLiteral("/api/orders"),
        {{QStringLiteral("items"),
          QJsonArray{QJsonObject{{QStringLiteral("goodsId"), 3}, {QStringLiteral("quantity"), 1}}}},
         {QStringLiteral("addressId"), addressId}},
        token);
    QCOMPARE(order.status, 200);
    const int orderId = order.object().value(QLatin1String("id")).toInt();
    const int couponId = app.firstId(QStringLiteral("/api/coupons"));
    QCOMPARE(
        app.server->post(QStringLiteral("/api/coupons/%1/claim").arg(couponId), {}, token).status,
        200);

    // Each page, and the item that shows its data has arrived: the checks
    // run on the page with its rows, not on a spinner.
    const QList<std::tuple<QString, QVariantMap, QString, QString>> pages = {
        {QStringLiteral("OrdersPage"),
         {},
         QStringLiteral("ordersPage"),
         QStringLiteral("order_%1").arg(orderId)},
        {QStringLiteral("OrderDetailPage"),
         {{QStringLiteral("orderId"), orderId}},
         QStringLiteral("orderDetailPage"),
         QStringLiteral("orderDetailPay")},
        {QStringLiteral("AddressesPage"),
         {},
         QStringLiteral("addressesPage"),
         QStringLiteral("address_%1").arg(addressId)},
        {QStringLiteral("CheckoutPage"),
         {{QStringLiteral("fromCart"), true}},
         QStringLiteral("checkoutPage"),
         QStringLiteral("payTotal")},
        {QStringLiteral("CouponCenterPage"),
         {{QStringLiteral("mine"), true}},
         QStringLiteral("myCouponsPage"),
         QStringLiteral("coupon_")},
        {QStringLiteral("FavoritesPage"),
         {},
         QStringLiteral("favoritesPage"),
         QStringLiteral("goodsCard_1")},
        {QStringLiteral("FootprintsPage"),
         {},
         QStringLiteral("footprintsPage"),
         QStringLiteral("goodsCard_1")},
    };
    QStringList problems;
    for (const auto &[page, properties, pageName, data] : pages) {
        app.ui->openPage(page, properties);
        QVERIFY2(app.waitForPage(pageName), qPrintable(page));
        QVERIFY2(app.waitForData(data), qPrintable(data));
        for (const QString &problem : textProblems(app, app.ui->currentPage()))
            problems << pageName + QStringLiteral(" ") + problem;
    }
    // The tabs as a member: the cart with its item, 我的 with the phone.
    app.ui->openPage(QStringLiteral("GoodsPage"), {{QStringLiteral("goodsId"), 1}});
    QVERIFY(app.waitForPage(QStringLiteral("goodsPage")));
    QVERIFY(app.ui->tap(QStringLiteral("goToCartButton")));
    QVERIFY(app.waitForPage(QStringLiteral("tabsPage")));
    for (const auto &[tab, pageName, data] : {std::tuple{"tab_cart", "cartPage", "cartItem_2"},
                                              std::tuple{"tab_me", "mePage", "meName"}}) {
        QVERIFY(app.ui->tap(QString::fromLatin1(tab)));
        QQuickItem *root = nullptr;
        QVERIFY(UiDriver::waitFor(
            [&] { return (root = app.ui->find(QString::fromLatin1(pageName))) != nullptr; }));
        QVERIFY(app.waitForData(QString::fromLatin1(data)));
        for (const QString &problem : textProblems(app, root))
            problems << QString::fromLatin1(pageName) + QStringLiteral(" ") + problem;
    }
    // The popup that asks for the profile, over 我的.
    QVERIFY(app.ui->tap(QStringLiteral("meHeader")));
    QQuickItem *popup = nullptr;
    QVERIFY(UiDriver::waitFor([&] {
        popup = app.ui->find(QStringLiteral("authorizeButton"));
        while (popup && popup->parentItem() && !popup->parentItem()->inherits("QQuickOverlay"))
            popup = popup->parentItem();
        return popup != nullptr;
    }));
    for (const QString &problem : textProblems(app, popup))
        problems << QStringLiteral("authPopup ") + problem;
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1String("\n    "))));
}

void TstUi::guestBrowsesAndSearches()
{
    App app;
    QVERIFY(app.start());
    QCOMPARE(app.step(), 1); // a silent guest, no login asked for
    QVERIFY(UiDriver::waitFor([&] {
        return app.ui->find(QStringLiteral("goodsCard_1")) != nullptr ||
               app.ui->find(QStringLiteral("bannerView")) != nullptr;
    }));
    QVERIFY(app.ui->tap(QStringLiteral("homeSearchBox")));
    QVERIFY(app.waitForPage(QStringLiteral("searchPage")));
    QVERIFY(app.ui->type(QStringLiteral("searchField"), QStringLiteral("耳机")));
    QVERIFY(app.ui->tap(QStringLiteral("searchButton")));
    // Every result the server finds for the word is a card on screen.
    const HttpReply expected =
        app.server->get(QStringLiteral("/api/goods?q=%E8%80%B3%E6%9C%BA&size=100"));
    const QJsonArray items = expected.object().value(QLatin1String("items")).toArray();
    QVERIFY(!items.isEmpty());
    const int first = items.first().toObject().value(QLatin1String("id")).toInt();
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("goodsCard_%1").arg(first)) != nullptr; }));
    QVERIFY(items.first()
                .toObject()
                .value(QLatin1String("name"))
                .toString()
                .contains(QStringLiteral("耳机")));
    QVERIFY(!app.ui->find(QStringLiteral("goodsCard_2"))); // a phone is not a headphone
}

void TstUi::aNewSearchNeverShowsTheLastResults()
{
    App app;
    QVERIFY(app.start());
    const int headphones = app.firstId(QStringLiteral("/api/goods?q=%E8%80%B3%E6%9C%BA")); // 耳机
    const int phones = app.firstId(QStringLiteral("/api/goods?q=%E6%89%8B%E6%9C%BA"));     // 手机
    QVERIFY(headphones > 0 && phones > 0 && headphones != phones);
    const auto card = [&](int id) {
        return app.ui->find(QStringLiteral("goodsCard_%1").arg(id)) != nullptr;
    };
    app.ui->openPage(QStringLiteral("SearchPage"));
    QVERIFY(app.waitForPage(QStringLiteral("searchPage")));
    QVERIFY(app.ui->type(QStringLiteral("searchField"), QStringLiteral("耳机")));
    QVERIFY(app.ui->tap(QStringLiteral("searchButton")));
    QVERIFY(UiDriver::waitFor([&] { return card(headphones); }));

    // The next search's answer takes 3 s: meanwhile the page shows that it
    // is loading, and not the headphones under the word "phone".
    app.dev(QStringLiteral("/dev/faults"), {{QLatin1String("path"), QLatin1String("/api/goods")},
                                            {QLatin1String("delayMs"), 3000},
                                            {QLatin1String("count"), 1}});
    const auto goodsRequests = [&] { return app.requestCount(QStringLiteral("GET /api/goods")); };
    const int before = goodsRequests();
    QVERIFY(app.ui->type(QStringLiteral("searchField"), QStringLiteral("手机")));
    QVERIFY(app.ui->tap(QStringLiteral("searchButton")));
    QVERIFY(!card(headphones));
    QVERIFY(app.ui->find(QStringLiteral("busyIndicator")));
    QVERIFY(UiDriver::waitFor([&] { return card(phones); }));
    QVERIFY(!card(headphones));
    // One request for the new search, and no stray one for more rows of
    // the old list.
    QCOMPARE(goodsRequests(), before + 1);
}

void TstUi::categoryChildrenSwitchAtOnce()
{
    App app;
    QVERIFY(app.start());
    // Two top categories and a child of each, from the server.
    QList<int> tops;
    QHash<int, int> childOf; // top -> one of its children
    for (const QJsonValue &value : app.server->get(QStringLiteral("/api/categories"))
                                       .object()
                                       .value(QLatin1String("items"))
                                       .toArray()) {
        const QJsonObject category = value.toObject();
        const QJsonValue parent = category.value(QLatin1String("parentId"));
        if (parent.isNull() || parent.isUndefined())
            tops.append(category.value(QLatin1String("id")).toInt());
        else
            childOf.insert(parent.toInt(), category.value(QLatin1String("id")).toInt());
    }
    QVERIFY(tops.size() >= 2 && childOf.contains(tops[0]) && childOf.contains(tops[1]));
    const auto child = [&](int id) {
        return app.ui->find(QStringLiteral("childCategory_%1").arg(id)) != nullptr;
    };
    QVERIFY(app.ui->tap(QStringLiteral("tab_category")));
    QVERIFY(UiDriver::waitFor([&] { return child(childOf[tops[0]]); }));
    const auto categoryRequests = [&] {
        return app.requestCount(QStringLiteral("GET /api/categories"));
    };
    const int before = categoryRequests();
    // Another top category: its children are there at once, from the tree
    // already loaded, with no request and no empty grid in between.
    QVERIFY(app.ui->tap(QStringLiteral("topCategory_%1").arg(tops[1])));
    QVERIFY(child(childOf[tops[1]]));
    QVERIFY(!child(childOf[tops[0]]));
    QCOMPARE(categoryRequests(), before);
}

void TstUi::loginPageChecksInputBeforeAnyRequest()
{
    App app;
    QVERIFY(app.start());
    app.ui->openPage(QStringLiteral("LoginPage"));
    QVERIFY(app.waitForPage(QStringLiteral("loginPage")));
    const int sends = app.stats()
                          .value(QLatin1String("endpoints"))
                          .toObject()
                          .value(QStringLiteral("POST /api/auth/sms/send"))
                          .toInt();
    QVERIFY(app.ui->type(QStringLiteral("loginPhoneField"), QStringLiteral("1380013")));
    QVERIFY(app.ui->find(QStringLiteral("phoneHint"))); // shown inline
    QVERIFY(!app.ui->find(QStringLiteral("sendSmsButton"))->isEnabled());
    QVERIFY(!app.ui->tap(QStringLiteral("sendSmsButton")));
    QVERIFY(app.ui->type(QStringLiteral("loginPhoneField"), QStringLiteral("13800138001")));
    QVERIFY(!app.ui->find(QStringLiteral("phoneHint")));
    QVERIFY(app.ui->type(QStringLiteral("smsCodeField"), QStringLiteral("123")));
    QVERIFY(!app.ui->find(QStringLiteral("smsLoginButton"))->isEnabled()); // code too short
    QCOMPARE(app.stats()
                 .value(QLatin1String("endpoints"))
                 .toObject()
                 .value(QStringLiteral("POST /api/auth/sms/send"))
                 .toInt(),
             sends);
    // One tap sends one code and starts the countdown; the button waits it out.
    QVERIFY(app.ui->tap(QStringLiteral("sendSmsButton")));
    QVERIFY(UiDriver::waitFor([&] { return app.shell.controller().smsCooldown() > 0; }));
    QVERIFY(!app.ui->find(QStringLiteral("sendSmsButton"))->isEnabled());
    QVERIFY(app.textOf(QStringLiteral("sendSmsButton")).contains(QStringLiteral("秒后重发")));
}

void TstUi::stateLoginButtonLogsInAndReloads_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QVariantMap>("properties");
    QTest::addColumn<QString>("pageName");
    QTest::newRow("orders") << "OrdersPage" << QVariantMap() << "ordersPage";
    QTest::newRow("addresses") << "AddressesPage" << QVariantMap() << "addressesPage";
    QTest::newRow("my coupons") << "CouponCenterPage" << QVariantMap{{QStringLiteral("mine"), true}}
                                << "myCouponsPage";
}

void TstUi::stateLoginButtonLogsInAndReloads()
{
    // A member's list seen by a guest (the session dropped while it was
    // open) asks to log in; its button logs in and the list loads again.
    QFETCH(QString, page);
    QFETCH(QVariantMap, properties);
    QFETCH(QString, pageName);
    App app;
    QVERIFY(app.start());
    app.ui->openPage(page, properties);
    QVERIFY(app.waitForPage(pageName));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("stateLoginButton")) != nullptr; }));
    QVERIFY(app.ui->tap(QStringLiteral("stateLoginButton")));
    QVERIFY(app.waitForPage(QStringLiteral("loginPage")));
    QVERIFY(app.logInWithSms(QStringLiteral("13800138031")));
    QVERIFY(app.waitForPage(pageName));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("stateLoginButton")) == nullptr; }));
}

void TstUi::guardedAddToCartLogsInAndComesBack()
{
    App app;
    QVERIFY(app.start());
    const qint64 guest = app.shell.client().session().uid();
    app.ui->openPage(QStringLiteral("GoodsPage"), {{QStringLiteral("goodsId"), 2}});
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("goodsName")) != nullptr; }));
    const int depthOnGoods = app.ui->stackDepth();
    QVERIFY(app.ui->tap(QStringLiteral("addToCartButton")));
    QVERIFY(app.waitForPage(QStringLiteral("loginPage")));
    QVERIFY(app.logInWithSms(QStringLiteral("13800138002")));
    // Back where the user was, with no login page left behind in the history...
    QVERIFY(app.waitForPage(QStringLiteral("goodsPage")));
    QCOMPARE(app.ui->stackDepth(), depthOnGoods);
    QCOMPARE(app.shell.client().session().uid(), guest); // the guest became the member
    // ...and the very action they tapped has run, once.
    QVERIFY(UiDriver::waitFor([&] {
        const HttpReply cart = app.server->get(QStringLiteral("/api/cart"),
                                               app.shell.client().session().accessToken());
        const QJsonArray items = cart.object().value(QLatin1String("items")).toArray();
        return items.size() == 1 &&
               items.first().toObject().value(QLatin1String("goodsId")).toInt() == 2 &&
               items.first().toObject().value(QLatin1String("quantity")).toInt() == 1;
    }));
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("toastText")).contains(QStringLiteral("已加入购物车"));
    }));
    // The cart tab shows it too.
    app.ui->back();
    QVERIFY(app.ui->tap(QStringLiteral("tab_cart")));
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("cartItem_2")) != nullptr; }));
    // Its bin says which goods it removes, and removes it.
    QQuickItem *bin = app.ui->find(QStringLiteral("removeCartItem_2"));
    QVERIFY(bin);
    const QString goodsName = app.server->get(QStringLiteral("/api/goods/2"))
                                  .object()
                                  .value(QLatin1String("name"))
                                  .toString();
    QCOMPARE(QQmlProperty(bin, QStringLiteral("Accessible.name"), qmlContext(bin)).read(),
             QVariant(QStringLiteral("删除 ") + goodsName));
    const auto serverCart = [&] {
        return app.server
            ->get(QStringLiteral("/api/cart"), app.shell.client().session().accessToken())
            .object()
            .value(QLatin1String("items"))
            .toArray();
    };
    for (const char *quantity : {"2", "3"}) {
        QVERIFY(app.ui->tap(QStringLiteral("increase_2")));
        QVERIFY(UiDriver::waitFor(
            [&] { return app.textOf(QStringLiteral("quantity_2")) == QLatin1String(quantity); }));
    }
    QVERIFY(app.ui->tap(QStringLiteral("removeCartItem_2")));
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("cartItem_2")) == nullptr; }));
    QVERIFY(serverCart().isEmpty());
    // The bin is easy to hit by mistake: it offers to put the line back,
    // and does, with its quantity.
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("toastText")) == QStringLiteral("已删除 ") + goodsName;
    }));
    QVERIFY(app.ui->tap(QStringLiteral("toastAction")));
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("cartItem_2")) != nullptr; }));
    QCOMPARE(app.textOf(QStringLiteral("quantity_2")), QStringLiteral("3"));
    QCOMPARE(serverCart().size(), 1);
    QCOMPARE(serverCart().first().toObject().value(QLatin1String("quantity")).toInt(), 3);
    QVERIFY(UiDriver::waitFor([&] { return !app.ui->find(QStringLiteral("toastAction")); }));
    // Left alone, the offer goes after a few seconds and the line stays out.
    QVERIFY(app.ui->tap(QStringLiteral("removeCartItem_2")));
    QVERIFY(UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("toastAction")); }));
    QVERIFY(UiDriver::waitFor([&] { return !app.ui->find(QStringLiteral("toastAction")); }, 6000));
    QVERIFY(serverCart().isEmpty());
    QVERIFY(!app.ui->find(QStringLiteral("cartItem_2")));
    // The offer went with the bar: nothing is left to run.
    app.shell.controller().takeOffer();
    UiDriver::settle(300);
    QVERIFY(serverCart().isEmpty());
}

void TstUi::backingOutOfLoginDropsTheAction()
{
    App app;
    QVERIFY(app.start());
    app.ui->openPage(QStringLiteral("GoodsPage"), {{QStringLiteral("goodsId"), 3}});
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("goodsName")) != nullptr; }));
    QVERIFY(app.ui->tap(QStringLiteral("addToCartButton")));
    QVERIFY(app.waitForPage(QStringLiteral("loginPage")));
    QVERIFY(app.ui->tap(QStringLiteral("backButton")));
    QVERIFY(app.waitForPage(QStringLiteral("goodsPage")));
    QVERIFY(!app.shell.client().guard().hasPending());
    // Logging in later (from "me") does not add anything to the cart.
    app.ui->back();
    QVERIFY(app.ui->tap(QStringLiteral("tab_me")));
    QVERIFY(app.ui->tap(QStringLiteral("allOrdersButton")));
    QVERIFY(app.waitForPage(QStringLiteral("loginPage")));
    QVERIFY(app.logInWithSms(QStringLiteral("13800138003")));
    QVERIFY(app.waitForPage(QStringLiteral("ordersPage")));
    const HttpReply cart =
        app.server->get(QStringLiteral("/api/cart"), app.shell.client().session().accessToken());
    QCOMPARE(cart.object().value(QLatin1String("items")).toArray().size(), 0);
}

void TstUi::reviewAsksForTheProfileThenPosts()
{
    App app;
    QVERIFY(app.start());
    QVERIFY(app.memberOnGoodsPage(5, QStringLiteral("13800138004")));
    QVERIFY(app.ui->tap(QStringLiteral("writeReviewButton")));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("profileNicknameField")) != nullptr; }));
    QVERIFY(app.ui->type(QStringLiteral("profileNicknameField"), QStringLiteral("小测")));
    QVERIFY(app.ui->tap(QStringLiteral("authorizeButton")));
    QVERIFY(UiDriver::waitFor([&] { return app.step() == 3; }));
    // The resumed action: the review dialog. Typed into as soon as it shows,
    // while it is still growing in: the text must stay.
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("reviewText")) != nullptr; }));
    QVERIFY(app.ui->type(QStringLiteral("reviewText"), QStringLiteral("很好用，续航给力")));
    QVERIFY(app.ui->tap(QStringLiteral("star_4")));
    // The first post meets a server error: the dialog keeps the review.
    app.dev(QStringLiteral("/dev/faults"),
            {{QLatin1String("path"), QLatin1String("/api/goods/5/reviews")},
             {QLatin1String("method"), QLatin1String("POST")},
             {QLatin1String("status"), 503},
             {QLatin1String("count"), 1}});
    QVERIFY(app.ui->tap(QStringLiteral("submitReviewButton")));
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("toastText")) == QStringLiteral("系统繁忙，请稍后再试");
    }));
    QCOMPARE(app.textOf(QStringLiteral("reviewText")), QStringLiteral("很好用，续航给力"));
    QVERIFY(app.ui->tap(QStringLiteral("submitReviewButton")));
    QVERIFY(UiDriver::waitFor([&] {
        const QJsonArray reviews = app.server->get(QStringLiteral("/api/goods/5/reviews"))
                                       .object()
                                       .value(QLatin1String("items"))
                                       .toArray();
        return reviews.size() == 1 &&
               reviews.first().toObject().value(QLatin1String("rating")).toInt() == 4 &&
               reviews.first().toObject().value(QLatin1String("nickname")).toString() ==
                   QStringLiteral("小测");
    }));
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("toastText")).contains(QStringLiteral("评价已发布"));
    }));
}

void TstUi::expiredAccessTokenIsInvisible()
{
    App app;
    QVERIFY(app.start());
    QVERIFY(app.memberOnGoodsPage(2, QStringLiteral("13800138005")));
    // The heart tapped as a guest was the resumed action: it is filled.
    QVERIFY(UiDriver::waitFor(
        [&] { return app.textOf(QStringLiteral("favoriteButton")) == QStringLiteral("已收藏"); }));
    const int refreshes = app.stats().value(QLatin1String("refreshes")).toInt();
    app.dev(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("access")}});
    QVERIFY(app.ui->tap(QStringLiteral("favoriteButton")));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.textOf(QStringLiteral("favoriteButton")) == QStringLiteral("收藏"); }));
    QCOMPARE(app.stats().value(QLatin1String("refreshes")).toInt(), refreshes + 1);
    QVERIFY(!app.ui->find(QStringLiteral("alertText")));
    QVERIFY(!app.ui->find(QStringLiteral("toastText")));
    QCOMPARE(app.page(), QStringLiteral("goodsPage"));
}

void TstUi::expiredRefreshTokenRecoversSilently()
{
    App app;
    QVERIFY(app.start());
    QVERIFY(app.memberOnGoodsPage(2, QStringLiteral("13800138006")));
    const qint64 uid = app.shell.client().session().uid();
    app.dev(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("refresh")}});
    app.dev(QStringLiteral("/dev/expire"), {{QLatin1String("what"), QLatin1String("access")}});
    app.ui->openPage(QStringLiteral("OrdersPage"), {{QStringLiteral("status"), QString()}});
    QVERIFY(app.waitForPage(QStringLiteral("ordersPage")));
    UiDriver::settle(800);
    QCOMPARE(app.page(), QStringLiteral("ordersPage")); // no login page
    QCOMPARE(app.step(), 2);
    QCOMPARE(app.shell.client().session().uid(), uid);
    QVERIFY(!app.ui->find(QStringLiteral("alertText")));
    QVERIFY(!app.ui->find(QStringLiteral("retryButton")));
}

void TstUi::staleSessionKeyAtThePhoneButtonAsksToTapAgain()
{
    App app;
    QVERIFY(app.start());
    const qint64 guest = app.shell.client().session().uid();
    // check-session says all is well, but the key has moved on.
    app.dev(QStringLiteral("/dev/config"), {{QLatin1String("checkSessionLies"), true}});
    app.dev(QStringLiteral("/dev/expire"),
            {{QLatin1String("what"), QLatin1String("sessionKey")}, {QLatin1String("uid"), guest}});
    app.ui->openPage(QStringLiteral("LoginPage"));
    QVERIFY(app.waitForPage(QStringLiteral("loginPage")));
    QVERIFY(app.ui->tap(QStringLiteral("platformPhoneButton")));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("allowPhoneButton")) != nullptr; }));
    QVERIFY(app.ui->tap(QStringLiteral("allowPhoneButton")));
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("loginMessage")).contains(QStringLiteral("再点一次"));
    }));
    QCOMPARE(app.step(), 1);
    // The second tap works: the session key was renewed behind the prompt.
    QVERIFY(app.ui->tap(QStringLiteral("platformPhoneButton")));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("allowPhoneButton")) != nullptr; }));
    QVERIFY(app.ui->tap(QStringLiteral("allowPhoneButton")));
    QVERIFY(UiDriver::waitFor([&] { return app.step() == 2; }));
    QCOMPARE(app.shell.client().session().uid(), guest);
}

void TstUi::serverErrorShowsAToast()
{
    App app;
    QVERIFY(app.start());
    // The home page's own goods first: on a busy machine its request could
    // otherwise be the one that meets the fault.
    QVERIFY(UiDriver::waitFor([&] {
        QQuickItem *grid = app.ui->find(QStringLiteral("homeGoodsGrid"));
        return grid && grid->property("count").toInt() > 0;
    }));
    app.dev(QStringLiteral("/dev/faults"), {{QLatin1String("path"), QLatin1String("/api/goods")},
                                            {QLatin1String("status"), 503},
                                            {QLatin1String("count"), 1}});
    app.ui->openPage(QStringLiteral("GoodsListPage"), {{QStringLiteral("categoryId"), 1}});
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("toastText")) == QStringLiteral("系统繁忙，请稍后再试");
    }));
    // The list offers a retry, and the retry works once the server does.
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("retryButton")) != nullptr; }));
    QVERIFY(app.ui->tap(QStringLiteral("retryButton")));
    QVERIFY(
        UiDriver::waitFor([&] { return app.ui->find(QStringLiteral("goodsCard_1")) != nullptr; }));
}

void TstUi::buyNowThroughCheckoutAndPay()
{
    App app;
    QVERIFY(app.start());
    const int stockBefore = app.server->get(QStringLiteral("/api/goods/7"))
                                .object()
                                .value(QLatin1String("stock"))
                                .toInt();
    QVERIFY(app.memberOnGoodsPage(7, QStringLiteral("13800138007")));
    const QByteArray token = app.shell.client().session().accessToken();
    QVERIFY(app.ui->tap(QStringLiteral("buyNowButton")));
    QVERIFY(app.waitForPage(QStringLiteral("checkoutPage")));
    QVERIFY(!app.ui->find(QStringLiteral("submitOrderButton"))->isEnabled()); // no address yet

    // An address, added from the checkout page itself.
    QVERIFY(app.ui->tap(QStringLiteral("checkoutAddress")));
    QVERIFY(app.waitForPage(QStringLiteral("addressesPage")));
    QVERIFY(app.ui->tap(QStringLiteral("addAddressButton")));
    QVERIFY(app.waitForPage(QStringLiteral("addressEditPage")));
    QVERIFY(app.ui->type(QStringLiteral("addressName"), QStringLiteral("张三")));
    QVERIFY(app.ui->type(QStringLiteral("addressPhone"), QStringLiteral("13800138999")));
    QVERIFY(app.ui->type(QStringLiteral("addressRegion"), QStringLiteral("广东省 广州市 天河区")));
    QVERIFY(app.ui->type(QStringLiteral("addressDetail"), QStringLiteral("天河路 1 号")));
    QVERIFY(app.ui->tap(QStringLiteral("saveAddressButton")));
    QVERIFY(app.waitForPage(QStringLiteral("addressesPage")));
    int addressId = 0;
    QVERIFY(UiDriver::waitFor([&] {
        const QJsonArray items = app.server->get(QStringLiteral("/api/addresses"), token)
                                     .object()
                                     .value(QLatin1String("items"))
                                     .toArray();
        addressId =
            items.isEmpty() ? 0 : items.first().toObject().value(QLatin1String("id")).toInt();
        return addressId > 0 && app.ui->find(QStringLiteral("address_%1").arg(addressId));
    }));
    QVERIFY(app.ui->tap(QStringLiteral("address_%1").arg(addressId)));
    QVERIFY(app.waitForPage(QStringLiteral("checkoutPage")));
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("submitOrderButton"))->isEnabled(); }));

    // The order, then the orders list with it, then its detail and payment.
    QVERIFY(app.ui->tap(QStringLiteral("submitOrderButton")));
    QVERIFY(app.waitForPage(QStringLiteral("ordersPage")));
    QJsonArray orders;
    QVERIFY(UiDriver::waitFor([&] {
        orders = app.server->get(QStringLiteral("/api/orders"), token)
                     .object()
                     .value(QLatin1String("items"))
                     .toArray();
        return orders.size() == 1;
    }));
    const int orderId = orders.first().toObject().value(QLatin1String("id")).toInt();
    QCOMPARE(orders.first().toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("created"));
    QCOMPARE(app.server->get(QStringLiteral("/api/goods/7"))
                 .object()
                 .value(QLatin1String("stock"))
                 .toInt(),
             stockBefore - 1);
    QVERIFY(UiDriver::waitFor(
        [&] { return app.ui->find(QStringLiteral("order_%1").arg(orderId)) != nullptr; }));
    QVERIFY(app.ui->tap(QStringLiteral("order_%1").arg(orderId)));
    QVERIFY(app.waitForPage(QStringLiteral("orderDetailPage")));
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("orderDetailStatus")) == QStringLiteral("待付款");
    }));
    QVERIFY(app.ui->tap(QStringLiteral("orderDetailPayButton")));
    QVERIFY(UiDriver::waitFor([&] {
        return app.textOf(QStringLiteral("orderDetailStatus")) == QStringLiteral("待发货");
    }));
    QCOMPARE(app.server->get(QStringLiteral("/api/orders/%1").arg(orderId), token)
                 .object()
                 .value(QLatin1String("status"))
                 .toString(),
             QStringLiteral("paid"));
}

QTEST_MAIN(TstUi)
#include "tst_ui.moc"
