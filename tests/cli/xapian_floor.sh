#!/usr/bin/env bash
# bench/xapian_floor (bench/INDEXING.md, "The floor under the targets") writes exactly the documents it
# read, in each of its variants, and its words-only index finds the figures capsearch finds for an
# unfielded phrase: so the floor it measures is the floor of capsearch's own documents.
source "$(dirname "$0")/common.bash"
FLOOR=$(dirname "$CAPSEARCH")/bench/xapian_floor
if [ ! -x "$FLOOR" ]; then
  echo "SKIPPED (no $FLOOR: the benchmark programs were not built, CAPSEARCH_BUILD_BENCH=OFF)"
  exit 77
fi

expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --quiet "$ROOT/tests/fixtures/records/good"

expect_status 0 "$FLOOR" "$WORK/db" "$WORK/copy" --threads 2 --verify
expect_grep "$WORK/out" "verified: 8 documents as read" "a copy of every term, position, value and datum"
head -1 "$WORK/out" > "$WORK/copy.json"
json_check "$WORK/copy.json" 'j["documents"] == 8 and j["postings"] > 8 * 100 and j["positions"] > 0'

expect_status 0 "$FLOOR" "$WORK/db" "$WORK/lean" --without-unprefixed --without-positions --verify
expect_grep "$WORK/out" "verified: 8 documents as read" "the variant without copies and positions"
head -1 "$WORK/out" > "$WORK/lean.json"
json_check "$WORK/lean.json" 'j["positions"] == 0'
python3 -c 'import json, sys
full, lean = (json.loads(open(f).read()) for f in sys.argv[1:])
sys.exit(0 if lean["postings"] < full["postings"] else 1)' "$WORK/copy.json" "$WORK/lean.json" ||
  fail "leaving out the unprefixed copies leaves fewer postings"

expect_status 0 "$FLOOR" "$WORK/db" "$WORK/words" --words-only --verify
expect_grep "$WORK/out" "verified: 8 documents as read" "the words-only variant"

# The same figures for the phrase, found by Xapian's phrase over the words-only index.
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json --limit 0 '"signaling pathway"'
want=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["total"])' "$WORK/out")
[ "$want" -gt 0 ] || fail "the fixtures hold the phrase (capsearch found $want figures)"
expect_status 0 "$FLOOR" --query "$WORK/words/index" --phrase "signaling pathway" --rounds 3
json_check "$WORK/out" "j['total'] == $want and j['documents'] == 8 and j['year_facet']"

# A term per pair of adjacent words answers the same two-word phrase without positions.
expect_status 0 "$FLOOR" "$WORK/db" "$WORK/pairs" --words-only --pairs --without-positions --verify
expect_grep "$WORK/out" "verified: 8 documents as read" "the pairs variant"
expect_status 0 "$FLOOR" --query "$WORK/pairs/index" --pair "signaling pathway" --rounds 3
json_check "$WORK/out" "j['total'] == $want and j['pair'] == 'signaling pathway'"

# A copy never lands on an existing folder; a missing source is an error naming it.
expect_status 2 "$FLOOR" "$WORK/db" "$WORK/copy"
expect_grep "$WORK/err" "exists" "an existing output folder"
expect_status 1 "$FLOOR" "$WORK/nothing-here" "$WORK/other"
expect_grep "$WORK/err" "nothing-here" "the missing source is named"
finish
