#include "benchserver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

bool BenchServer::start(const QUrl &api, const QStringList &extraArguments, QString *error)
{
    if (api.isValid() && !api.isEmpty()) {
        m_url = api;
        return true;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/mall-server"));
    m_process->setArguments(QStringList{QStringLiteral("--dev"), QStringLiteral("--port"),
                                        QStringLiteral("0"), QStringLiteral("--data"),
                                        m_dataDir.path()} +
                            extraArguments);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // The request log would cost the server more than the benchmark measures.
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                       QStringLiteral("mall.server.info=false"));
    m_process->setProcessEnvironment(environment);
    m_process->setStandardErrorFile(QProcess::nullDevice());
    m_process->start();
    QByteArray line;
    const QDeadlineTimer deadline(10000);
    while (!line.contains('\n') && !deadline.hasExpired()) {
        if (m_process->waitForReadyRead(100))
            line += m_process->readAllStandardOutput();
        else if (m_process->state() != QProcess::Running)
            break;
    }
    if (!line.startsWith("listening on ")) {
        *error = QStringLiteral("mall-server did not start: ") + QString::fromUtf8(line);
        return false;
    }
    m_url = QUrl(QString::fromUtf8(line.mid(13).trimmed()));
    return true;
}

BenchServer::~BenchServer()
{
    if (m_process && m_process->state() == QProcess::Running) {
        m_process->terminate();
        m_process->waitForFinished(5000);
    }
}
