#include "faultinjector.h"

namespace mall::server {

std::optional<Fault> FaultInjector::take(const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault &fault = m_faults[i];
        if (!path.startsWith(fault.pathPrefix))
            continue;
        Fault taken = fault;
        if (--fault.remaining <= 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

} // namespace mall::server
