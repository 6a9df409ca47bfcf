#!/usr/bin/env bash
# The main job on a fresh Debian machine: install dependencies, build, build the gene lexicon,
# index the bundled corpus and run an example search.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}

bash scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCAPSEARCH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target capsearch_cli -j"$(nproc)"

# NCBI Gene's human names (Debian's r-bioc-org.hs.eg.db), compiled with the curated core into
# build/lexicon.tsv, which capsearch uses by default (it sits beside the executable).
sqlite=$(bash scripts/fetch-gene-data.sh)
"$build"/capsearch lexicon build --ncbi-sqlite "$sqlite" --english-words /usr/share/dict/words \
  -o "$build"/lexicon.tsv

"$build"/capsearch index --db "$build"/index corpus/*.txt
"$build"/capsearch search --db "$build"/index --facets HER2 resistance
