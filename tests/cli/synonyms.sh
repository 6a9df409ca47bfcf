#!/usr/bin/env bash
# `capsearch synonyms`: HER2 is explained as the gene ERBB2, as text and JSON, with the default
# lexicon and with an index's lexicon.
source "$(dirname "$0")/common.bash"

expect_status 0 "$CAPSEARCH" synonyms HER2
expect_grep "$WORK/out" "ERBB2" "HER2 expands to ERBB2"
expect_status 0 "$CAPSEARCH" synonyms --format json HER2
json_check "$WORK/out" '"ERBB2" in json.dumps(j) and j["name"] == "HER2"'

expect_status 0 "$CAPSEARCH" index --db "$WORK/db" "$ROOT"/corpus/*.txt
expect_status 0 "$CAPSEARCH" synonyms --db "$WORK/db" --format json HER2
json_check "$WORK/out" '"ERBB2" in json.dumps(j)'
expect_status 2 "$CAPSEARCH" synonyms --db "$WORK/db" --lexicon "$WORK/x.tsv" HER2
expect_status 2 "$CAPSEARCH" synonyms --db "$WORK/no-such-index" HER2
expect_grep "$WORK/err" "no-such-index" "missing index named"
expect_status 2 "$CAPSEARCH" synonyms
finish
