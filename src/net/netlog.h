#pragma once

#include <QLoggingCategory>

// mall.net: the network layer (admission, refresh, replay, retries). URLs are
// logged without their query; tokens never.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
