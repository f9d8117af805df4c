#pragma once

namespace QKeychain {
class Job;
}

// Runs one qtkeychain job to its end (or 10 s); false when it never finished.
// The job is not deleted: the caller reads its error and result afterwards.
bool runKeychainJob(QKeychain::Job *job);
