#!/usr/bin/env bash
# The whole test suite: install dependencies, build with -Werror, run every test (CTest), rebuild the
# tests with AddressSanitizer + UndefinedBehaviorSanitizer and run them again, check the installed
# package with the embedding example, and run the benchmark smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
build=${BUILD_DIR:-build-test}
asan=${ASAN_BUILD_DIR:-build-asan}

bash scripts/install-deps.sh
sqlite=$(bash scripts/fetch-gene-data.sh)

echo "== build (-Werror)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAPSEARCH_WERROR=ON >/dev/null
cmake --build "$build" -j"$jobs"
"$build"/capsearch lexicon build --ncbi-sqlite "$sqlite" --english-words /usr/share/dict/words \
  -o "$build"/lexicon.tsv >/dev/null

echo "== tests"
(cd "$build" && ctest --output-on-failure -j"$jobs")

echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B "$asan" -DCMAKE_BUILD_TYPE=Debug -DCAPSEARCH_WERROR=ON -DCAPSEARCH_SANITIZE=ON \
  -DCAPSEARCH_BUILD_BENCH=OFF >/dev/null
cmake --build "$asan" -j"$jobs"
# The same NCBI lexicon beside the instrumented program, so the corpus tests run there too.
cp "$build"/lexicon.tsv "$asan"/lexicon.tsv
# new_delete_type_mismatch=0: Xapian::Database::check inside the uninstrumented libxapian trips it.
# LSan suppressions: leaks allocated inside libxapian itself on a failed write (see scripts/lsan.supp).
lsan_supp="$(pwd)/scripts/lsan.supp"
(cd "$asan" && ASAN_OPTIONS=detect_leaks=1:new_delete_type_mismatch=0 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions="$lsan_supp" ctest --output-on-failure -j"$jobs")

echo "== installed package + embedding example"
bash scripts/check-install.sh "$build"

echo "== benchmark smoke test"
bash bench/run.sh --quick --build "$build"
# Issue 11's benchmark, small: one index against 3 local shards and 3 behind xapian-tcpsrv, every
# total checked equal (bench/README.md "Shards").
bash bench/shards.sh --n 2000 --shards 3 --rounds 3 --warmup 1 --build "$build" \
  --out "$build/bench-work/results/shards-2000.md"
