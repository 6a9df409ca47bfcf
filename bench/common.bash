# Sourced by bench/run.sh and bench/shards.sh: the steps every benchmark starts with (a Release build
# of capsearch and the bench programs, the NCBI gene lexicon beside it, a generated corpus), kept once.

die() { echo "bench: $*" >&2; exit 1; }

# bench_build REPO BUILD TARGET... : configures BUILD as a Release build when new, builds the targets.
bench_build() {
  local repo=$1 build=$2
  shift 2
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCAPSEARCH_BUILD_TESTS=OFF >/dev/null
  fi
  echo "bench: building in $build" >&2
  cmake --build "$build" -j"$(nproc)" --target "$@" >/dev/null
}

# bench_lexicon REPO BUILD : the default lexicon beside the executable (as scripts/quickstart.sh builds
# it); without it capsearch falls back to its built-in curated core, which the results then say.
bench_lexicon() {
  local repo=$1 build=$2 sqlite
  [ -s "$build/lexicon.tsv" ] && return 0
  if sqlite=$(bash "$repo/scripts/fetch-gene-data.sh" 2>/dev/null); then
    "$build/capsearch" lexicon build --ncbi-sqlite "$sqlite" --english-words /usr/share/dict/words \
      -o "$build/lexicon.tsv" >/dev/null || echo "bench: lexicon build failed; using the curated core" >&2
  else
    echo "bench: NCBI gene data unavailable; capsearch uses its curated core lexicon" >&2
  fi
}

# bench_corpus BUILD SOURCE DIR N SEED : N records generated from the real ones in SOURCE into DIR,
# unless DIR already holds exactly those (bench/gencorpus writes DIR/.gencorpus).
bench_corpus() {
  local build=$1 source=$2 corpus=$3 n=$4 seed=$5
  if ! grep -qx "count $n" "$corpus/.gencorpus" 2>/dev/null || ! grep -qx "seed $seed" "$corpus/.gencorpus"; then
    echo "bench: generating $n records" >&2
    "$build/bench/gencorpus" --count "$n" --seed "$seed" --source "$source" --out "$corpus" --force
  fi
}
