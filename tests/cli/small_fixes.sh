#!/usr/bin/env bash
# Issue 14's small items: indexing paths without record files says so and exits 1; --limit 0 says
# why no hit is shown; compact has --format json; synonyms takes each argument as one name.
source "$(dirname "$0")/common.bash"

# 1. No record files: a folder of .txt with the default --ext .md.
mkdir -p "$WORK/txt"
cp "$ROOT/corpus/"*.txt "$WORK/txt/"
expect_status 1 "$CAPSEARCH" index --db "$WORK/db" "$WORK/txt"
expect_grep "$WORK/err" "capsearch: no record files in $WORK/txt (folders are searched for .md files" "no record files"
expect_status 1 "$CAPSEARCH" index --db "$WORK/db" --format json "$WORK/txt"
json_check "$WORK/out" 'j["files_found"] == 0'
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --ext .txt --format json "$WORK/txt"
json_check "$WORK/out" 'j["files_found"] == 2 and j["added"] == 2'
expect_no_grep "$WORK/err" "no record files" "records found but reported missing"

# 2. --limit 0.
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --limit 0 HER2
expect_grep "$WORK/out" "2 figures match (none shown: --limit 0)" "--limit 0"
expect_no_grep "$WORK/out" "after offset" "--limit 0"

# 3. compact --format json.
expect_status 0 "$CAPSEARCH" compact --db "$WORK/db" --format json
json_check "$WORK/out" 'j["path"].endswith("/db") and j["size_before"] > 0 and j["size_after"] > 0'

# 4. synonyms: one name per argument.
expect_status 0 "$CAPSEARCH" synonyms --format json HER2 Akt
[ "$(wc -l <"$WORK/out")" = 2 ] || fail "synonyms HER2 Akt: not two JSON lines: $(cat "$WORK/out")"
python3 -c 'import json,sys; a,b=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if a["expands_to"]==["ERBB2"] and "AKT" in b["families"] else 1)' "$WORK/out" ||
  fail "synonyms HER2 Akt: wrong explanations: $(cat "$WORK/out")"
expect_status 0 "$CAPSEARCH" synonyms HER2 Akt
expect_grep "$WORK/out" "name:      HER2" "text, first name"
expect_grep "$WORK/out" "name:      Akt" "text, second name"
expect_status 0 "$CAPSEARCH" synonyms --format json "TNF alpha"
[ "$(wc -l <"$WORK/out")" = 1 ] || fail "a quoted name with a space is one name"

finish
