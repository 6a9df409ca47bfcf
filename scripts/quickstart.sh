#!/usr/bin/env bash
# The main job on a fresh Debian machine: install dependencies, build, build the gene lexicon,
# install (program, library, lexicon, man page, completion, Python package) into PREFIX (default
# /usr/local, where Debian's python3 finds the package), index the bundled corpus and run a search.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}

bash scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCAPSEARCH_BUILD_TESTS=OFF >/dev/null
# Everything `cmake --install` installs: the program, both libraries and the Python extension.
cmake --build "$build" --target capsearch_cli capsearch capsearch_static capsearch_python -j"$(nproc)"

# NCBI Gene's human names (Debian's r-bioc-org.hs.eg.db), compiled with the curated core into
# build/lexicon.tsv, which capsearch uses by default (it sits beside the executable).
sqlite=$(bash scripts/fetch-gene-data.sh)
"$build"/capsearch lexicon build --ncbi-sqlite "$sqlite" --english-words /usr/share/dict/words \
  -o "$build"/lexicon.tsv

prefix=${PREFIX:-/usr/local}
SUDO=""
[ -w "$prefix" ] || [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO cmake --install "$build" --prefix "$prefix" >/dev/null
echo "installed into $prefix (uninstall: xargs rm -f < $build/install_manifest.txt)"

"$build"/capsearch index --db "$build"/index corpus/*.txt
"$build"/capsearch search --db "$build"/index --facets HER2 resistance
