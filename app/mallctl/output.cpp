#include "output.h"

#include "api/apiresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>

namespace mallctl {

namespace {

// Server messages are short human text, but a proxy page or an error string
// could hold line breaks: the error stays on one line whatever it says.
QString oneLine(const QString &text)
{
    static const QRegularExpression breaks(QStringLiteral("\\s*[\\r\\n]+\\s*"));
    return QString(text).replace(breaks, QStringLiteral(" ")).trimmed();
}

void writeLine(FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

void Output::json(const QJsonObject &document)
{
    writeLine(stdout, QJsonDocument(document).toJson(QJsonDocument::Compact));
}

void Output::error(const QString &label, const QString &message)
{
    const QString line =
        label.isEmpty() ? oneLine(message) : QStringLiteral("%1: %2").arg(label, oneLine(message));
    writeLine(stderr, QStringLiteral("mallctl: %1").arg(line).toUtf8());
}

void Output::error(const mall::api::ApiResult &result)
{
    QString message = result.message;
    if (message.isEmpty())
        message = result.httpStatus ? QStringLiteral("HTTP %1").arg(result.httpStatus)
                                    : QStringLiteral("no answer");
    if (result.retryAfterSeconds > 0)
        message += QStringLiteral(" (retry in %1 s)").arg(result.retryAfterSeconds);
    error(labelOf(result), message);
}

void Output::notice(const QString &message)
{
    writeLine(stderr, QStringLiteral("mallctl: %1").arg(oneLine(message)).toUtf8());
}

void Output::text(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

QString Output::labelOf(const mall::api::ApiResult &result)
{
    if (!result.code.isEmpty())
        return result.code;
    if (result.isNetworkFailure()) {
        return result.networkError != QNetworkReply::NoError ? QStringLiteral("NETWORK_ERROR")
                                                             : QStringLiteral("FAILED");
    }
    return QStringLiteral("HTTP_%1").arg(result.httpStatus);
}

QJsonValue Output::redactTokens(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(redactTokens(item));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("accessToken") || it.key() == QLatin1String("refreshToken"))
            it.value() = QStringLiteral("(redacted)");
        else
            it.value() = redactTokens(it.value());
    }
    return object;
}

} // namespace mallctl
