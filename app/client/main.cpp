// mall-client: the Qt Quick shopping mall.
//
// With no --api it starts the reference backend in this process on a
// loopback port (data under the app's data location, dev mode on), so the
// app works anywhere out of the box.

#include "models/appshell.h"
#include "protocol/secretsafelogging.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(MallPlugin)

int main(int argc, char *argv[])
{
    mall::protocol::installSecretSafeLogging();
    QGuiApplication app(argc, argv);
    mall::models::AppShell::identifyApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The mall client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption apiOption(
        QStringLiteral("api"),
        QStringLiteral("Backend URL. Without it, a mall-server starts inside the app."),
        QStringLiteral("URL"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"), QStringLiteral("Language: zh or en (default: saved or system)."),
        QStringLiteral("LANG"));
    const QCommandLineOption devOption(QStringLiteral("dev"),
                                       QStringLiteral("Show the QA panel (for a --dev server)."));
    const QCommandLineOption styleOption(
        QStringLiteral("auth-fail-style"),
        QStringLiteral("How the backend signals token failures: 401, 403 or body."),
        QStringLiteral("STYLE"), QStringLiteral("401"));
    parser.addOptions({apiOption, langOption, devOption, styleOption});
    parser.process(app);

    mall::models::AppShell::Options options;
    if (parser.isSet(apiOption)) {
        options.api = QUrl(parser.value(apiOption));
        if (!options.api.isValid() || options.api.scheme().isEmpty() ||
            options.api.host().isEmpty()) {
            std::fprintf(stderr, "mall-client: --api must be a URL like http://127.0.0.1:8787\n");
            return 2;
        }
    }
    options.dev = parser.isSet(devOption);
    options.language = parser.value(langOption);
    const auto style = mall::protocol::authFailStyleFromName(parser.value(styleOption));
    if (!style) {
        std::fprintf(stderr, "mall-client: --auth-fail-style must be 401, 403 or body\n");
        return 2;
    }
    options.authFailStyle = *style;

    mall::models::AppShell shell;
    QObject::connect(&shell, &mall::models::AppShell::failed, &app, [](const QString &error) {
        std::fprintf(stderr, "mall-client: %s\n", qPrintable(error));
        QCoreApplication::exit(1);
    });
    QString error;
    if (!shell.start(options, &error)) {
        std::fprintf(stderr, "mall-client: %s\n", qPrintable(error));
        return 1;
    }
    return app.exec();
}
