#!/usr/bin/env bash
# Did you mean: a query that matches few figures gets a corrected query from the index's words (text
# and JSON), --no-suggest turns it off, filters count, and gene names are never corrected; the index's
# words are read from its list of them (schema/vocabulary.hpp), locally and over a remote shard.
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"

mkdir -p "$WORK/records"
record() {  # record ID YEAR ORGANISM CAPTION
  printf -- '---\nfigid: %s\nfigtitle: Figure %s\nyear: %s\norganisms:\n- %s\ncaption: %s\n---\n' \
    "$1" "$1" "$2" "$3" "$4" >"$WORK/records/$1.md"
}
record F1 2010 "Homo sapiens" "Chronic inflammation drives Smad signaling."
record F2 2012 "Homo sapiens" "Inflammation and apoptosis in the liver."
record F3 2014 "Mus musculus" "Inflammation resolves after Smad activation."
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$WORK/records"

expect_status 1 "$CAPSEARCH" search --db "$DB" inflamation
expect_grep "$WORK/out" "0 figures match" "no match"
expect_grep "$WORK/out" "Did you mean: inflammation?" "text suggestion"

expect_status 1 "$CAPSEARCH" search --db "$DB" --format json Inflamation OR apoptsis
json_check "$WORK/out" 'j["total"] == 0 and j["suggestion"] == "Inflammation OR apoptosis"'

expect_status 1 "$CAPSEARCH" search --db "$DB" --no-suggest inflamation
expect_no_grep "$WORK/out" "Did you mean" "--no-suggest"
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json --no-suggest inflamation
json_check "$WORK/out" 'j["suggestion"] is None'

# The corrected query must match more figures under the same filters: none in 2016.
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json --year 2016 inflamation
json_check "$WORK/out" 'j["suggestion"] is None'
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json --organism "Mus musculus" inflamation
json_check "$WORK/out" 'j["suggestion"] == "inflammation"'

# Enough hits: no suggestion; a gene name near an index word stays as written.
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json inflammation
json_check "$WORK/out" 'j["total"] == 3 and j["suggestion"] is None'
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json smadd
json_check "$WORK/out" 'j["suggestion"] is None'

# A typo in the first letter, words inside a phrase, an accented letter.
expect_status 1 "$CAPSEARCH" search --db "$DB" nflammation
expect_grep "$WORK/out" "Did you mean: inflammation?" "first-letter typo"
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json '"chronic inflamation"'
json_check "$WORK/out" 'j["suggestion"] == "\"chronic inflammation\""'
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json 'inflammatión'
json_check "$WORK/out" 'j["suggestion"] == "inflammation"'

# The index lists its words, and a remote shard answers from its list too (Xapian 1.4's remote
# backend lists metadata keys, though not the spelling table).
expect_status 0 "$CAPSEARCH" stats --db "$DB" --format json
json_check "$WORK/out" 'j["vocabulary_listed"] is True'
expect_status 0 "$CAPSEARCH" stats --db "$DB"
expect_grep "$WORK/out" "did-you-mean reads the index's list of its words" "stats spelling line"
if command -v xapian-tcpsrv >/dev/null; then
  serve_shards "$WORK/stub" "$DB"
  expect_status 0 "$CAPSEARCH" stats --db "$WORK/stub" --format json
  json_check "$WORK/out" 'j["vocabulary_listed"] is True'
  expect_status 1 "$CAPSEARCH" search --db "$WORK/stub" --format json nflammation OR apoptsis
  json_check "$WORK/out" 'j["suggestion"] == "inflammation OR apoptosis"'
else
  echo "remote part SKIPPED (xapian-tcpsrv not installed: apt-get install xapian-tools)"
fi
finish
