#pragma once

#include "authgate.h"

#include <QPointer>
#include <QQmlNetworkAccessManagerFactory>

namespace mall::net {

// Gives every QML engine thread (XMLHttpRequest, Image) its own
// ApiNetworkManager, all sharing one AuthGate.
class ApiNetworkManagerFactory : public QQmlNetworkAccessManagerFactory
{
public:
    explicit ApiNetworkManagerFactory(AuthGate *gate);
    QNetworkAccessManager *create(QObject *parent) override;

private:
    QPointer<AuthGate> m_gate;
};

} // namespace mall::net
