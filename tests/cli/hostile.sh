#!/usr/bin/env bash
# Hostile input (issue 13): deeply nested and huge queries, long hyphen chains and slash lists,
# special files, oversized records; each is refused or skipped with one clear line, never a crash.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
printf -- '---\nfigid: HOST1__f1\nfigtitle: Hedgehog pathway\ncaption: Smoothened and Gli activate HER2.\nyear: "2015"\n---\n' \
  >"$WORK/records/good.md"
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" "$WORK/records"

# 1. A query of 10,000 nested parentheses (and 120,000 unclosed ones) is one line and exit 2.
deep=$(printf '%.0s(' $(seq 10000))a$(printf '%.0s)' $(seq 10000))
expect_status 2 "$CAPSEARCH" search --db "$DB" "$deep"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "deep query: not one line: $(head -c 300 "$WORK/err")"
expect_grep "$WORK/err" "query too long" "20 KB query"
expect_status 2 "$CAPSEARCH" search --db "$DB" "$(printf '%.0s(' $(seq 120000))"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "unclosed query: not one line"
deep=$(printf '%.0s(' $(seq 65))a$(printf '%.0s)' $(seq 65))
expect_status 2 "$CAPSEARCH" search --db "$DB" "$deep"
expect_grep "$WORK/err" "query too deeply nested (more than 64 levels)" "65 levels"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "65 levels: not one line"

finish
