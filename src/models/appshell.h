#pragma once

#include "appcontroller.h"
#include "auth/mallclient.h"
#include "net/apinetworkmanagerfactory.h"
#include "server/mallserver.h"

#include <QQmlApplicationEngine>
#include <QUrl>

#include <memory>

namespace mall::models {

// The app put together: an embedded backend when no API is given, the
// client, the controller QML sees, and the QML engine. main(), the
// screenshot tool and the UI tests all start the app through this, so they
// run the very same thing.
class AppShell
{
public:
    struct Options
    {
        QUrl api;              // empty: start a mall-server in this process
        QString serverDataDir; // for the embedded server
        bool dev = false;      // QA panel (always on with the embedded server)
        QString language;      // empty: saved or system
        protocol::AuthFailStyle authFailStyle = protocol::AuthFailStyle::Status401;
        bool useKeychain = true;
    };

    AppShell();
    ~AppShell();

    // Names the running application mall-client (organization, name, display
    // name, version, icon); settings and the keychain service follow the name.
    static void identifyApplication();

    bool start(const Options &options, QString *error);
    QQmlApplicationEngine &engine() { return *m_engine; }
    AppController &controller() { return *m_controller; }
    auth::MallClient &client() { return *m_client; }
    QUrl apiUrl() const { return m_api; }
    QObject *rootWindow() const;

private:
    std::unique_ptr<server::MallServer> m_server;
    std::unique_ptr<auth::MallClient> m_client;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<net::ApiNetworkManagerFactory> m_networkFactory;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QUrl m_api;
};

} // namespace mall::models
