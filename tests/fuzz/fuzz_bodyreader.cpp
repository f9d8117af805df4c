// BodyReader: how every server handler reads a request body. The input is the
// body as it arrives; it is read once per handler below, with the fields,
// types and length limits that handler asks for, in the same order, and every
// answer is checked against the JSON it came from.

#include "fuzzcheck.h"

#include "server/bodyreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

using mall::server::BodyReader;

namespace {

enum class Kind
{
    String,
    OptionalString,
    Integer,
    OptionalInteger,
    OptionalBool,
    Has,
};

struct Read
{
    Kind kind;
    const char *field;
    int maxLength = 4096;
};

constexpr int kMiB = 1024 * 1024;

// What the handlers in src/server/*routes.cpp read (kept in step by hand; the
// point is the mix of types and limits, not one handler's exact list).
const std::initializer_list<Read> kHandlers[] = {
    // POST /wx/login, /wx/getPhoneNumber, /wx/getUserProfile
    {{Kind::String, "deviceId", 128}},
    {{Kind::String, "deviceId", 128},
     {Kind::String, "phone", 32},
     {Kind::OptionalString, "watermarkAppid", 64},
     {Kind::OptionalInteger, "watermarkTimestamp"}},
    {{Kind::String, "deviceId", 128},
     {Kind::String, "nickname", 32},
     {Kind::OptionalString, "avatarUrl", 2 * kMiB},
     {Kind::OptionalInteger, "gender"}},
    // /api/auth/wx-login, refresh and logout, sms/send, phone-login, bind-phone
    {{Kind::String, "code", 256}},
    {{Kind::String, "refreshToken", 512}},
    {{Kind::String, "phone", 32}},
    {{Kind::String, "phone", 32},
     {Kind::OptionalString, "smsCode", 16},
     {Kind::OptionalString, "password", 128}},
    {{Kind::OptionalString, "encryptedData", 8192},
     {Kind::OptionalString, "iv", 64},
     {Kind::OptionalString, "phone", 32},
     {Kind::OptionalString, "smsCode", 16}},
    // /api/auth/oauth/token
    {{Kind::String, "code", 256},
     {Kind::String, "codeVerifier", 256},
     {Kind::String, "redirectUri", 2048}},
    // /api/user/profile (rawData is read again below), /api/user/password
    {{Kind::String, "rawData", kMiB}, {Kind::String, "signature", 64}},
    {{Kind::String, "password", 128}},
    // /api/cart POST and PATCH
    {{Kind::Integer, "goodsId"}, {Kind::Integer, "quantity"}},
    {{Kind::Integer, "quantity"}},
    // /api/addresses POST (every text required) and PUT (any subset)
    {{Kind::Has, "name"},
     {Kind::String, "name"},
     {Kind::OptionalString, "name", kMiB},
     {Kind::Has, "phone"},
     {Kind::String, "phone"},
     {Kind::OptionalString, "phone", kMiB},
     {Kind::Has, "region"},
     {Kind::String, "region"},
     {Kind::OptionalString, "region", kMiB},
     {Kind::Has, "detail"},
     {Kind::String, "detail"},
     {Kind::OptionalString, "detail", kMiB},
     {Kind::OptionalBool, "isDefault"}},
    {{Kind::OptionalString, "name", kMiB},
     {Kind::OptionalString, "phone", kMiB},
     {Kind::OptionalString, "region", kMiB},
     {Kind::OptionalString, "detail", kMiB},
     {Kind::OptionalBool, "isDefault"}},
    // /api/orders
    {{Kind::Integer, "addressId"},
     {Kind::OptionalInteger, "couponId"},
     {Kind::OptionalBool, "fromCart"},
     {Kind::Has, "items"}},
    // /api/goods/{id}/reviews
    {{Kind::Integer, "rating"}, {Kind::String, "text", 16 * 500}},
    // /dev/expire, /dev/faults, /dev/config, /dev/clock
    {{Kind::String, "what", 32}, {Kind::OptionalInteger, "uid"}},
    {{Kind::String, "path", 512},
     {Kind::OptionalInteger, "status"},
     {Kind::OptionalString, "code", 64},
     {Kind::OptionalInteger, "delayMs"},
     {Kind::OptionalBool, "drop"},
     {Kind::Integer, "count"}},
    {{Kind::OptionalInteger, "accessTtl"},
     {Kind::OptionalInteger, "refreshTtl"},
     {Kind::OptionalInteger, "graceSeconds"},
     {Kind::OptionalString, "authFailStyle", 8},
     {Kind::OptionalBool, "checkSessionLies"}},
    {{Kind::Integer, "advance"}},
};

// The profile the platform signed, read out of rawData by /api/user/profile.
const std::initializer_list<Read> kProfile = {{Kind::String, "nickName", 32},
                                              {Kind::OptionalInteger, "gender"},
                                              {Kind::OptionalString, "avatarUrl", 2 * kMiB}};

bool absent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

// BodyReader's integer rule, restated: a JSON number with no fraction that a
// double holds exactly (|n| <= 2^53).
bool isExactInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return std::isfinite(number) && std::trunc(number) == number &&
           std::fabs(number) <= 9007199254740992.0;
}

