#include "commandline.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mallctl {

namespace {

const QString kDefaultApi = QStringLiteral("http://127.0.0.1:8787");

const char kDescription[] =
    "Headless client of the mall API for QA and scripts. Prints one JSON document on stdout\n"
    "and exits 0 on success; on failure prints one line on stderr and exits non-zero\n"
    "(1 refused or failed, 2 bad usage, 3 timed out). Tokens stay in the OS keychain\n"
    "between runs and are never printed.\n"
    "\n"
    "Commands:\n"
    "  login wechat                            silent (platform) login\n"
    "  login sms --phone P [--code C]          SMS login; without --code, send a code and\n"
    "                                          read it from a --dev server's /dev/sms\n"
    "  login password --phone P --password X   password login\n"
    "  bind-phone --phone P                    bind a phone with the platform's phone button\n"
    "  authorize-profile --nickname N [--gender 0|1|2]\n"
    "                                          authorize the platform profile (step 3)\n"
    "  whoami                                  the current user (GET /api/user/me)\n"
    "  call METHOD PATH [JSON]                 any request through the network layer; prints\n"
    "                                          {status, code, message, data}\n"
    "  logout                                  end the session; browse on as a new guest";

// Which words name a command, and what it takes.
struct CommandSpec
{
    QStringList words;
    Command command;
    QStringList required; // option names
    QStringList optional;
    int minExtra = 0; // positional arguments after the command words
    int maxExtra = 0;
};

const QList<CommandSpec> &commandSpecs()
{
    static const QList<CommandSpec> specs = {
        {{QStringLiteral("login"), QStringLiteral("wechat")}, Command::LoginWechat, {}, {}},
        {{QStringLiteral("login"), QStringLiteral("sms")},
         Command::LoginSms,
         {QStringLiteral("phone")},
         {QStringLiteral("code")}},
        {{QStringLiteral("login"), QStringLiteral("password")},
         Command::LoginPassword,
         {QStringLiteral("phone"), QStringLiteral("password")},
         {}},
        {{QStringLiteral("bind-phone")}, Command::BindPhone, {QStringLiteral("phone")}, {}},
        {{QStringLiteral("authorize-profile")},
         Command::AuthorizeProfile,
         {QStringLiteral("nickname")},
         {QStringLiteral("gender")}},
        {{QStringLiteral("whoami")}, Command::WhoAmI, {}, {}},
        {{QStringLiteral("call")}, Command::Call, {}, {}, 2, 3},
        {{QStringLiteral("logout")}, Command::Logout, {}, {}},
    };
    return specs;
}

// Options every command accepts.
const QStringList kGlobalOptions = {QStringLiteral("api"), QStringLiteral("timeout"),
                                    QStringLiteral("verbose")};

ParsedCommandLine usageError(const QString &message)
{
    ParsedCommandLine parsed;
    parsed.exitCode = CommandLine::kUsageError;
    parsed.error = message + QStringLiteral(" (see mallctl --help)");
    return parsed;
}

// The longest spec whose words start the positional arguments.
const CommandSpec *findSpec(const QStringList &positional)
{
    const CommandSpec *found = nullptr;
    for (const CommandSpec &spec : commandSpecs()) {
        if (positional.mid(0, spec.words.size()) == spec.words &&
            (!found || spec.words.size() > found->words.size()))
            found = &spec;
    }
    return found;
}

std::optional<QUrl> apiOrigin(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return std::nullopt;
    // Only the origin counts: tokens and the keychain entry belong to it.
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                        QUrl::RemoveFragment);
}

} // namespace

