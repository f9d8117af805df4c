#include "uilog.h"

Q_LOGGING_CATEGORY(lcUi, "mall.ui", QtInfoMsg)
