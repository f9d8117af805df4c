#include "bodyreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace mall::server {

BodyReader::BodyReader(const QByteArray &json)
{
    // An empty body reads as {} so that "{}"-bodied endpoints accept nothing.
    if (json.trimmed().isEmpty())
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(QStringLiteral("body is not valid JSON: %1 at offset %2")
                 .arg(parseError.errorString())
                 .arg(parseError.offset));
    } else if (!document.isObject()) {
        fail(QStringLiteral("body must be a JSON object"));
    } else {
        m_object = document.object();
    }
}

void BodyReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

bool BodyReader::has(const char *field) const
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    return !value.isUndefined() && !value.isNull();
}

std::optional<QString> BodyReader::optionalString(const char *field, int maxLength)
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        fail(QStringLiteral("field \"%1\" must be a string").arg(QLatin1String(field)));
        return std::nullopt;
    }
    const QString text = value.toString();
    if (text.size() > maxLength) {
        fail(QStringLiteral("field \"%1\" is longer than %2 characters")
                 .arg(QLatin1String(field))
                 .arg(maxLength));
        return std::nullopt;
    }
    return text;
}

QString BodyReader::string(const char *field, int maxLength)
{
    if (!has(field)) {
        fail(QStringLiteral("field \"%1\" is required").arg(QLatin1String(field)));
        return {};
    }
    return optionalString(field, maxLength).value_or(QString());
}

std::optional<qint64> BodyReader::optionalInteger(const char *field)
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const double number = value.toDouble();
    // 2^53: beyond it a double no longer holds every integer.
    if (!value.isDouble() || std::trunc(number) != number ||
        std::fabs(number) > 9007199254740992.0) {
        fail(QStringLiteral("field \"%1\" must be an integer").arg(QLatin1String(field)));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

qint64 BodyReader::integer(const char *field)
{
    if (!has(field)) {
        fail(QStringLiteral("field \"%1\" is required").arg(QLatin1String(field)));
        return 0;
    }
    return optionalInteger(field).value_or(0);
}

std::optional<bool> BodyReader::optionalBool(const char *field)
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isBool()) {
        fail(QStringLiteral("field \"%1\" must be true or false").arg(QLatin1String(field)));
        return std::nullopt;
    }
    return value.toBool();
}

} // namespace mall::server
