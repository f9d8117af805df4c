#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace mall::protocol {

// The body every response carries: {"code", "message", "data"}.
struct Envelope
{
    QString code;
    QString message;
    QJsonValue data;

    bool isOk() const { return code == u"OK"; }
};

// Parses a response body. Returns nullopt (and says why in *error) for
// anything that is not a JSON object with a string "code"; "message" and
// "data" are optional so that a terse error body still parses.
std::optional<Envelope> parseEnvelope(const QByteArray &body, QString *error = nullptr);

QByteArray serializeEnvelope(const Envelope &envelope);

} // namespace mall::protocol
