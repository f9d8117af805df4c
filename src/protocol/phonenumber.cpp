#include "phonenumber.h"

namespace mall::protocol {

bool isValidPhone(QStringView phone)
{
    if (phone.size() != 11 || phone.front() != u'1')
        return false;
    for (const QChar c : phone) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

} // namespace mall::protocol
