#include "aescbc.h"

#include <openssl/evp.h>

#include <memory>

namespace mall::server {

namespace {

constexpr int kBlockSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::optional<QByteArray> run(bool encrypt, const QByteArray &key, const QByteArray &iv,
                              const QByteArray &input)
{
    if (key.size() != kBlockSize || iv.size() != kBlockSize)
        return std::nullopt;
    if (!encrypt && (input.isEmpty() || input.size() % kBlockSize != 0))
        return std::nullopt;

    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context)
        return std::nullopt;
    const auto *keyBytes = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *ivBytes = reinterpret_cast<const unsigned char *>(iv.constData());
    if (EVP_CipherInit_ex(context.get(), EVP_aes_128_cbc(), nullptr, keyBytes, ivBytes,
                          encrypt ? 1 : 0) != 1) {
        return std::nullopt;
    }

    QByteArray output(input.size() + kBlockSize, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(output.data());
    int written = 0;
    if (EVP_CipherUpdate(context.get(), out, &written,
                         reinterpret_cast<const unsigned char *>(input.constData()),
                         static_cast<int>(input.size())) != 1) {
        return std::nullopt;
    }
    int finalWritten = 0;
    if (EVP_CipherFinal_ex(context.get(), out + written, &finalWritten) != 1)
        return std::nullopt;
    output.truncate(written + finalWritten);
    return output;
}

} // namespace

std::optional<QByteArray> aes128CbcEncrypt(const QByteArray &key, const QByteArray &iv,
                                           const QByteArray &plaintext)
{
    return run(true, key, iv, plaintext);
}

std::optional<QByteArray> aes128CbcDecrypt(const QByteArray &key, const QByteArray &iv,
                                           const QByteArray &ciphertext)
{
    return run(false, key, iv, ciphertext);
}

} // namespace mall::server
