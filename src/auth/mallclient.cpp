#include "mallclient.h"

#include "keychaintokenstore.h"

namespace mall::auth {

MallClient::MallClient(Options options, QObject *parent)
    : QObject(parent)
{
    const QString origin = options.network.apiOrigin.toString(QUrl::RemovePath | QUrl::RemoveQuery);
    if (options.useUserCache)
        m_cache = std::make_unique<UserCache>(origin);
    if (options.store) {
        m_store = std::move(options.store);
    } else if (options.useKeychain) {
        auto keychain = std::make_unique<KeychainTokenStore>(origin);
        connect(keychain.get(), &KeychainTokenStore::unavailable, this,
                &MallClient::keychainUnavailable);
        m_store = std::move(keychain);
    } else {
        m_store = std::make_unique<MemoryTokenStore>();
    }
    QString deviceId = options.deviceId;
    if (deviceId.isEmpty())
        deviceId = UserCache(origin).deviceId();

    // The session needs the API client, which needs the network manager,
    // which needs the gate, which needs the session: the gate gets its
    // provider last.
    m_gate = new net::AuthGate(options.network, nullptr, this);
    m_network = new net::ApiNetworkManager(m_gate, this);
    m_api = std::make_unique<api::ApiClient>(m_network, options.network.apiOrigin);
    m_session = new Session(*m_api, *m_store, m_cache.get(), deviceId, this);
    m_gate->setTokenProvider(m_session);
    m_phoneLogin = new PhoneLogin(*m_session, this);
    m_profile = std::make_unique<ProfileAuthorization>(*m_session);
    m_browserLogin = new BrowserLogin(*m_session, this);
    m_guard = new AuthGuard(*m_session, this);
}

MallClient::~MallClient()
{
    // Replies die with the manager before the session and gate they use.
    delete m_network;
    m_network = nullptr;
}

} // namespace mall::auth
