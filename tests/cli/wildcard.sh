#!/usr/bin/env bash
# Prefix wildcards: `apopt*` finds every index word starting so (also in a field), past the documented
# expansion limit (200 words) the search is a query error (exit 2) and never a silent cut; a bare `*`
# matches every figure; a wildcard that is not one word and a final * is a query error.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
record() {  # record ID TITLE CAPTION
  printf -- '---\nfigid: %s\nfigtitle: %s\nyear: 2020\ncaption: %s\n---\n' "$1" "$2" "$3" >"$WORK/records/$1.md"
}
record A1 "Apoptosis pathway" "Caspases execute apoptosis."
record A2 "Cell death" "Apoptotic bodies are cleared."
record A3 "Apoptosome assembly" "Cytochrome c release."
record K1 "Kinase cascade" "MAPK signaling."
# 250 distinct words starting with "zq": more than a wildcard may stand for.
many=$(python3 -c 'import itertools; print(" ".join("zq" + "".join(p) for p in itertools.islice(itertools.product("abcdefghij", repeat=3), 250)))')
record Z1 "Many words" "$many"
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$WORK/records"

ids() { python3 -c 'import json, sys; print(" ".join(sorted(h["figid"] for h in json.load(open(sys.argv[1]))["hits"])))' "$WORK/out"; }

expect_status 0 "$CAPSEARCH" search --db "$DB" --format json apopt*
[ "$(ids)" = "A1 A2 A3" ] || fail "apopt*: $(ids)"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json 'Apopt*'
[ "$(ids)" = "A1 A2 A3" ] || fail "Apopt*: $(ids)"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json 'title:apopt*'
[ "$(ids)" = "A1 A3" ] || fail "title:apopt*: $(ids)"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json 'apopt* -caspases'
[ "$(ids)" = "A2 A3" ] || fail "apopt* -caspases: $(ids)"
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json 'nosuchprefix*'

expect_status 0 "$CAPSEARCH" search --db "$DB" --format json '*'
json_check "$WORK/out" 'j["total"] == 5'

expect_status 2 "$CAPSEARCH" search --db "$DB" 'zq*'
expect_grep "$WORK/err" "a wildcard matches too many words of the index (more than 200)" "expansion limit"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json 'zqaa*'
json_check "$WORK/out" 'j["total"] == 1'

# A malformed wildcard is an error with --strict; by default its '*' is read as a space, with a note.
expect_status 2 "$CAPSEARCH" search --db "$DB" --strict 'ap*opt*'
expect_grep "$WORK/err" "a wildcard is one word and a final *" "malformed wildcard"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json 'apoptosis*caspases'
json_check "$WORK/out" '"read as '"'"'apoptosis caspases'"'"'" in j["query_note"] and j["total"] >= 1'
expect_grep "$WORK/err" "as a space (a wildcard is one word and a final *" "malformed wildcard read past"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json '***'
json_check "$WORK/out" 'j["total"] == 5 and j["query_note"] is not None'
finish
