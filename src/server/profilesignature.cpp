#include "profilesignature.h"

#include <QCryptographicHash>

namespace mall::server {

QByteArray profileSignature(const QByteArray &rawData, const QByteArray &sessionKeyBase64)
{
    return QCryptographicHash::hash(rawData + sessionKeyBase64, QCryptographicHash::Sha1).toHex();
}

} // namespace mall::server