ParsedCommandLine CommandLine::parse(const QStringList &arguments, const QString &defaultApi)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("api"),
         QStringLiteral("API origin (default: $MALL_API, else %1).").arg(kDefaultApi),
         QStringLiteral("URL")},
        {QStringLiteral("phone"), QStringLiteral("Phone number (11 digits)."), QStringLiteral("P")},
        {QStringLiteral("code"), QStringLiteral("SMS code (6 digits)."), QStringLiteral("C")},
        {QStringLiteral("password"), QStringLiteral("Password."), QStringLiteral("X")},
        {QStringLiteral("nickname"), QStringLiteral("Nickname for authorize-profile."),
         QStringLiteral("N")},
        {QStringLiteral("gender"),
         QStringLiteral("Gender for authorize-profile: 0 unknown (default), 1 male, 2 female."),
         QStringLiteral("G")},
        {QStringLiteral("timeout"),
         QStringLiteral("Give up after this many seconds overall (default 30)."),
         QStringLiteral("S")},
        {QStringLiteral("verbose"), QStringLiteral("Let the library's log through on stderr.")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See Commands above."),
                                 QStringLiteral("<command> [arguments]"));

    ParsedCommandLine parsed;
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        parsed.output = parser.helpText();
        return parsed;
    }
    if (parser.isSet(versionOption)) {
        parsed.output = QStringLiteral("mallctl %1\n").arg(QStringLiteral(MALL_VERSION));
        return parsed;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no command given"));
    const CommandSpec *spec = findSpec(positional);
    if (!spec) {
        if (positional.first() == QLatin1String("login"))
            return usageError(QStringLiteral("login needs one of: wechat, sms, password"));
        return usageError(QStringLiteral("unknown command \"%1\"").arg(positional.first()));
    }
    const QString name = spec->words.join(QLatin1Char(' '));
    const QStringList extra = positional.mid(spec->words.size());
    if (extra.size() < spec->minExtra || extra.size() > spec->maxExtra) {
        if (spec->command == Command::Call)
            return usageError(QStringLiteral("usage: call METHOD PATH [JSON]"));
        return usageError(
            QStringLiteral("unexpected argument \"%1\" for %2").arg(extra.first(), name));
    }
    // -h and -v have been answered above: what is left are long names.
    for (const QString &option : parser.optionNames()) {
        if (!kGlobalOptions.contains(option) && !spec->required.contains(option) &&
            !spec->optional.contains(option))
            return usageError(QStringLiteral("%1 takes no --%2").arg(name, option));
    }
    for (const QString &option : spec->required) {
        if (!parser.isSet(option) || parser.value(option).isEmpty())
            return usageError(QStringLiteral("%1 needs --%2").arg(name, option));
    }

    Invocation invocation;
    invocation.command = spec->command;
    const QString apiText = parser.isSet(QStringLiteral("api"))
                                ? parser.value(QStringLiteral("api"))
                            : !defaultApi.isEmpty() ? defaultApi
                                                    : kDefaultApi;
    const std::optional<QUrl> origin = apiOrigin(apiText);
    if (!origin)
        return usageError(QStringLiteral("not an http(s) API URL: \"%1\"").arg(apiText));
    invocation.api = *origin;
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        invocation.timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || invocation.timeoutSeconds < 1 || invocation.timeoutSeconds > 3600)
            return usageError(QStringLiteral("--timeout must be 1-3600 seconds"));
    }
    invocation.verbose = parser.isSet(QStringLiteral("verbose"));
    invocation.phone = parser.value(QStringLiteral("phone"));
    invocation.code = parser.value(QStringLiteral("code"));
    invocation.password = parser.value(QStringLiteral("password"));
    invocation.nickname = parser.value(QStringLiteral("nickname"));
    if (parser.isSet(QStringLiteral("gender"))) {
        bool ok = false;
        invocation.gender = parser.value(QStringLiteral("gender")).toInt(&ok);
        if (!ok || invocation.gender < 0 || invocation.gender > 2)
            return usageError(QStringLiteral("--gender must be 0, 1 or 2"));
    }

    if (spec->command == Command::Call) {
        invocation.method = extra.at(0).toUpper().toLatin1();
        static const QList<QByteArray> methods = {"GET",   "HEAD",   "POST",   "PUT",
                                                  "PATCH", "DELETE", "OPTIONS"};
        if (!methods.contains(invocation.method))
            return usageError(QStringLiteral("unknown HTTP method \"%1\"").arg(extra.at(0)));
        invocation.path = extra.at(1);
        if (!invocation.path.startsWith(QLatin1Char('/')) || invocation.path.startsWith(u"//"))
            return usageError(QStringLiteral("PATH must start with a single \"/\""));
        if (extra.size() == 3) {
            if (invocation.method == "GET" || invocation.method == "HEAD")
                return usageError(QStringLiteral("%1 takes no JSON body")
                                      .arg(QString::fromLatin1(invocation.method)));
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(extra.at(2).toUtf8(), &error);
            if (error.error != QJsonParseError::NoError)
                return usageError(QStringLiteral("the body is not valid JSON: %1 at offset %2")
                                      .arg(error.errorString())
                                      .arg(error.offset));
            if (!document.isObject())
                return usageError(QStringLiteral("the body must be a JSON object"));
            invocation.body = document.object();
        }
    }
    parsed.invocation = std::move(invocation);
    return parsed;
}

} // namespace mallctl