// One read, and what its answer must be given the field's JSON value.
void read(BodyReader &body, const Read &r)
{
    const bool okBefore = body.ok();
    const QString errorBefore = body.error();
    const QJsonValue value = body.object().value(QLatin1String(r.field));
    bool valid = true; // would a reader that has not failed yet stay ok?

    switch (r.kind) {
    case Kind::String: {
        const QString text = body.string(r.field, r.maxLength);
        valid = value.isString() && value.toString().size() <= r.maxLength;
        FUZZ_CHECK(text == (valid ? value.toString() : QString()));
        break;
    }
    case Kind::OptionalString: {
        const auto text = body.optionalString(r.field, r.maxLength);
        valid = absent(value) || (value.isString() && value.toString().size() <= r.maxLength);
        FUZZ_CHECK(text.has_value() == (valid && !absent(value)));
        if (text)
            FUZZ_CHECK(*text == value.toString() && text->size() <= r.maxLength);
        break;
    }
    case Kind::Integer: {
        const qint64 number = body.integer(r.field);
        valid = isExactInteger(value);
        FUZZ_CHECK(number == (valid ? qint64(value.toDouble()) : 0));
        break;
    }
    case Kind::OptionalInteger: {
        const auto number = body.optionalInteger(r.field);
        valid = absent(value) || isExactInteger(value);
        FUZZ_CHECK(number.has_value() == (valid && !absent(value)));
        if (number) {
            FUZZ_CHECK(double(*number) == value.toDouble());
            FUZZ_CHECK(*number >= -(qint64(1) << 53) && *number <= (qint64(1) << 53));
        }
        break;
    }
    case Kind::OptionalBool: {
        const auto flag = body.optionalBool(r.field);
        valid = absent(value) || value.isBool();
        FUZZ_CHECK(flag.has_value() == (valid && !absent(value)));
        if (flag)
            FUZZ_CHECK(*flag == value.toBool());
        break;
    }
    case Kind::Has:
        FUZZ_CHECK(body.has(r.field) == !absent(value));
        break;
    }

    // The first problem is the one reported, and it names the field.
    FUZZ_CHECK(body.ok() == body.error().isEmpty());
    if (!okBefore) {
        FUZZ_CHECK(body.error() == errorBefore);
    } else {
        FUZZ_CHECK(body.ok() == valid);
        if (!valid)
            FUZZ_CHECK(body.error().contains(QLatin1String(r.field)));
    }
}

// How a body must read, from Qt's parser directly: an empty (or blank) body
// reads as {}; otherwise the body is accepted exactly when it is one JSON
// object. Worked out once per input, not once per handler.
struct Expected
{
    bool ok = false;
    QJsonObject object;
};

Expected expectedFor(const QByteArray &json)
{
    if (json.trimmed().isEmpty())
        return {true, {}};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {false, {}};
    return {true, document.object()};
}

void readAs(const QByteArray &json, const Expected &expected, std::initializer_list<Read> reads)
{
    BodyReader body(json);
    FUZZ_CHECK(body.ok() == expected.ok);
    FUZZ_CHECK(body.ok() == body.error().isEmpty());
    FUZZ_CHECK(body.object() == expected.object);
    for (const Read &r : reads)
        read(body, r);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = mall::fuzz::bytes(data, size);
    const Expected expected = expectedFor(json);
    for (const auto &reads : kHandlers)
        readAs(json, expected, reads);

    // /api/user/profile parses the signed rawData, a JSON text inside the body.
    BodyReader outer(json);
    const auto rawData = outer.optionalString("rawData", kMiB);
    if (outer.ok() && rawData)
        readAs(rawData->toUtf8(), expectedFor(rawData->toUtf8()), kProfile);
    return 0;
}
