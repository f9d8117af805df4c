#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace mall::server {

// Counters behind GET /dev/stats: requests per route and the auth events QA
// and the benchmarks assert on.
class ServerStats
{
public:
    void countRequest(const QString &route) { ++m_requests[route]; }
    void countRefresh() { ++m_refreshes; }
    void countLogin() { ++m_logins; }
    void countReuseDetected() { ++m_reuseDetected; }
    void countAuthFailure() { ++m_authFailures; }
    void countGraceAnswer() { ++m_graceAnswers; }
    // An injected fault (POST /dev/faults) was applied, by its rule's path.
    void countFaultApplied(const QString &pathPrefix) { ++m_faultsApplied[pathPrefix]; }

    QJsonObject toJson() const;
    void reset() { *this = ServerStats(); }

private:
    QHash<QString, qint64> m_requests;
    qint64 m_refreshes = 0;
    qint64 m_logins = 0;
    qint64 m_reuseDetected = 0;
    qint64 m_authFailures = 0;
    qint64 m_graceAnswers = 0;
    QHash<QString, qint64> m_faultsApplied;
};

} // namespace mall::server
