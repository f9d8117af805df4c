#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace mall::server {

// Compact JWS with HS256 (RFC 7515/7519), signed with QMessageAuthenticationCode.
class JwtSigner
{
public:
    explicit JwtSigner(QByteArray secret);

    QByteArray sign(const QJsonObject &claims) const;

    // The claims of a token that carries exactly our own header
    // ({"alg":"HS256","typ":"JWT"}) and a matching signature; nullopt
    // otherwise. Expiry is the caller's business.
    std::optional<QJsonObject> verify(const QByteArray &token) const;

private:
    QByteArray mac(const QByteArray &signingInput) const;

    QByteArray m_secret;
};

} // namespace mall::server
