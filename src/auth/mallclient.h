#pragma once

#include "api/apiclient.h"
#include "net/apinetworkmanager.h"
#include "net/authgate.h"
#include "net/networksettings.h"
#include "session.h"
#include "tokenstore.h"

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
        QString deviceId;
        std::unique_ptr<TokenStore> store; // default: memory only
    };

    explicit MallClient(Options options, QObject *parent = nullptr);
    ~MallClient() override;

    net::AuthGate &gate() { return *m_gate; }
    net::ApiNetworkManager &network() { return *m_network; }
    api::ApiClient &api() { return *m_api; }
    Session &session() { return *m_session; }
    TokenStore &store() { return *m_store; }

private:
    std::unique_ptr<TokenStore> m_store;
    net::AuthGate *m_gate = nullptr;
    net::ApiNetworkManager *m_network = nullptr;
    std::unique_ptr<api::ApiClient> m_api;
    Session *m_session = nullptr;
};

} // namespace mall::auth
