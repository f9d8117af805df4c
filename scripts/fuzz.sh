#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang into build-fuzz/ (only
# the few sources they test; incremental after the first run) and runs each
# for a while, starting from its seed corpus in tests/fuzz/corpus/<target>/.
#
#   scripts/fuzz.sh [--seconds N] [--target NAME]... [--keep]
#
# --seconds N   fuzzing time per target (default 60; 0 only replays the corpus)
# --target NAME only this target (fuzz_ prefix optional; repeatable)
# --keep        keep the grown corpora (their path is printed) to pick new seeds from
#
# FUZZ_BUILD_DIR (default build-fuzz) and FUZZ_CMAKE_ARGS (used when that
# directory is first configured) allow a second build, e.g. one that leaves out
# a sanitizer check to fuzz on past a known finding:
#   FUZZ_BUILD_DIR=build-fuzz-nofco FUZZ_CMAKE_ARGS=-DMALL_FUZZ_SKIP_CHECKS=float-cast-overflow \
#     scripts/fuzz.sh --target jwtpayload
#
# Every run works on a copy of the seed corpus, so the repository's corpus only
# changes by hand. Any finding (crash, sanitizer report, failed invariant, leak,
# timeout, out of memory) fails the script; the reproducer is copied to
# build-fuzz/findings/<target>/ and printed with the command that replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
targets=()
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --target) targets+=("fuzz_${2#fuzz_}"); shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "fuzz: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] ||
  targets=(fuzz_jwtpayload fuzz_envelope fuzz_bodyreader fuzz_phonepayload fuzz_httpdate)

./scripts/deps.sh

build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S tests/fuzz -B "$build_dir" -G Ninja ${FUZZ_CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$build_dir" -- "${targets[@]}" >/dev/null ||
  { cmake --build "$build_dir" -- "${targets[@]}"; exit 1; } # again, to show the errors

# Readable stack traces in reports; every UBSan report already aborts (see
# tests/fuzz/CMakeLists.txt), print its stack too.
symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/mall-fuzz.XXXXXX")
[ "$keep" -eq 1 ] || trap 'rm -rf "$work"' EXIT

failed=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  seeds=tests/fuzz/corpus/$name
  keepdir=$build_dir/findings/$name
  rm -rf "$keepdir" # only this run's findings
  [ -d "$seeds" ] || { echo "fuzz: no corpus $seeds" >&2; exit 2; }
  corpus=$work/$name/corpus
  artifacts=$work/$name/artifacts
  mkdir -p "$corpus" "$artifacts"
  cp -r "$seeds"/. "$corpus"/
  # The target's own dictionary, else the JSON one (every other input is JSON).
  dict=tests/fuzz/$name.dict
  [ -f "$dict" ] || dict=tests/fuzz/json.dict

  # libFuzzer reads -max_total_time=0 as "no limit"; 0 here means replay only.
  limit=-max_total_time=$seconds
  [ "$seconds" -gt 0 ] || limit=-runs=0
  log=$work/$name/log
  status=0
  "$build_dir/bin/$target" "$corpus" -dict="$dict" "$limit" \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 \
    >"$log" 2>&1 || status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
  size=$(find "$corpus" -type f | wc -l)
  reproducers=$(find "$artifacts" -type f)
  if [ "$status" -eq 0 ] && [ -z "$reproducers" ]; then
    printf 'fuzz: %-18s ok       %10s execs in %4ss (%s/s), corpus %s files\n' \
      "$target" "${execs:-?}" "${time:-?}" "${rate:-?}" "$size"
    continue
  fi

  failed=1
  mkdir -p "$keepdir"
  printf 'fuzz: %-18s FINDING  (exit %s) after %s execs\n' "$target" "$status" "${execs:-?}"
  # The report: from the sanitizer's or the invariant's first line on.
  first=$(grep -n -m1 -E '^==[0-9]+==|runtime error|fuzz invariant failed|ERROR: libFuzzer' \
    "$log" | cut -d: -f1 || true)
  if [ -n "$first" ]; then tail -n +"$first" "$log" | head -n 60; else tail -n 40 "$log"; fi
  for file in $reproducers; do
    cp "$file" "$keepdir/"
    echo "fuzz: reproducer $keepdir/$(basename "$file") ($(stat -c %s "$file") bytes):"
    echo "      $(od -An -tx1 -v "$file" | head -n 4 | tr -s ' \n' ' ')"
    echo "      replay: $build_dir/bin/$target $keepdir/$(basename "$file")"
  done
  echo "      full log: $keepdir/$target.log"
  cp "$log" "$keepdir/$target.log"
done

[ "$keep" -eq 1 ] && echo "fuzz: grown corpora kept in $work"
exit "$failed"
