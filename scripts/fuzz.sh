#!/usr/bin/env bash
# Builds and runs capsearch's libFuzzer targets (tests/fuzz/, clang-14 with ASan + UBSan).
# Usage: scripts/fuzz.sh --list              the target names
#        scripts/fuzz.sh TARGET SECONDS      build what TARGET needs, fuzz it that long; non-zero on a finding
#        scripts/fuzz.sh --merge TARGET      merge the corpus a run grew into the seeds (tests/fuzz/corpus/TARGET)
# Runs work in build-fuzz/ (FUZZ_BUILD_DIR): the grown corpus in build-fuzz/corpus/TARGET, findings
# (crash-*, leak-*, timeout-*, oom-*) in build-fuzz/findings/TARGET, the log in build-fuzz/TARGET.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-"$root/build-fuzz"}
targets=(record_fuzz analyzer_fuzz query_fuzz)

usage() { sed -n '3,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
known() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

build_target() {
  if [ ! -f "$build/CMakeCache.txt" ]; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 \
      -DCMAKE_CXX_COMPILER=clang++-14 -DCAPSEARCH_FUZZ=ON -DCAPSEARCH_BUILD_TESTS=OFF \
      -DCAPSEARCH_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
  fi
  cmake --build "$build" -j"${FUZZ_JOBS:-2}" --target "$1" >/dev/null
}

case "${1:-}" in
  --list) printf '%s\n' "${targets[@]}"; exit 0 ;;
  --merge)
    [ $# -eq 2 ] && known "$2" || usage
    build_target "$2"
    seeds="$root/tests/fuzz/corpus/$2"
    merged=$(mktemp -d)
    trap 'rm -rf "$merged"' EXIT
    # Minimise seeds + grown corpus into a fresh folder, then make that the seed corpus.
    "$build/tests/fuzz/$2" -merge=1 -rss_limit_mb=2048 "$merged" "$seeds" "$build/corpus/$2" >/dev/null 2>&1
    rm -f "$seeds"/*
    cp "$merged"/* "$seeds"/
    echo "$2: $(ls "$seeds" | wc -l) seeds in tests/fuzz/corpus/$2"
    exit 0 ;;
  -*|"") usage ;;
esac
[ $# -eq 2 ] && known "$1" && [[ "$2" =~ ^[0-9]+$ ]] || usage
target=$1 seconds=$2
build_target "$target"
mkdir -p "$build/corpus/$target" "$build/findings/$target"
log="$build/$target.log"
# The grown corpus goes to build-fuzz/corpus (first folder); the repository's seeds are only read.
set +e
"$build/tests/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
  -dict="$root/tests/fuzz/$target.dict" -artifact_prefix="$build/findings/$target/" \
  "$build/corpus/$target" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1
status=$?
set -e
stats=$(grep -E '^(#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | tail -3 | tr '\n' ' ')
echo "$target: ${seconds}s, exit $status: $stats"
if [ $status -ne 0 ]; then
  echo "$target: FINDING (see $log and $build/findings/$target/)" >&2
  grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 >&2
fi
exit $status
