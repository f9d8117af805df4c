#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// The mall-server a benchmark runs against: the binary next to mall-bench,
// in its own process (so server and client do not share an event loop), on a
// free port with a throwaway data directory; or an existing --dev server.
class BenchServer
{
public:
    // Empty `api`: start one. Returns false and says why in *error.
    bool start(const QUrl &api, const QStringList &extraArguments, QString *error);
    ~BenchServer();
    QUrl url() const { return m_url; }

private:
    std::unique_ptr<QProcess> m_process;
    QTemporaryDir m_dataDir;
    QUrl m_url;
};
