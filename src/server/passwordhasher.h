#pragma once

#include <QByteArray>
#include <QString>

namespace mall::server {

// Salted PBKDF2-HMAC-SHA256 (OpenSSL). The stored form names its own
// parameters, "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>", so the cost
// can be raised later without invalidating existing hashes.
class PasswordHasher
{
public:
    explicit PasswordHasher(int iterations = kDefaultIterations);

    QByteArray hash(const QString &password) const;
    bool verify(const QString &password, const QByteArray &stored) const;

    // OWASP's 2023 guidance for PBKDF2-HMAC-SHA256 is 600 000; this server is
    // single-threaded, so it takes a figure that keeps one login under ~0.1 s
    // on the 2-core CI machine while staying far above brute-force comfort.
    static constexpr int kDefaultIterations = 210000;

private:
    int m_iterations;
};

} // namespace mall::server
