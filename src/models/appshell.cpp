#include "appshell.h"

#include <QGuiApplication>
#include <QIcon>
#include <QQuickStyle>
#include <QStandardPaths>

namespace mall::models {

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
    m_api = options.api;
    const bool embedded = m_api.isEmpty();
    if (embedded) {
        server::ServerConfig config;
        config.dev = true;
        config.dataDir = options.serverDataDir.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                   QStringLiteral("/server")
                             : options.serverDataDir;
        m_server = std::make_unique<server::MallServer>(config);
        if (!m_server->start(QHostAddress::LocalHost, 0, error))
            return false;
        m_api = m_server->url();
    }

    auth::MallClient::Options clientOptions;
    clientOptions.network.apiOrigin = m_api;
    clientOptions.network.authFailStyle = options.authFailStyle;
    clientOptions.useKeychain = options.useKeychain;
    clientOptions.useUserCache = true;
    m_client = std::make_unique<auth::MallClient>(std::move(clientOptions));

    m_controller = std::make_unique<AppController>(*m_client, embedded || options.dev);
    if (!options.language.isEmpty())
        m_controller->setLanguage(options.language);
    AppController::setInstance(m_controller.get());

    // Once per process, before the first QML (tests start several apps).
    static const bool styled = [] {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        return true;
    }();
    Q_UNUSED(styled);
    m_networkFactory = std::make_unique<net::ApiNetworkManagerFactory>(&m_client->gate());
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->setNetworkAccessManagerFactory(m_networkFactory.get());
    m_controller->setEngine(m_engine.get());
    m_client->session().init();
    m_engine->load(QUrl(QStringLiteral("qrc:/Mall/Main.qml")));
    if (m_engine->rootObjects().isEmpty()) {
        *error = QStringLiteral("the QML did not load");
        return false;
    }
    return true;
}

QObject *AppShell::rootWindow() const
{
    return m_engine && !m_engine->rootObjects().isEmpty() ? m_engine->rootObjects().first()
                                                          : nullptr;
}

} // namespace mall::models
