#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

ServerProcess::ServerProcess(QStringList extraArguments)
    : m_arguments(std::move(extraArguments))
{}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral(MALL_SERVER_BINARY));
    m_process->setProcessEnvironment(m_environment);
    m_process->setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                        QStringLiteral("--data"), m_dataDir.path()} +
                            m_arguments);
    m_process->start();
    if (!m_process->waitForStarted(5000)) {
        m_error = m_process->errorString();
        return false;
    }
    // The first line on stdout names the port.
    QByteArray line;
    const QDeadlineTimer deadline(10000);
    while (!line.contains('\n') && !deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_process->state() != QProcess::Running)
                break;
            continue;
        }
        line += m_process->readAllStandardOutput();
    }
    static const QRegularExpression listening(
        QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)"));
    const auto match = listening.match(QString::fromUtf8(line));
    if (!match.hasMatch()) {
        m_error =
            QStringLiteral("no 'listening on' line; stdout: %1 stderr: %2")
                .arg(QString::fromUtf8(line), QString::fromUtf8(m_process->readAllStandardError()));
        return false;
    }
    m_url = QUrl(match.captured(1));
    return true;
}

int ServerProcess::stop()
{
    if (!m_process)
        return 0;
    int code = 0;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_stderr += m_process->readAllStandardError();
    m_process.reset();
    return code;
}
