#pragma once

#include <QStringView>

namespace mall::protocol {

// Mainland China mobile numbers for this demo: 11 digits starting with 1.
bool isValidPhone(QStringView phone);

} // namespace mall::protocol
