#!/usr/bin/env bash
# Organisms as people write them: --organism and organism: take common names (singular and plural),
# a genus, a species with its strains, "E. coli"; a name that stands for no organism of the index is
# exit 2 naming the closest known ones.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
record() {  # record ID ORGANISM
  printf -- '---\nfigid: %s\nfigtitle: Signaling in %s\nyear: 2020\norganisms:\n- %s\n---\n' \
    "$1" "$2" "$2" >"$WORK/records/$1.md"
}
record H1 "Homo sapiens"
record M1 "Mus musculus"
record E1 "Escherichia coli"
record E2 "Escherichia coli BL21DE3"
record D1 "Drosophila melanogaster"
record D2 "Drosophila simulans"
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$WORK/records"

# figids NAME... : the sorted figids of `search --organism NAME` (each NAME one --organism).
figids() {
  local args=()
  for o in "$@"; do args+=(--organism "$o"); done
  "$CAPSEARCH" search --db "$DB" --format json --limit 100 "${args[@]}" signaling |
    python3 -c 'import json, sys; print(" ".join(sorted(h["figid"] for h in json.load(sys.stdin)["hits"])))'
}
check() {  # check WANT NAME...
  local want=$1
  shift
  local got
  got=$(figids "$@")
  [ "$got" = "$want" ] || fail "--organism $*: got '$got', wanted '$want'"
}
check "M1" mouse
check "M1" mice
check "H1" humans
check "H1" Human
check "D1" flies
check "D1 D2" Drosophila
check "E1 E2" "Escherichia coli"
check "E2" "Escherichia coli BL21DE3"
check "E1 E2" "E. coli"
check "E1 E2" ecoli
check "D1 M1" "D. melanogaster" mice

expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --limit 100 'organism:mice OR organism:drosophila'
json_check "$WORK/out" 'sorted(h["figid"] for h in j["hits"]) == ["D1", "D2", "M1"]'
# In a query, an organism the index lacks matches nothing (no error): the query stays answerable.
expect_status 1 "$CAPSEARCH" search --db "$DB" 'organism:zebrafish'

expect_status 2 "$CAPSEARCH" search --db "$DB" --organism mices signaling
expect_grep "$WORK/err" "no figure of organism 'mices' in the index; the closest known organisms: Mus musculus" \
  "closest organisms"
expect_status 2 "$CAPSEARCH" search --db "$DB" --organism zebrafish signaling
expect_grep "$WORK/err" "no figure of organism 'zebrafish'" "a common name the index lacks"
finish
