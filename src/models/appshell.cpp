#include "appshell.h"

#include "appfont.h"
#include "uilog.h"

#include <QGuiApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTimer>

namespace mall::models {

namespace {

// The embedded backend speaks plain HTTP on loopback, and a process that runs
// it talks to nothing else. Qt HttpServer (6.4) still builds an SSL
// configuration in its constructor, which makes Qt choose a TLS backend and
// set OpenSSL's ciphers up: 1 MiB at start for TLS nobody speaks
// (docs/benchmarks.md). Qt's certificate-only backend answers instead; an
// https request in this process fails with Qt's "TLS initialization failed".
void chooseCertificateOnlyTls()
{
    static const bool chosen = [] {
        if (QSslSocket::setActiveBackend(QStringLiteral("cert-only")))
            return true;
        // A test process that chose another before, or a Qt without the
        // plugin: OpenSSL's TLS stays, which costs memory and nothing else.
        qCInfo(lcUi, "the embedded backend's process keeps its TLS backend");
        return false;
    }();
    Q_UNUSED(chosen);
}

// The certificate-only backend has no keys, and Qt warns twice for each key
// a configuration holds (qt.network.ssl): expected while the embedded server
// is built, so not shown then. The app sets no other filter rules in code
// (QT_LOGGING_RULES still wins), so clearing them afterwards loses nothing.
class QuietTlsWarnings
{
public:
    QuietTlsWarnings()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("qt.network.ssl.warning=false"));
    }
    ~QuietTlsWarnings() { QLoggingCategory::setFilterRules(QString()); }
    Q_DISABLE_COPY_MOVE(QuietTlsWarnings)
};

} // namespace

AppShell::AppShell() = default;

void AppShell::identifyApplication()
{
    QGuiApplication::setOrganizationName(QStringLiteral("mall"));
    QGuiApplication::setApplicationName(QStringLiteral("mall-client"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("商城"));
    QGuiApplication::setApplicationVersion(QStringLiteral(MALL_VERSION));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/images/logo.svg")));
}

AppShell::~AppShell()
{
    // The engine (and the network managers it made) before the client and
    // its gate; the client before the server it talks to.
    m_engine.reset();
    m_networkFactory.reset();
    AppController::setInstance(nullptr);
    m_controller.reset();
    m_client.reset();
    m_server.reset();
}

bool AppShell::start(const Options &options, QString *error)
{
    m_options = options;
    // Once per process, before the first QML (tests start several apps).
    static const bool styled = [] {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        return true;
    }();
    Q_UNUSED(styled);
    AppFont::useAsDefault();
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->load(QUrl(QStringLiteral("qrc:/Mall/Main.qml")));
    auto *window = qobject_cast<QQuickWindow *>(rootWindow());
    if (!window) {
        *error = QStringLiteral("the QML did not load");
        return false;
    }
    // After the first frame, queued so that frame is not held up; and in any
    // case soon, for a window that is never exposed (minimized, no display).
    m_firstFrame = connect(window, &QQuickWindow::frameSwapped, this, &AppShell::bringUp,
                           Qt::QueuedConnection);
    QTimer::singleShot(kLatestBringUpMs, this, &AppShell::bringUp);
    return true;
}

bool AppShell::startEmbeddedServer(QString *error)
{
    server::ServerConfig config;
    config.dev = true;
    config.dataDir = m_options.serverDataDir.isEmpty()
                         ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                               QStringLiteral("/server")
                         : m_options.serverDataDir;
    const QuietTlsWarnings quiet;
    chooseCertificateOnlyTls();
    m_server = std::make_unique<server::MallServer>(config);
    if (!m_server->start(QHostAddress::LocalHost, 0, error))
        return false;
    m_api = m_server->url();
    return true;
}

void AppShell::bringUp()
{
    disconnect(m_firstFrame);
    // Once: the first frame and the timer both call this.
    if (m_broughtUp)
        return;
    m_broughtUp = true;
    m_api = m_options.api;
    const bool embedded = m_api.isEmpty();
    QString error;
    if (embedded && !startEmbeddedServer(&error)) {
        emit failed(error);
        return;
    }

    auth::MallClient::Options clientOptions;
    clientOptions.network.apiOrigin = m_api;
    clientOptions.network.authFailStyle = m_options.authFailStyle;
    clientOptions.useKeychain = m_options.useKeychain;
    clientOptions.useUserCache = true;
    m_client = std::make_unique<auth::MallClient>(std::move(clientOptions));

    m_controller = std::make_unique<AppController>(*m_client, embedded || m_options.dev);
    if (!m_options.language.isEmpty())
        m_controller->setLanguage(m_options.language);
    // The window was loaded before any translator (the saved language's or
    // the one just chosen); the controller has no engine yet, so it did not
    // retranslate: done here, once.
    m_controller->setEngine(m_engine.get());
    m_engine->retranslate();
    AppController::setInstance(m_controller.get());

    // Nothing in the sketch loads from the network, so the engine has made
    // no network manager yet: every one it makes from now on is ours.
    m_networkFactory = std::make_unique<net::ApiNetworkManagerFactory>(&m_client->gate());
    m_engine->setNetworkAccessManagerFactory(m_networkFactory.get());
    m_client->session().init();
    // The sketch has no text; the pages built next are the first that do.
    AppFont::registerFaces();
    QObject *window = rootWindow();
    window->setProperty("started", true); // builds the pages, synchronously
    if (window->property("pagesFailed").toBool()) {
        emit failed(QStringLiteral("the pages did not load"));
        return;
    }
    m_started = true;
    emit started();
}

QObject *AppShell::rootWindow() const
{
    return m_engine && !m_engine->rootObjects().isEmpty() ? m_engine->rootObjects().first()
                                                          : nullptr;
}

} // namespace mall::models
