// parseEnvelope: the client's reading of every response body, which comes from
// whatever server (or proxy, or captive portal) answered.

#include "fuzzcheck.h"

#include "protocol/envelope.h"

using namespace mall::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = mall::fuzz::bytes(data, size);

    QString error;
    const auto envelope = parseEnvelope(body, &error);
    // The error text is there exactly when parsing failed, and asking for it
    // changes nothing.
    FUZZ_CHECK(envelope.has_value() == error.isEmpty());
    FUZZ_CHECK(parseEnvelope(body).has_value() == envelope.has_value());
    if (!envelope)
        return 0;

    FUZZ_CHECK(envelope->isOk() == (envelope->code == QLatin1String("OK")));

    // What the server sends is what the client reads: serialize and parse
    // again, and code, message and data survive (absent data reads as null).
    const QByteArray serialized = serializeEnvelope(*envelope);
    QString againError;
    const auto again = parseEnvelope(serialized, &againError);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->code == envelope->code);
    FUZZ_CHECK(again->message == envelope->message);
    const QJsonValue data0 = envelope->data.isUndefined() ? QJsonValue() : envelope->data;
    FUZZ_CHECK(again->data == data0);
    // And the second round trip is byte for byte the first.
    FUZZ_CHECK(serializeEnvelope(*again) == serialized);
    return 0;
}
