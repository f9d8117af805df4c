#pragma once

#include <QLoggingCategory>

// mall.server: request lines, lifecycle and failures of the reference backend.
// Nothing secret (tokens, codes, passwords, session keys) is ever passed to it.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
