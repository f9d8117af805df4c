#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace mallctl {

enum class Command
{
    LoginWechat,
    LoginSms,
    LoginPassword,
    BindPhone,
    AuthorizeProfile,
    WhoAmI,
    Call,
    Logout,
};

// One run of mallctl, checked: the runner never has to validate arguments.
struct Invocation
{
    Command command = Command::WhoAmI;
    QUrl api; // scheme://host:port only
    int timeoutSeconds = 30;
    bool verbose = false;
    QString phone;
    QString code; // login sms: empty means "send one and read it from /dev/sms"
    QString password;
    QString nickname;
    int gender = 0;
    QByteArray method; // call
    QString path;      // call
    QJsonObject body;  // call
};

// What the command line asks for: a run, or an answer given at once
// (--help, --version, a usage error).
struct ParsedCommandLine
{
    std::optional<Invocation> invocation;
    int exitCode = 0;
    QString output; // for stdout (help, version)
    QString error;  // one line for stderr
};

class CommandLine
{
public:
    static constexpr int kUsageError = 2;

    // `arguments` includes the program name; `defaultApi` is $MALL_API (may be empty).
    static ParsedCommandLine parse(const QStringList &arguments, const QString &defaultApi);
};

} // namespace mallctl
