#pragma once

#include <QLoggingCategory>

// The app's own presentation: fonts, the window. Never carries a secret.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
