#pragma once

#include "api/apiclient.h"
#include "authguard.h"
#include "browserlogin.h"
#include "net/apinetworkmanager.h"
#include "net/authgate.h"
#include "net/networksettings.h"
#include "phonelogin.h"
#include "profileauthorization.h"
#include "session.h"
#include "tokenstore.h"
#include "usercache.h"

#include <QObject>

#include <memory>

namespace mall::auth {

// The client library wired together for one API backend: the network
// manager and its gate, typed calls, the token store and the session that
// provides the gate's tokens. mallctl, the app and the tests each make one.
class MallClient : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        net::NetworkSettings network; // apiOrigin is required
        // Empty: this installation's id for the backend, from the user cache.
        QString deviceId;
        // Tokens in the OS keychain (else in memory, for tests and tools).
        bool useKeychain = false;
        // The non-secret user in QSettings, shown before any network call.
        bool useUserCache = false;
        std::unique_ptr<TokenStore> store; // overrides useKeychain when set
    };

    explicit MallClient(Options options, QObject *parent = nullptr);
    ~MallClient() override;

    net::AuthGate &gate() { return *m_gate; }
    net::ApiNetworkManager &network() { return *m_network; }
    api::ApiClient &api() { return *m_api; }
    Session &session() { return *m_session; }
    TokenStore &store() { return *m_store; }
    PhoneLogin &phoneLogin() { return *m_phoneLogin; }
    ProfileAuthorization &profile() { return *m_profile; }
    BrowserLogin &browserLogin() { return *m_browserLogin; }
    AuthGuard &guard() { return *m_guard; }

signals:
    // No keychain: tokens live in memory for this run (say so once).
    void keychainUnavailable(const QString &reason);

private:
    std::unique_ptr<UserCache> m_cache;
    std::unique_ptr<TokenStore> m_store;
    net::AuthGate *m_gate = nullptr;
    net::ApiNetworkManager *m_network = nullptr;
    std::unique_ptr<api::ApiClient> m_api;
    Session *m_session = nullptr;
    PhoneLogin *m_phoneLogin = nullptr;
    std::unique_ptr<ProfileAuthorization> m_profile;
    BrowserLogin *m_browserLogin = nullptr;
    AuthGuard *m_guard = nullptr;
};

} // namespace mall::auth
