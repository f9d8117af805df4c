// mall-server: the reference backend of the mall client (docs/protocol.md).

#include "protocol/authfailstyle.h"
#include "server/mallserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // write() is async-signal-safe; the event loop picks the byte up.
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop normally, so the database is closed
// cleanly instead of the process dying mid-write.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "mall-server: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mall-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MALL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reference backend of the mall client: the mall API, the platform (WeChat) simulator "
        "and, with --dev, the QA controls. The first line on stdout is "
        "\"listening on http://ADDRESS:PORT\"."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(
        QStringLiteral("port"), QStringLiteral("TCP port; 0 picks a free one (default 8787)."),
        QStringLiteral("N"), QStringLiteral("8787"));
    const QCommandLineOption bindOption(QStringLiteral("bind"),
                                        QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption dataOption(
        QStringLiteral("data"),
        QStringLiteral("Data directory for the SQLite database and the signing secret "
                       "(default: $XDG_DATA_HOME/mall-server)."),
        QStringLiteral("DIR"));
    const QCommandLineOption devOption(
        QStringLiteral("dev"),
        QStringLiteral("Enable the /dev QA endpoints (loopback peers only) and the SMS outbox."));
    const QCommandLineOption styleOption(
        QStringLiteral("auth-fail-style"),
        QStringLiteral("How token failures are answered: 401 (default), 403, or body "
                       "(HTTP 400 with code \"401\")."),
        QStringLiteral("STYLE"), QStringLiteral("401"));
    const QCommandLineOption accessOption(
        QStringLiteral("access-ttl"),
        QStringLiteral("Access-token lifetime in seconds (default 900)."), QStringLiteral("S"),
        QStringLiteral("900"));
    const QCommandLineOption refreshOption(
        QStringLiteral("refresh-ttl"),
        QStringLiteral("Refresh-token lifetime in seconds (default 2592000, 30 days)."),
        QStringLiteral("S"), QStringLiteral("2592000"));
    parser.addOptions(
        {portOption, bindOption, dataOption, devOption, styleOption, accessOption, refreshOption});
    parser.process(app);

    mall::server::ServerConfig config;
    config.dataDir = parser.value(dataOption);
    config.dev = parser.isSet(devOption);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port must be 0-65535"));
    const QHostAddress address(parser.value(bindOption));
    if (address.isNull())
        return fail(QStringLiteral("--bind must be an IP address"));
    const auto style = mall::protocol::authFailStyleFromName(parser.value(styleOption));
    if (!style)
        return fail(QStringLiteral("--auth-fail-style must be 401, 403 or body"));
    config.authFailStyle = *style;
    config.accessTtl = parser.value(accessOption).toLongLong(&ok);
    if (!ok || config.accessTtl < 1)
        return fail(QStringLiteral("--access-ttl must be a positive number of seconds"));
    config.refreshTtl = parser.value(refreshOption).toLongLong(&ok);
    if (!ok || config.refreshTtl < 1)
        return fail(QStringLiteral("--refresh-ttl must be a positive number of seconds"));

    quitOnSignals(app);
    mall::server::MallServer server(config);
    QString error;
    if (!server.start(address, static_cast<quint16>(port), &error))
        return fail(error);
    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);

    const int code = app.exec();
    std::fprintf(stderr, "mall-server: stopped\n");
    return code;
}
