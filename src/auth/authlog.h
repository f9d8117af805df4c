#pragma once

#include <QLoggingCategory>

// mall.auth: sessions, logins and the token store. Tokens never appear.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
