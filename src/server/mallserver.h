#pragma once

#include "serverconfig.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace mall::server {

// The reference backend in one object: opens the data directory, wires the
// services and listens. mall-server's main() and the client's embedded mode
// both use it.
class MallServer : public QObject
{
    Q_OBJECT

public:
    explicit MallServer(ServerConfig config, QObject *parent = nullptr);
    ~MallServer() override;

    // Port 0 picks a free port. Returns false and says why in *error.
    bool start(const QHostAddress &address, quint16 port, QString *error);

    quint16 port() const;
    QUrl url() const;

private:
    struct Parts;
    ServerConfig m_config;
    std::unique_ptr<Parts> m_parts;
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace mall::server
