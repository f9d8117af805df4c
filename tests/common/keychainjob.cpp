#include "keychainjob.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

bool runKeychainJob(QKeychain::Job *job)
{
    job->setAutoDelete(false);
    bool finished = false;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    return finished;
}
