#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <stdexcept>

namespace mall::server {

// Thrown when SQLite fails under a handler; the HTTP front end catches it,
// the open Transaction rolls back, and the client gets 500 SERVER_BUSY.
class DatabaseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// One SQLite file per server, opened under a connection name of its own so
// that several servers can live in one process (tests, the embedded server).
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open(const QString &path, QString *error);

    // Prepares, binds in order and executes; throws DatabaseError on failure.
    // The query is forward-only (rows are read once, with next()), so SQLite
    // does not cache every row.
    QSqlQuery exec(const QString &sql, std::initializer_list<QVariant> values = {});
    // The same, for statements whose number of bound values depends on the
    // request (search terms); their SQL text is still built from fixed
    // fragments, and user input only ever travels as bound values.
    QSqlQuery exec(const QString &sql, const QVariantList &values);
    // The first column of the first row, or an invalid QVariant when no row.
    QVariant scalar(const QString &sql, std::initializer_list<QVariant> values = {});

    QSqlDatabase &connection() { return m_db; }

private:
    bool migrate(QString *error);

    QString m_connectionName;
    QSqlDatabase m_db;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit()
// succeeded. Handlers that write more than one row hold one of these so a
// failure half-way leaves nothing behind.
class Transaction
{
public:
    explicit Transaction(Database &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    Database &m_database;
    bool m_open = true;
};

} // namespace mall::server
