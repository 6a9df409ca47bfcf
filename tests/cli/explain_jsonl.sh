#!/usr/bin/env bash
# --explain (text breakdown and JSON "explanation" whose weights add up to each hit's score) and
# --format jsonl (a line per hit, then one summary line).
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
record() {  # record ID YEAR CAPTION
  printf -- '---\nfigid: %s\nfigtitle: Figure %s\nyear: %s\norganisms:\n- Homo sapiens\ncaption: %s\n---\n' \
    "$1" "$1" "$2" "$3" >"$WORK/records/$1.md"
}
record F1 2010 "Chronic inflammation drives Smad signaling in apoptotic cells."
record F2 2012 "Inflammation and apoptosis in the liver."
record F3 2014 "ErbB2 amplification and apoptosis resistance."
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$WORK/records"

expect_status 0 "$CAPSEARCH" search --db "$DB" --explain --color never inflammation apopt*
expect_grep "$WORK/out" "  inflammation  [caption: inflammation]" "a word's part line"
expect_grep "$WORK/out" "  apopt*  [caption: apoptotic]" "a wildcard's part line, with the word it stood for"
grep -q "^   score [0-9.]* = [0-9.]*  inflammation" "$WORK/out" || fail "the score line"

expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --explain HER2 OR inflammation
json_check "$WORK/out" 'all(abs(sum(p["weight"] for p in h["explanation"]) - h["score"]) < 1e-9 for h in j["hits"]) and len(j["hits"]) == 3'
json_check "$WORK/out" '[p["matched"] for h in j["hits"] for p in h["explanation"] if p["part"] == "HER2"] == [["ERBB2"]]'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json inflammation
json_check "$WORK/out" 'all("explanation" not in h for h in j["hits"])'

expect_status 0 "$CAPSEARCH" search --db "$DB" --format jsonl --limit 1 inflammation
python3 - "$WORK/out" <<'PY' || fail "jsonl lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
assert [l["type"] for l in lines] == ["hit", "summary"], lines
assert lines[0]["rank"] == 1 and lines[0]["figid"] in ("F1", "F2")
assert lines[1]["total"] == 2 and lines[1]["limit"] == 1 and "hits" not in lines[1]
PY
expect_status 1 "$CAPSEARCH" search --db "$DB" --format jsonl inflamation
json_check "$WORK/out" 'j["type"] == "summary" and j["total"] == 0 and j["suggestion"] == "inflammation"'
finish
