#include "serverstats.h"

namespace mall::server {

QJsonObject ServerStats::toJson() const
{
    QJsonObject endpoints;
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        endpoints.insert(it.key(), it.value());
    QJsonObject faultsApplied;
    for (auto it = m_faultsApplied.cbegin(); it != m_faultsApplied.cend(); ++it)
        faultsApplied.insert(it.key(), it.value());
    return QJsonObject{
        {QLatin1String("endpoints"), endpoints},
        {QLatin1String("refreshes"), m_refreshes},
        {QLatin1String("logins"), m_logins},
        {QLatin1String("reuseDetected"), m_reuseDetected},
        {QLatin1String("authFailures"), m_authFailures},
        {QLatin1String("graceAnswers"), m_graceAnswers},
        {QLatin1String("faultsApplied"), faultsApplied},
    };
}

} // namespace mall::server
