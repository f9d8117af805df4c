#include "jwtsigner.h"

#include "protocol/jwtpayload.h"
#include "securerandom.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace mall::server {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encodeJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
}

const QByteArray &headerSegment()
{
    static const QByteArray segment =
        encodeJson(QJsonObject{{QLatin1String("alg"), QLatin1String("HS256")},
                               {QLatin1String("typ"), QLatin1String("JWT")}});
    return segment;
}

} // namespace

JwtSigner::JwtSigner(QByteArray secret)
    : m_secret(std::move(secret))
{}

QByteArray JwtSigner::mac(const QByteArray &signingInput) const
{
    return QMessageAuthenticationCode::hash(signingInput, m_secret, QCryptographicHash::Sha256)
        .toBase64(kBase64Url);
}

QByteArray JwtSigner::sign(const QJsonObject &claims) const
{
    const QByteArray signingInput = headerSegment() + '.' + encodeJson(claims);
    return signingInput + '.' + mac(signingInput);
}

std::optional<QJsonObject> JwtSigner::verify(const QByteArray &token) const
{
    const qsizetype lastDot = token.lastIndexOf('.');
    if (lastDot < 0 || token.count('.') != 2)
        return std::nullopt;
    const QByteArray signingInput = token.left(lastDot);
    // Only our own header is accepted: this rules out "alg": "none" and
    // algorithm confusion without parsing attacker-chosen headers.
    if (!signingInput.startsWith(headerSegment() + '.'))
        return std::nullopt;
    if (!constantTimeEquals(mac(signingInput), token.mid(lastDot + 1)))
        return std::nullopt;
    return protocol::readJwtPayload(token);
}

} // namespace mall::server
