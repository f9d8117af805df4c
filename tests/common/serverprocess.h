#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// A real mall-server for a test: the built binary, on a free loopback port,
// with a throwaway data directory that survives restart().
class ServerProcess
{
public:
    explicit ServerProcess(QStringList extraArguments = {QStringLiteral("--dev")});
    ~ServerProcess();

    // Starts the server and waits for its "listening on" line.
    bool start();
    // SIGTERM, then waits for a clean exit; returns the exit code (-1 on a crash).
    int stop();
    bool restart() { return stop() == 0 && start(); }

    // Extra environment for the next start(), e.g. QT_LOGGING_RULES.
    void setEnvironmentVariable(const QString &name, const QString &value)
    {
        m_environment.insert(name, value);
    }

    QUrl url() const { return m_url; }
    QString dataDir() const { return m_dataDir.path(); }
    QByteArray standardError() const { return m_stderr; }
    QString errorString() const { return m_error; }

private:
    QStringList m_arguments;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QByteArray m_stderr;
    QString m_error;
};
