#pragma once

#include "appcontroller.h"
#include "auth/mallclient.h"
#include "net/apinetworkmanagerfactory.h"
#include "server/mallserver.h"

#include <QObject>
#include <QQmlApplicationEngine>
#include <QUrl>

#include <memory>

namespace mall::models {

// The app put together: an embedded backend when no API is given, the
// client, the controller QML sees, and the QML engine. main(), the
// screenshot tool and the UI tests all start the app through this, so they
// run the very same thing.
//
// start() shows the window at once with a sketch of the home page, which
// needs neither the backend nor the client. Once that first frame is on the
// screen the rest comes up (started(), or failed() when the embedded server
// cannot) and the pages replace the sketch: the user sees the app's shape
// in about the time a bare window takes, not after the whole stack.
class AppShell : public QObject
{
    Q_OBJECT

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

    // Loads the window; false (and why) when the QML cannot be loaded.
    bool start(const Options &options, QString *error);
    // The backend, client and controller exist (the accessors below need it).
    bool isStarted() const { return m_started; }
    QQmlApplicationEngine &engine() { return *m_engine; }
    AppController &controller() { return *m_controller; }
    auth::MallClient &client() { return *m_client; }
    QUrl apiUrl() const { return m_api; }
    QObject *rootWindow() const;

signals:
    void started();
    void failed(const QString &error);

private:
    void bringUp();
    bool startEmbeddedServer(QString *error);

    static constexpr int kLatestBringUpMs = 300;

    Options m_options;
    QMetaObject::Connection m_firstFrame;
    bool m_broughtUp = false;
    bool m_started = false;
    std::unique_ptr<server::MallServer> m_server;
    std::unique_ptr<auth::MallClient> m_client;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<net::ApiNetworkManagerFactory> m_networkFactory;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QUrl m_api;
};

} // namespace mall::models
