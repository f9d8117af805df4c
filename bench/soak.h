#pragma once

#include <QStringList>
#include <QUrl>

namespace bench {

struct SoakOptions
{
    QUrl api;         // a --dev server (mall-bench starts one when none is given)
    int seconds = 60; // of shopping under faults
    int clients = 20;
    int lanes = 3; // actions each client has under way at once
    quint32 seed = 0;
    bool verbose = false;
    // The targets that decide the exit code; every one is reported anyway.
    QStringList targets = allTargets();

    static QStringList allTargets()
    {
        return {QStringLiteral("lost"), QStringLiteral("duplicates"), QStringLiteral("logouts"),
                QStringLiteral("refreshes")};
    }
};

// `mall-bench soak`: concurrent library clients shop for `seconds` with 2 s
// access tokens and 20 s refresh tokens while the server drops 5% of the
// connections, answers 5% with 503 and fails 10% of the refreshes. Prints one
// JSON line; returns 0 when the chosen targets are met, 3 when one is missed,
// 1 when the run could not be set up.
int soak(const SoakOptions &options);

} // namespace bench
