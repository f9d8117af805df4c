#include "apinetworkmanagerfactory.h"

#include "apinetworkmanager.h"

namespace mall::net {

ApiNetworkManagerFactory::ApiNetworkManagerFactory(AuthGate *gate)
    : m_gate(gate)
{}

QNetworkAccessManager *ApiNetworkManagerFactory::create(QObject *parent)
{
    // Called from the engine's threads; the gate is safe to share.
    return new ApiNetworkManager(m_gate, parent);
}

} // namespace mall::net
