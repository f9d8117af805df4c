// mallctl: a headless client of the mall API for QA and scripts (see --help).

#include "commandline.h"
#include "commandrunner.h"
#include "output.h"

#include "protocol/secretsafelogging.h"

#include <QCoreApplication>

namespace {

QtMessageHandler defaultHandler = nullptr;
bool verboseLog = false;

// The library logs warnings on its own (a failed silent login, no keychain);
// mallctl says what matters in its one error line, so stderr stays one line.
void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (verboseLog || type == QtFatalMsg)
        defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    mall::protocol::installSecretSafeLogging();
    defaultHandler = qInstallMessageHandler(quietHandler);
    QCoreApplication app(argc, argv);
    // The user cache and device id land in ~/.config/mall/mallctl.conf.
    QCoreApplication::setOrganizationName(QStringLiteral("mall"));
    QCoreApplication::setApplicationName(QStringLiteral("mallctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MALL_VERSION));

    const mallctl::ParsedCommandLine parsed =
        mallctl::CommandLine::parse(app.arguments(), qEnvironmentVariable("MALL_API"));
    if (!parsed.invocation) {
        if (!parsed.error.isEmpty())
            mallctl::Output::error(QString(), parsed.error);
        mallctl::Output::text(parsed.output);
        return parsed.exitCode;
    }
    verboseLog = parsed.invocation->verbose;

    mallctl::CommandRunner runner(*parsed.invocation);
    QObject::connect(&runner, &mallctl::CommandRunner::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    QMetaObject::invokeMethod(&runner, &mallctl::CommandRunner::start, Qt::QueuedConnection);
    return app.exec();
}
