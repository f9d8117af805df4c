#pragma once

#include <QJsonObject>
#include <QString>

namespace mall::api {
struct ApiResult;
}

namespace mallctl {

// Everything mallctl writes: one compact JSON document on stdout, one-line
// messages on stderr, both prefixed and flattened so scripts can rely on
// the line count. Nothing that goes through here can carry a token.
class Output
{
public:
    static void json(const QJsonObject &document);
    // "mallctl: LABEL: message" (or "mallctl: message" without a label).
    static void error(const QString &label, const QString &message);
    static void error(const mall::api::ApiResult &result);
    static void notice(const QString &message);
    static void text(const QString &text); // --help, --version

    // Replaces the value of every accessToken / refreshToken field, however
    // deep (a raw `call` to a login endpoint answers with a token pair).
    static QJsonValue redactTokens(const QJsonValue &value);

    // What to call a failed result on the error line: its envelope code, or
    // what happened when there was none.
    static QString labelOf(const mall::api::ApiResult &result);
};

} // namespace mallctl
