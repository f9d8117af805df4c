#pragma once

#include "tokenstore.h"

#include <QList>
#include <QObject>

#include <functional>

namespace mall::auth {

// Tokens in the OS keychain (Secret Service on Linux, through qtkeychain),
// under service "mall-client" with one entry per API origin, so two backends
// never share tokens. Both tokens go in one entry, written in one job.
//
// When there is no keychain (no backend, locked, access denied) the store
// keeps tokens in memory for this run, says so once (unavailable()), and
// never falls back to a file.
class KeychainTokenStore : public QObject, public TokenStore
{
    Q_OBJECT

public:
    static constexpr auto kService = "mall-client";

    KeychainTokenStore(const QString &apiOrigin, QObject *parent = nullptr);
    // Operations still waiting are answered with a failure: no callback is
    // ever left without an answer.
    ~KeychainTokenStore() override;

    void load(LoadDone done) override;
    void save(const StoredTokens &tokens, SaveDone done) override;
    void clear(SaveDone done) override;
    bool isPersistent() const override { return !m_memoryOnly; }

    QString entryKey() const { return m_key; }

signals:
    // The keychain cannot be used; tokens last until the app quits.
    void unavailable(const QString &reason);

private:
    struct Operation
    {
        std::function<void()> run;
        std::function<void()> abandon; // answers the callback with a failure
    };
    void enqueue(Operation operation);
    void runNext();
    void operationDone();
    void fallBackToMemory(const QString &reason);

    QString m_key;
    QList<Operation> m_queue;
    std::function<void()> m_abandonCurrent;
    bool m_busy = false;
    bool m_memoryOnly = false;
    MemoryTokenStore m_memory;
};

} // namespace mall::auth
