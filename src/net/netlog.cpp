#include "netlog.h"

Q_LOGGING_CATEGORY(lcNet, "mall.net", QtInfoMsg)
