#include "securerandom.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <openssl/crypto.h>

namespace mall::server {

QByteArray secureRandomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    auto *generator = QRandomGenerator::system();
    for (int i = 0; i < count; ++i)
        bytes[i] = static_cast<char>(generator->bounded(256));
    return bytes;
}

QByteArray randomToken(int bytes)
{
    return secureRandomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding |
                                             QByteArray::OmitTrailingEquals);
}

QByteArray randomDigits(int digits)
{
    QByteArray code;
    code.reserve(digits);
    auto *generator = QRandomGenerator::system();
    for (int i = 0; i < digits; ++i)
        code.append(static_cast<char>('0' + generator->bounded(10)));
    return code;
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace mall::server
