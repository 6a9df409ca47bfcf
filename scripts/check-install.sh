#!/usr/bin/env bash
# Checks the installed package: installs capsearch from BUILD_DIR into a temporary prefix with
# `cmake --install`, builds examples/embed against it with find_package(capsearch CONFIG), indexes the
# repository's corpus/ and checks what `embed INDEX QUERY` prints; also checks the pkg-config file.
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
# Only what is installed, and the CLI used to build the test index.
cmake --build "$build" --target capsearch capsearch_static capsearch_cli -j"$(nproc)"

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
echo "check-install: ok (installed to a temporary prefix; embed and the C example work against it)"
