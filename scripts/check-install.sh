#!/usr/bin/env bash
# Checks the installed package: installs capsearch from BUILD_DIR into a temporary prefix with
# `cmake --install`, builds examples/embed against it with find_package(capsearch CONFIG), indexes the
# repository's corpus/ and checks what `embed INDEX QUERY` prints; also checks the pkg-config file,
# the installed program (what it loads, its lexicon), the man page, the bash completion and the Python package.
# usage: bash scripts/check-install.sh BUILD_DIR   (BUILD_DIR may be fresh: it is configured if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: check-install.sh BUILD_DIR}
work=$(mktemp -d "${TMPDIR:-/tmp}/capsearch-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCAPSEARCH_BUILD_TESTS=OFF \
    -DCAPSEARCH_BUILD_BENCH=OFF >/dev/null
fi
# Only what is installed (the Python package when pybind11 is there), and the CLI.
targets=(capsearch capsearch_static capsearch_cli)
grep -q '^pybind11_DIR:PATH=/' "$build/CMakeCache.txt" && targets+=(capsearch_python)
cmake --build "$build" --target "${targets[@]}" -j"$(nproc)"

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build/CMakeCache.txt")
libdir=${libdir:-lib}
for f in include/capsearch/capsearch.hpp include/capsearch/capsearch.h "$libdir/cmake/capsearch/capsearchConfig.cmake" \
  "$libdir/pkgconfig/capsearch.pc" "$libdir/libcapsearch.a"; do
  [ -e "$prefix/$f" ] || { echo "check-install: $f was not installed" >&2; exit 1; }
done
soname=$(objdump -p "$prefix/$libdir/libcapsearch.so" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libcapsearch.so.0 ] || { echo "check-install: SONAME is '$soname'" >&2; exit 1; }

"$build"/capsearch index --db "$work/index" --quiet "$root"/corpus/*.txt
printf '%s\t%s\n' PMC3808214__brc-0008-0256-g02 \
  "HER2 family pathways, targeted therapies, and treatment resistance" >"$work/want"
printf '%s\t%s\n' PMC3835685__nihms524354f1 \
  "Human epidermal growth fa ctor receptor 2 (HER2) signal transduction pathways" >>"$work/want"

# The example is a standalone CMake project that only knows the prefix; built against the shared
# library (capsearch::capsearch) and the static one (capsearch::capsearch_static).
for variant in shared static; do
  static=OFF
  [ "$variant" = static ] && static=ON
  cmake -S "$root/examples/embed" -B "$work/embed-$variant" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Release -DEMBED_STATIC=$static >/dev/null
  cmake --build "$work/embed-$variant" >/dev/null
  embed="$work/embed-$variant/embed"
  "$embed" "$work/index" HER2 resistance >"$work/out"
  if ! sort "$work/out" | diff -u "$work/want" -; then
    echo "check-install: embed ($variant) printed something else" >&2
    exit 1
  fi
  status=0
  "$embed" "$work/index" zebrafish >/dev/null || status=$?
  [ "$status" = 1 ] || { echo "check-install: embed ($variant) exit $status for no match (want 1)" >&2; exit 1; }
done
# The shared variant runs with the installed library, the static one with none.
ldd "$work/embed-shared/embed" >"$work/ldd-shared"
ldd "$work/embed-static/embed" >"$work/ldd-static"
grep -q "$prefix/$libdir/libcapsearch.so" "$work/ldd-shared" || {
  echo "check-install: embed is not linked to the installed library:" >&2
  cat "$work/ldd-shared" >&2
  exit 1
}
if grep -q libcapsearch "$work/ldd-static"; then
  echo "check-install: the static embed still needs libcapsearch.so" >&2
  exit 1
fi

# pkg-config: a C program builds from the .pc file alone.
if command -v pkg-config >/dev/null; then
  export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
  # shellcheck disable=SC2046
  cc -std=c99 "$root/examples/c/search.c" $(pkg-config --cflags --libs capsearch) \
    -Wl,-rpath,"$prefix/$libdir" -o "$work/search-c"
  "$work/search-c" "$work/index" HER2 >"$work/out" && grep -q "^2 figures match" "$work/out" || {
    echo "check-install: the C example built with pkg-config failed" >&2
    exit 1
  }
fi
# The program: runs from the prefix alone (no LD_LIBRARY_PATH) and finds the installed lexicon.
installed="$prefix/bin/capsearch"
[ -x "$installed" ] || { echo "check-install: bin/capsearch was not installed" >&2; exit 1; }
env -u LD_LIBRARY_PATH -u CAPSEARCH_LEXICON "$installed" --version >/dev/null || {
  echo "check-install: the installed capsearch does not run without LD_LIBRARY_PATH" >&2; exit 1; }
ldd "$installed" >"$work/ldd-program"
if grep -q "not found" "$work/ldd-program"; then
  echo "check-install: bin/capsearch misses a shared library:" >&2
  cat "$work/ldd-program" >&2
  exit 1
fi
used=$(awk '$1 ~ /^libcapsearch\.so/ {print $3}' "$work/ldd-program")
if grep -q '^CAPSEARCH_STATIC_CLI:BOOL=OFF' "$build/CMakeCache.txt"; then
  [ -n "$used" ] && [ "$(realpath "$used")" = "$(realpath "$prefix/$libdir/libcapsearch.so.0")" ] || {
    echo "check-install: bin/capsearch does not use the installed library" >&2; exit 1; }
  program_note="the installed library through its RPATH"
else
  # The default program carries libcapsearch, ICU, yaml-cpp and SQLite (cli/CMakeLists.txt).
  if [ -n "$used" ] || grep -Eq 'libicu|libyaml-cpp|libsqlite3' "$work/ldd-program"; then
    echo "check-install: bin/capsearch loads libraries it should carry:" >&2
    cat "$work/ldd-program" >&2
    exit 1
  fi
  program_note="libcapsearch, ICU, yaml-cpp and SQLite built in"
fi
if [ -f "$build/lexicon.tsv" ]; then
  [ -f "$prefix/share/capsearch/lexicon.tsv" ] || { echo "check-install: no share/capsearch/lexicon.tsv" >&2; exit 1; }
  (cd / && env -u CAPSEARCH_LEXICON "$installed" synonyms --format json CD340) >"$work/syn"
  grep -q '"ERBB2"' "$work/syn" || { echo "check-install: synonyms CD340 does not give ERBB2" >&2; exit 1; }
  lexicon_note="its lexicon (synonyms CD340 -> ERBB2)"
else
  lexicon_note="no lexicon ($build/lexicon.tsv was not built)"
fi
for f in share/man/man1/capsearch.1 share/bash-completion/completions/capsearch; do
  [ -s "$prefix/$f" ] || { echo "check-install: $f was not installed" >&2; exit 1; }
done
bash -c "source '$prefix/share/bash-completion/completions/capsearch' && complete -p capsearch" >/dev/null || {
  echo "check-install: the bash completion does not register" >&2; exit 1; }

# The Python package, where Debian's python3 looks under the prefix.
python_note=""
if [[ " ${targets[*]} " == *" capsearch_python "* ]]; then
  pyrel=$(sed -n 's/^CAPSEARCH_PYTHON_INSTALL_DIR:[A-Z]*=//p' "$build/CMakeCache.txt")
  pydir="$prefix/$pyrel"
  # Installed with --prefix /usr/local (the main job), Debian's python3 finds it without PYTHONPATH.
  /usr/bin/python3 -c 'import sys; sys.exit(sys.argv[1] not in sys.path)' "/usr/local/$pyrel" || {
    echo "check-install: /usr/local/$pyrel is not on /usr/bin/python3's sys.path" >&2; exit 1; }
  (cd / && env -u CAPSEARCH_LEXICON PYTHONPATH="$pydir" /usr/bin/python3 -c '
import sys, capsearch
r = capsearch.Searcher(sys.argv[1]).search("HER2 resistance")
assert r.total == 2, r.total
assert capsearch.__file__.startswith(sys.argv[2]), capsearch.__file__
lexicon = sys.argv[3] + "/share/capsearch/lexicon.tsv"
if sys.argv[4] == "yes":  # The package finds the lexicon installed beside it.
    assert capsearch.default_lexicon_path() == lexicon, capsearch.default_lexicon_path()
' "$work/index" "$pydir" "$prefix" "$([ -f "$build/lexicon.tsv" ] && echo yes || echo no)") || { echo "check-install: the installed Python package failed" >&2; exit 1; }
  python_note=", the Python package"
fi
echo "check-install: ok (installed to a temporary prefix; embed and the C example work against it; bin/capsearch" \
  "runs ($program_note) with $lexicon_note; man page, completion$python_note)"
