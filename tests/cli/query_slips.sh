#!/usr/bin/env bash
# Lenient queries (issue 14): syntax slips are answered with a one-line note on stderr (JSON
# "query_note"), --strict makes them errors; unknown fields and boosting are named errors either way.
source "$(dirname "$0")/common.bash"

DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" "$ROOT/corpus/"*.txt

# 1. Slips: answered, with the note saying how the query was read.
expect_status 0 "$CAPSEARCH" search --db "$DB" 'HER2 (signaling'
expect_grep "$WORK/err" "capsearch: note: query read as 'HER2 (signaling)': added the missing ')' for the '(' at column 6" "unclosed ("
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "the note is not one line: $(cat "$WORK/err")"
expect_status 0 "$CAPSEARCH" search --db "$DB" '"HER2 signal'
expect_grep "$WORK/err" "read the unclosed quote to the end of the query at column 1" "unclosed quote"
expect_status 0 "$CAPSEARCH" search --db "$DB" 'HER2 NOT'
expect_grep "$WORK/err" "left out the 'NOT' at column 6 (no term after it)" "dangling NOT"
expect_status 0 "$CAPSEARCH" search --db "$DB" 'trastuzumab() HER2'
expect_grep "$WORK/err" "left out the empty parentheses at column 12" "empty parentheses"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json 'HER2"'
json_check "$WORK/out" 'j["query_note"].startswith("query read as '"'"'HER2'"'"': left out the unpaired") and j["total"] > 0'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json HER2
json_check "$WORK/out" 'j["query_note"] is None'
[ ! -s "$WORK/err" ] || fail "a query without slips has no note: $(cat "$WORK/err")"

# 2. --strict: each slip is an error (exit 2, one line).
for q in 'HER2 (signaling' '"HER2 signal' 'HER2 NOT' 'trastuzumab() HER2' 'HER2"'; do
  expect_status 2 "$CAPSEARCH" search --db "$DB" --strict "$q"
  expect_grep "$WORK/err" "capsearch: error: query error at column" "--strict $q"
done

# 3. Mistakes are named in both modes.
for mode in "" --strict; do
  expect_status 2 "$CAPSEARCH" search --db "$DB" $mode titel:apoptosis
  expect_grep "$WORK/err" "unknown field 'titel:'; did you mean 'title:'? (the fields are title:, caption:, paper:, gene:, year:, organism:, figid:, pmcid:, journal:, keyword:, disease:, chemical:, author:)" "titel:"
  expect_status 2 "$CAPSEARCH" search --db "$DB" $mode abstract:nature
  expect_grep "$WORK/err" "unknown field 'abstract:'" "abstract:"
  expect_status 2 "$CAPSEARCH" search --db "$DB" $mode 'HER2^2'
  expect_grep "$WORK/err" "boosting ('HER2^2') is not supported" "boosting"
done
expect_status 0 "$CAPSEARCH" search --db "$DB" "HER2 OR 3':UTR OR site:x"  # colons in words stay text

finish
