#include "keychaintokenstore.h"

#include "authlog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace mall::auth {

namespace {

// Errors that mean "there is no usable keychain", as opposed to "no entry".
bool meansNoKeychain(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError: // a locked collection ends up here
        return true;
    default:
        return false;
    }
}

QByteArray encode(const StoredTokens &tokens)
{
    return QJsonDocument(
               QJsonObject{
                   {QLatin1String("accessToken"), QString::fromLatin1(tokens.accessToken)},
                   {QLatin1String("refreshToken"), QString::fromLatin1(tokens.refreshToken)}})
        .toJson(QJsonDocument::Compact);
}

std::optional<StoredTokens> decode(const QByteArray &data)
{
    const QJsonObject object = QJsonDocument::fromJson(data).object();
    StoredTokens tokens{object.value(QLatin1String("accessToken")).toString().toLatin1(),
                        object.value(QLatin1String("refreshToken")).toString().toLatin1()};
    if (tokens.refreshToken.isEmpty() && tokens.accessToken.isEmpty())
        return std::nullopt;
    return tokens;
}

template <typename JobType> JobType *makeJob(const QString &key, QObject *parent)
{
    auto *job = new JobType(QString::fromLatin1(KeychainTokenStore::kService), parent);
    job->setKey(key);
    job->setAutoDelete(true);
    // Never a plaintext file, whatever the platform would offer.
    job->setInsecureFallback(false);
    return job;
}

} // namespace

KeychainTokenStore::KeychainTokenStore(const QString &apiOrigin, QObject *parent)
    : QObject(parent)
    , m_key(QStringLiteral("tokens ") + apiOrigin)
{}

KeychainTokenStore::~KeychainTokenStore()
{
    // The job in flight dies with us (it is our child) and would never call back.
    if (m_abandonCurrent)
        std::exchange(m_abandonCurrent, {})();
    for (const Operation &operation : std::exchange(m_queue, {}))
        operation.abandon();
}

void KeychainTokenStore::enqueue(Operation operation)
{
    m_queue.append(std::move(operation));
    if (!m_busy) {
        m_busy = true;
        // Jobs start from the event loop, never from inside another job's
        // finished() signal (qtkeychain does not like being re-entered).
        QTimer::singleShot(0, this, &KeychainTokenStore::runNext);
    }
}

void KeychainTokenStore::runNext()
{
    const Operation next = m_queue.takeFirst();
    m_abandonCurrent = next.abandon;
    next.run();
}

void KeychainTokenStore::operationDone()
{
    m_abandonCurrent = {};
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    QTimer::singleShot(0, this, &KeychainTokenStore::runNext);
}

void KeychainTokenStore::fallBackToMemory(const QString &reason)
{
    if (m_memoryOnly)
        return;
    m_memoryOnly = true;
    qCWarning(lcAuth).noquote() << "the keychain cannot be used; tokens are kept in memory only:"
                                << reason;
    emit unavailable(reason);
}

void KeychainTokenStore::load(LoadDone done)
{
    const auto abandon = [done] {
        done(std::nullopt, QStringLiteral("the token store went away"));
    };
    enqueue({[this, done] {
                 if (m_memoryOnly) {
                     m_memory.load(done);
                     operationDone();
                     return;
                 }
                 auto *job = makeJob<QKeychain::ReadPasswordJob>(m_key, this);
                 connect(job, &QKeychain::Job::finished, this, [this, job, done] {
                     if (job->error() == QKeychain::NoError) {
                         done(decode(job->binaryData()), {});
                     } else if (job->error() == QKeychain::EntryNotFound) {
                         done(std::nullopt, {});
                     } else if (meansNoKeychain(job->error())) {
                         fallBackToMemory(job->errorString());
                         m_memory.load(done);
                     } else {
                         done(std::nullopt, job->errorString());
                     }
                     operationDone();
                 });
                 job->start();
             },
             abandon});
}

void KeychainTokenStore::save(const StoredTokens &tokens, SaveDone done)
{
    const auto abandon = [done] { done(false, QStringLiteral("the token store went away")); };
    enqueue({[this, tokens, done] {
                 if (m_memoryOnly) {
                     m_memory.save(tokens, done);
                     operationDone();
                     return;
                 }
                 auto *job = makeJob<QKeychain::WritePasswordJob>(m_key, this);
                 job->setBinaryData(encode(tokens));
                 connect(job, &QKeychain::Job::finished, this, [this, job, tokens, done] {
                     if (job->error() == QKeychain::NoError) {
                         done(true, {});
                     } else if (meansNoKeychain(job->error())) {
                         fallBackToMemory(job->errorString());
                         m_memory.save(tokens, done);
                     } else {
                         done(false, job->errorString());
                     }
                     operationDone();
                 });
                 job->start();
             },
             abandon});
}

void KeychainTokenStore::clear(SaveDone done)
{
    const auto abandon = [done] { done(false, QStringLiteral("the token store went away")); };
    enqueue({[this, done] {
                 m_memory.clear([](bool, const QString &) {});
                 if (m_memoryOnly) {
                     done(true, {});
                     operationDone();
                     return;
                 }
                 auto *job = makeJob<QKeychain::DeletePasswordJob>(m_key, this);
                 connect(job, &QKeychain::Job::finished, this, [this, job, done] {
                     // Nothing to delete is as good as deleted.
                     const bool ok = job->error() == QKeychain::NoError ||
                                     job->error() == QKeychain::EntryNotFound;
                     if (!ok && meansNoKeychain(job->error()))
                         fallBackToMemory(job->errorString());
                     done(ok || m_memoryOnly, ok ? QString() : job->errorString());
                     operationDone();
                 });
                 job->start();
             },
             abandon});
}

} // namespace mall::auth
