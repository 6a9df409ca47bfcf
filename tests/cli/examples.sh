#!/usr/bin/env bash
# The embedding examples against the library built beside the capsearch binary: examples/python/search.py
# through ctypes, and examples/c/search.c compiled as C99. Under a sanitizer build the ASan runtime is
# preloaded into Python (and leak checks left to the C and C++ tests, as CPython itself keeps memory).
source "$(dirname "$0")/common.bash"

LIBDIR=$(cd "$(dirname "$CAPSEARCH")" && pwd)
LIB="$LIBDIR/libcapsearch.so"
[ -f "$LIB" ] || { fail "no $LIB beside the capsearch binary"; finish; }
PY_ENV=()
CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic)
if ldd "$LIB" | grep -q libasan; then
  # libstdc++ too, so ASan's __cxa_throw interceptor finds the real one (python3 does not load it).
  PY_ENV=(env "LD_PRELOAD=$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so.6)"
    ASAN_OPTIONS=detect_leaks=0)
  CFLAGS+=(-fsanitize=address,undefined)
fi

expect_status 0 "$CAPSEARCH" index --db "$WORK/db" "$ROOT"/corpus/*.txt

# Python (ctypes).
PY="$ROOT/examples/python/search.py"
expect_status 0 "${PY_ENV[@]}" python3 "$PY" --lib "$LIB" "$WORK/db" HER2 resistance
printf '%s\t%s\n' PMC3808214__brc-0008-0256-g02 \
  "HER2 family pathways, targeted therapies, and treatment resistance" >"$WORK/want"
printf '%s\t%s\n' PMC3835685__nihms524354f1 \
  "Human epidermal growth fa ctor receptor 2 (HER2) signal transduction pathways" >>"$WORK/want"
sort "$WORK/out" | diff - "$WORK/want" >&2 || fail "python example output"
expect_status 0 "${PY_ENV[@]}" env "CAPSEARCH_LIB=$LIB" python3 "$PY" --organism "Homo sapiens" "$WORK/db" HER2
[ "$(cut -f1 "$WORK/out")" = PMC3808214__brc-0008-0256-g02 ] || fail "python --organism: $(cat "$WORK/out")"
expect_status 1 "${PY_ENV[@]}" python3 "$PY" --lib "$LIB" "$WORK/db" zebrafish
expect_status 2 "${PY_ENV[@]}" python3 "$PY" --lib "$LIB" "$WORK/no-such-index" HER2
expect_grep "$WORK/err" "no-such-index" "python example names the missing index"
expect_status 2 "${PY_ENV[@]}" python3 "$PY" --lib "$LIB" "$WORK/db" 'titel:HER2'
expect_grep "$WORK/err" "unknown field 'titel:'" "python example reports the query error"

# C (C99, the installed-style include path).
if command -v cc >/dev/null; then
  expect_status 0 cc "${CFLAGS[@]}" -I"$ROOT/include" "$ROOT/examples/c/search.c" -L"$LIBDIR" -lcapsearch \
    -Wl,-rpath,"$LIBDIR" -o "$WORK/search-c"
  expect_status 0 "$WORK/search-c" "$WORK/db" "HER2 resistance"
  expect_grep "$WORK/out" "2 figures match" "C example header"
  expect_grep "$WORK/out" $'PMC3808214__brc-0008-0256-g02\t2013\tHER2 family pathways' "C example hit"
  expect_grep "$WORK/out" $'PMC3835685__nihms524354f1\t-\t' "C example hit without a year"
  expect_status 1 "$WORK/search-c" "$WORK/db" zebrafish
  expect_status 2 "$WORK/search-c" "$WORK/no-such-index" HER2
  expect_grep "$WORK/err" "no-such-index" "C example names the missing index"
fi
finish
