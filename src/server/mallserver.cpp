#include "mallserver.h"

#include "catalogseed.h"
#include "httpfrontend.h"
#include "protocol/secretsafelogging.h"
#include "routes.h"
#include "securerandom.h"
#include "serverlog.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace mall::server {

namespace {

constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The JWT signing key: made on first start, kept in the data directory,
// readable by the owner only.
std::optional<QByteArray> loadOrCreateSecret(const QString &dir, QString *error)
{
    QFile file(QDir(dir).filePath(QStringLiteral("jwt-secret")));
    if (file.exists()) {
        if (file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) {
            qCWarning(lcServer, "jwt-secret was readable by others; restricting it to the owner");
            file.setPermissions(kOwnerOnly);
        }
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        const QByteArray secret = QByteArray::fromBase64(file.readAll().trimmed());
        if (secret.size() < 32) {
            *error = QStringLiteral("%1 is damaged (too short)").arg(file.fileName());
            return std::nullopt;
        }
        return secret;
    }
    // Permissions are set before the secret is written, so it is never in a
    // file others may read.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || !file.setPermissions(kOwnerOnly)) {
        *error = QStringLiteral("cannot create %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    const QByteArray secret = secureRandomBytes(48);
    if (file.write(secret.toBase64() + '\n') < 0 || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    return secret;
}

} // namespace

struct MallServer::Parts
{
    explicit Parts(ServerConfig &config)
        : users(db)
        , platform(db, clock, config)
        , phones(db, clock)
        , avatars(db)
    {}

    Clock clock;
    Database db;
    ServerStats stats;
    FaultInjector faults;
    UserStore users;
    PlatformSimulator platform;
    PhoneGuard phones;
    PasswordHasher passwords;
    AvatarStore avatars;
    QHash<QString, QByteArray> smsOutbox;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<ServerContext> context;
    Router router;
    std::unique_ptr<HttpFrontend> http;
};

MallServer::MallServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{}

MallServer::~MallServer() = default;

bool MallServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    protocol::installSecretSafeLogging();
    if (m_config.dataDir.isEmpty()) {
        m_config.dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                           QStringLiteral("/mall-server");
    }
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = QStringLiteral("cannot create data directory %1").arg(m_config.dataDir);
        return false;
    }
    QFile::setPermissions(m_config.dataDir, kOwnerOnly | QFileDevice::ExeOwner);

    const auto secret = loadOrCreateSecret(m_config.dataDir, error);
    if (!secret)
        return false;

    auto parts = std::make_unique<Parts>(m_config);
    if (!parts->db.open(QDir(m_config.dataDir).filePath(QStringLiteral("mall.sqlite")), error))
        return false;
    try {
        seedCatalogIfEmpty(parts->db, parts->clock.now());
    } catch (const DatabaseError &e) {
        *error = QStringLiteral("cannot seed the catalog: ") + QString::fromUtf8(e.what());
        return false;
    }
    parts->tokens = std::make_unique<TokenService>(parts->db, parts->users, m_config, parts->clock,
                                                   parts->stats, *secret);
    parts->context.reset(new ServerContext{m_config, parts->clock, parts->db, parts->stats,
                                           parts->faults, parts->users, *parts->tokens,
                                           parts->platform, parts->phones, parts->passwords,
                                           parts->avatars, parts->smsOutbox});
    registerPlatformRoutes(parts->router, *parts->context);
    registerAuthRoutes(parts->router, *parts->context);
    registerOAuthRoutes(parts->router, *parts->context);
    registerUserRoutes(parts->router, *parts->context);
    registerDevRoutes(parts->router, *parts->context);
    registerCatalogRoutes(parts->router, *parts->context);
    registerCartRoutes(parts->router, *parts->context);
    registerFavoriteRoutes(parts->router, *parts->context);
    registerAddressRoutes(parts->router, *parts->context);
    registerCouponRoutes(parts->router, *parts->context);
    registerOrderRoutes(parts->router, *parts->context);
    registerReviewRoutes(parts->router, *parts->context);
    registerTelemetryRoutes(parts->router, *parts->context);

    parts->http = std::make_unique<HttpFrontend>(*parts->context, parts->router);
    const quint16 bound = parts->http->listen(address, port);
    if (bound == 0) {
        *error = QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(port);
        return false;
    }
    m_parts = std::move(parts);
    m_address = address;
    m_port = bound;
    qCInfo(lcServer).noquote() << "serving" << url().toString() << "data in" << m_config.dataDir
                               << (m_config.dev ? "(dev mode)" : "");
    return true;
}

quint16 MallServer::port() const
{
    return m_port;
}

QUrl MallServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString());
    url.setPort(m_port);
    return url;
}

} // namespace mall::server
