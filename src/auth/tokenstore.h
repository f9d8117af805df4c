#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace mall::auth {

struct StoredTokens
{
    QByteArray accessToken;
    QByteArray refreshToken;
};

// Where a session's tokens live between runs. Asynchronous, because the OS
// keychain is: a Session reports a login only after save() has completed.
class TokenStore
{
public:
    virtual ~TokenStore() = default;

    using LoadDone = std::function<void(std::optional<StoredTokens> tokens, const QString &error)>;
    using SaveDone = std::function<void(bool ok, const QString &error)>;

    virtual void load(LoadDone done) = 0;
    virtual void save(const StoredTokens &tokens, SaveDone done) = 0;
    virtual void clear(SaveDone done) = 0;
    // False when tokens only live as long as this process.
    virtual bool isPersistent() const = 0;
};

// Tokens for this run only (tests, and the fallback when there is no keychain).
class MemoryTokenStore : public TokenStore
{
public:
    void load(LoadDone done) override { done(m_tokens, {}); }
    void save(const StoredTokens &tokens, SaveDone done) override
    {
        m_tokens = tokens;
        done(true, {});
    }
    void clear(SaveDone done) override
    {
        m_tokens.reset();
        done(true, {});
    }
    bool isPersistent() const override { return false; }

private:
    std::optional<StoredTokens> m_tokens;
};

} // namespace mall::auth
