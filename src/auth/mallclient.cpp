#include "mallclient.h"

namespace mall::auth {

MallClient::MallClient(Options options, QObject *parent)
    : QObject(parent)
    , m_store(options.store ? std::move(options.store) : std::make_unique<MemoryTokenStore>())
{
    // The session needs the API client, which needs the network manager,
    // which needs the gate, which needs the session: the gate gets its
    // provider last.
    m_gate = new net::AuthGate(options.network, nullptr, this);
    m_network = new net::ApiNetworkManager(m_gate, this);
    m_api = std::make_unique<api::ApiClient>(m_network, options.network.apiOrigin);
    m_session = new Session(*m_api, *m_store, options.deviceId, this);
    m_gate->setTokenProvider(m_session);
}

MallClient::~MallClient()
{
    // Replies die with the manager before the session and gate they use.
    delete m_network;
    m_network = nullptr;
}

} // namespace mall::auth
