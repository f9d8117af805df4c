#include "database.h"

#include "serverlog.h"

#include <QAtomicInt>
#include <QSqlError>
#include <QStringList>

namespace mall::server {

namespace {

QAtomicInt connectionCounter;

// Each entry moves the schema one version up; never edit a released entry,
// append a new one.
const QStringList kMigrations = {
    // 1: identity, sessions and the platform simulator.
    QStringLiteral(R"(
        CREATE TABLE users (
            uid INTEGER PRIMARY KEY AUTOINCREMENT,
            phone TEXT UNIQUE,
            password_hash TEXT,
            nickname TEXT,
            avatar_url TEXT,
            gender INTEGER,
            merged_into INTEGER,
            created_at INTEGER NOT NULL);
        CREATE TABLE identities (
            openid TEXT PRIMARY KEY,
            uid INTEGER NOT NULL REFERENCES users(uid),
            session_key TEXT);
        CREATE INDEX identities_uid ON identities(uid);
        CREATE TABLE sessions (
            sid TEXT PRIMARY KEY,
            uid INTEGER NOT NULL,
            openid TEXT,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            access_not_before INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX sessions_uid ON sessions(uid);
        CREATE TABLE refresh_tokens (
            token_hash TEXT PRIMARY KEY,
            sid TEXT NOT NULL REFERENCES sessions(sid),
            expires_at INTEGER NOT NULL,
            rotated_at INTEGER,
            successor_hash TEXT,
            successor_sealed BLOB);
        CREATE INDEX refresh_tokens_sid ON refresh_tokens(sid);
        CREATE TABLE phone_guard (
            phone TEXT PRIMARY KEY,
            code_hash TEXT,
            code_expires_at INTEGER NOT NULL DEFAULT 0,
            last_sent_at INTEGER NOT NULL DEFAULT 0,
            failed_tries INTEGER NOT NULL DEFAULT 0,
            locked_until INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE oauth_codes (
            code_hash TEXT PRIMARY KEY,
            openid TEXT NOT NULL,
            challenge TEXT NOT NULL,
            redirect_uri TEXT NOT NULL,
            expires_at INTEGER NOT NULL);
        CREATE TABLE avatars (
            name TEXT PRIMARY KEY,
            content_type TEXT NOT NULL,
            data BLOB NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE platform_devices (
            device_id TEXT PRIMARY KEY,
            openid TEXT NOT NULL UNIQUE,
            session_key TEXT NOT NULL,
            key_rotated_at INTEGER NOT NULL);
        CREATE TABLE platform_codes (
            code_hash TEXT PRIMARY KEY,
            openid TEXT NOT NULL,
            expires_at INTEGER NOT NULL);
    )"),
    // 2: the mall: catalog, footprints, cart, favorites, coupons, addresses,
    // orders, reviews, telemetry. Money in integer cents, times in Unix seconds.
    QStringLiteral(R"(
        CREATE TABLE categories (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_en TEXT NOT NULL,
            parent_id INTEGER REFERENCES categories(id),
            sort INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX categories_parent ON categories(parent_id);
        CREATE TABLE goods (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            brief TEXT NOT NULL,
            category_id INTEGER NOT NULL REFERENCES categories(id),
            price_cents INTEGER NOT NULL CHECK (price_cents > 0),
            stock INTEGER NOT NULL CHECK (stock >= 0),
            sales INTEGER NOT NULL DEFAULT 0,
            specs TEXT NOT NULL,
            gallery_size INTEGER NOT NULL,
            featured INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL);
        CREATE INDEX goods_category ON goods(category_id);
        CREATE TABLE banners (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            goods_id INTEGER NOT NULL REFERENCES goods(id),
            sort INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE footprints (
            uid INTEGER NOT NULL,
            goods_id INTEGER NOT NULL REFERENCES goods(id),
            viewed_at INTEGER NOT NULL,
            PRIMARY KEY (uid, goods_id));
        CREATE INDEX footprints_recent ON footprints(uid, viewed_at);
        CREATE TABLE cart_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid INTEGER NOT NULL,
            goods_id INTEGER NOT NULL REFERENCES goods(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            created_at INTEGER NOT NULL,
            UNIQUE (uid, goods_id));
        CREATE TABLE favorites (
            uid INTEGER NOT NULL,
            goods_id INTEGER NOT NULL REFERENCES goods(id),
            created_at INTEGER NOT NULL,
            PRIMARY KEY (uid, goods_id));
        CREATE TABLE coupons (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            discount_cents INTEGER NOT NULL CHECK (discount_cents > 0),
            min_spend_cents INTEGER NOT NULL CHECK (min_spend_cents >= 0),
            total INTEGER NOT NULL,
            claimed INTEGER NOT NULL DEFAULT 0,
            per_user_limit INTEGER NOT NULL,
            valid_until INTEGER NOT NULL);
        CREATE TABLE user_coupons (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid INTEGER NOT NULL,
            coupon_id INTEGER NOT NULL REFERENCES coupons(id),
            status TEXT NOT NULL DEFAULT 'unused',
            claimed_at INTEGER NOT NULL,
            order_id INTEGER);
        CREATE INDEX user_coupons_uid ON user_coupons(uid, coupon_id);
        CREATE TABLE addresses (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid INTEGER NOT NULL,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            region TEXT NOT NULL,
            detail TEXT NOT NULL,
            is_default INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL);
        CREATE INDEX addresses_uid ON addresses(uid);
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid INTEGER NOT NULL,
            status TEXT NOT NULL,
            total_cents INTEGER NOT NULL,
            discount_cents INTEGER NOT NULL,
            pay_cents INTEGER NOT NULL,
            address_id INTEGER NOT NULL,
            address_snapshot TEXT NOT NULL,
            coupon_id INTEGER,
            idempotency_key TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (uid, idempotency_key));
        CREATE INDEX orders_uid ON orders(uid, created_at);
        CREATE TABLE order_items (
            order_id INTEGER NOT NULL REFERENCES orders(id),
            goods_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            price_cents INTEGER NOT NULL,
            quantity INTEGER NOT NULL);
        CREATE INDEX order_items_order ON order_items(order_id);
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            goods_id INTEGER NOT NULL REFERENCES goods(id),
            uid INTEGER NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            text TEXT NOT NULL,
            nickname TEXT NOT NULL,
            avatar_url TEXT,
            created_at INTEGER NOT NULL);
        CREATE INDEX reviews_goods ON reviews(goods_id, created_at);
        CREATE TABLE telemetry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            uid INTEGER,
            payload TEXT NOT NULL,
            received_at INTEGER NOT NULL);
    )"),
};

} // namespace

Database::Database()
    : m_connectionName(
          QStringLiteral("mall-server-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
{}

Database::~Database()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Database::open(const QString &path, QString *error)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open database %1: %2").arg(path, m_db.lastError().text());
        return false;
    }
    try {
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        exec(QStringLiteral("PRAGMA busy_timeout=5000"));
    } catch (const DatabaseError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return migrate(error);
}

bool Database::migrate(QString *error)
{
    try {
        const int version = scalar(QStringLiteral("PRAGMA user_version")).toInt();
        for (int next = version; next < kMigrations.size(); ++next) {
            Transaction transaction(*this);
            const QStringList statements =
                kMigrations.at(next).split(QLatin1Char(';'), Qt::SkipEmptyParts);
            for (const QString &statement : statements) {
                if (!statement.trimmed().isEmpty())
                    exec(statement);
            }
            exec(QStringLiteral("PRAGMA user_version = %1").arg(next + 1));
            transaction.commit();
            qCInfo(lcServer, "database schema now at version %d", next + 1);
        }
    } catch (const DatabaseError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

QSqlQuery Database::exec(const QString &sql, std::initializer_list<QVariant> values)
{
    return exec(sql, QVariantList(values));
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw DatabaseError("prepare failed: " + query.lastError().text().toStdString());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        throw DatabaseError("query failed: " + query.lastError().text().toStdString());
    return query;
}

QVariant Database::scalar(const QString &sql, std::initializer_list<QVariant> values)
{
    QSqlQuery query = exec(sql, values);
    return query.next() ? query.value(0) : QVariant();
}

Transaction::Transaction(Database &database)
    : m_database(database)
{
    m_database.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    QSqlQuery rollback(m_database.connection());
    if (!rollback.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcServer) << "rollback failed:" << rollback.lastError().text();
}

void Transaction::commit()
{
    m_database.exec(QStringLiteral("COMMIT"));
    m_open = false;
}

} // namespace mall::server
