#include "passwordhasher.h"

#include "securerandom.h"

#include <QList>

#include <openssl/evp.h>

namespace mall::server {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;
const QByteArray kScheme = QByteArrayLiteral("pbkdf2-sha256");

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray out(kHashBytes, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(utf8.constData(), static_cast<int>(utf8.size()),
                                     reinterpret_cast<const unsigned char *>(salt.constData()),
                                     static_cast<int>(salt.size()), iterations, EVP_sha256(),
                                     kHashBytes, reinterpret_cast<unsigned char *>(out.data()));
    return ok == 1 ? out : QByteArray();
}

} // namespace

PasswordHasher::PasswordHasher(int iterations)
    : m_iterations(iterations)
{}

QByteArray PasswordHasher::hash(const QString &password) const
{
    const QByteArray salt = secureRandomBytes(kSaltBytes);
    return kScheme + '$' + QByteArray::number(m_iterations) + '$' + salt.toBase64() + '$' +
           derive(password, salt, m_iterations).toBase64();
}

bool PasswordHasher::verify(const QString &password, const QByteArray &stored) const
{
    const QList<QByteArray> parts = stored.split('$');
    if (parts.size() != 4 || parts[0] != kScheme)
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    if (!ok || iterations < 1)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts[2]);
    const QByteArray expected = QByteArray::fromBase64(parts[3]);
    const QByteArray actual = derive(password, salt, iterations);
    return !actual.isEmpty() && constantTimeEquals(actual, expected);
}

} // namespace mall::server
