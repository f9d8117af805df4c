#pragma once

namespace bench {

// `mall-bench startup`: the app's start (first frame, home page filled, peak
// RSS) against a minimal Qt Quick window, each a fresh process, `runs` times
// each; prints the medians as one JSON line. Returns 0 when the targets are
// met (first frame at most 1.3 x, RSS at most 1.5 x the minimal window), 3
// when not, 1 when a probe could not run.
int startup(int runs, bool verbose);

} // namespace bench
