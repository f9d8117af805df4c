#include "envelope.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace mall::protocol {

namespace {

std::optional<Envelope> fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

} // namespace

std::optional<Envelope> parseEnvelope(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error,
                    QStringLiteral("response is not JSON: %1").arg(parseError.errorString()));
    if (!document.isObject())
        return fail(error, QStringLiteral("response is not a JSON object"));

    const QJsonObject object = document.object();
    const QJsonValue code = object.value(QLatin1String("code"));
    if (!code.isString())
        return fail(error, QStringLiteral("response has no string \"code\""));
    const QJsonValue message = object.value(QLatin1String("message"));
    if (!message.isUndefined() && !message.isNull() && !message.isString())
        return fail(error, QStringLiteral("response \"message\" is not a string"));

    return Envelope{code.toString(), message.toString(), object.value(QLatin1String("data"))};
}

QByteArray serializeEnvelope(const Envelope &envelope)
{
    QJsonObject object{
        {QLatin1String("code"), envelope.code},
        {QLatin1String("message"), envelope.message},
        {QLatin1String("data"), envelope.data.isUndefined() ? QJsonValue() : envelope.data},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace mall::protocol
