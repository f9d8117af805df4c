#include "serverlog.h"

Q_LOGGING_CATEGORY(lcServer, "mall.server", QtInfoMsg)
