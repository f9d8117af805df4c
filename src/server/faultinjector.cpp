#include "faultinjector.h"

namespace mall::server {

std::optional<Fault> FaultInjector::take(const QByteArray &method, const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size();) {
        Fault &fault = m_faults[i];
        if (!path.startsWith(fault.pathPrefix) ||
            (!fault.method.isEmpty() && fault.method != method)) {
            ++i;
            continue;
        }
        // A rule without a probability never rolls the dice, so it behaves
        // exactly as rules did before there were probabilities.
        const bool applies =
            fault.probability >= 1.0 || m_random.generateDouble() < fault.probability;
        const Fault matched = fault;
        if (--fault.remaining <= 0)
            m_faults.removeAt(i);
        else
            ++i;
        if (applies)
            return matched;
    }
    return std::nullopt;
}

} // namespace mall::server
