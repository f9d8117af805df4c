#include "secretsafelogging.h"

#include <QByteArrayView>
#include <QLoggingCategory>

namespace mall::protocol {

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

// qt.httpserver logs every request with all its headers at debug level.
bool dumpsHeaders(QByteArrayView name)
{
    return name == "qt.httpserver" || name.startsWith("qt.httpserver.") ||
           name.startsWith("qt.network.http");
}

void filter(QLoggingCategory *category)
{
    // The default filter applies QT_LOGGING_RULES; this one runs after it.
    if (previousFilter)
        previousFilter(category);
    if (dumpsHeaders(category->categoryName())) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

void installSecretSafeLogging()
{
    if (previousFilter)
        return;
    previousFilter = QLoggingCategory::installFilter(filter);
}

} // namespace mall::protocol
