#pragma once

#include <QByteArray>

#include <optional>

namespace mall::server {

// AES-128-CBC with PKCS#7 padding through OpenSSL EVP, as the platform uses
// for encryptedData. Both return nullopt for a key or IV that is not 16
// bytes; decryption also for a ciphertext whose padding does not check out
// (wrong key or tampered data; CBC alone cannot tell the two apart).
std::optional<QByteArray> aes128CbcEncrypt(const QByteArray &key, const QByteArray &iv,
                                           const QByteArray &plaintext);
std::optional<QByteArray> aes128CbcDecrypt(const QByteArray &key, const QByteArray &iv,
                                           const QByteArray &ciphertext);

} // namespace mall::server
