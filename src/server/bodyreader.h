#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mall::server {

// Reads the fields of a JSON request body and remembers the first problem,
// so a handler reads everything it needs and then asks ok() once:
//
//     BodyReader body(request.body);
//     const QString phone = body.string("phone");
//     if (!body.ok())
//         return badRequest(body.error());
class BodyReader
{
public:
    explicit BodyReader(const QByteArray &json);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    const QJsonObject &object() const { return m_object; }

    QString string(const char *field, int maxLength = 4096);
    std::optional<QString> optionalString(const char *field, int maxLength = 4096);
    qint64 integer(const char *field);
    std::optional<qint64> optionalInteger(const char *field);
    std::optional<bool> optionalBool(const char *field);
    bool has(const char *field) const;

private:
    void fail(const QString &message);

    QJsonObject m_object;
    QString m_error;
};

} // namespace mall::server
