#include "authlog.h"

Q_LOGGING_CATEGORY(lcAuth, "mall.auth", QtInfoMsg)
