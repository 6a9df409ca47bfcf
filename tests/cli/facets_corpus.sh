#!/usr/bin/env bash
# The six facets and the journal:/keyword:/disease:/chemical: filters on the real corpus, checked
# against counts computed straight from the records by facet_oracle.py (PyYAML, not capsearch).
source "$(dirname "$0")/common.bash"
need_shared
PY3=/usr/bin/python3  # Debian's, with python3-yaml (a pyenv python3 on PATH may lack it)
"$PY3" -c 'import yaml' 2>/dev/null || { echo "SKIPPED (python3-yaml is not installed for $PY3)"; exit 77; }

DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$SHARED/corpus/pfocr"
"$PY3" "$(dirname "$0")/facet_oracle.py" "$SHARED/corpus/pfocr" >"$WORK/oracle.json" || fail "oracle"
expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --format json --limit 0
cp "$WORK/out" "$WORK/all.json"

python3 - "$WORK/oracle.json" "$WORK/all.json" <<'PY' || fail "facet counts differ from the records"
import json, sys
want = json.load(open(sys.argv[1]))
got = json.loads(open(sys.argv[2]).read().splitlines()[-1])["facets"]
ok = True
for facet in ("year", "organism", "journal", "keyword", "disease", "chemical"):
    if got.get(facet) != want[facet]:
        ok = False
        w, g = want[facet], got.get(facet, {})
        diff = sorted(set(w.items()) ^ set(g.items()))[:6]
        print(f"{facet}: {len(g)} values counted, {len(w)} in the records; differing: {diff}", file=sys.stderr)
    elif not want[facet] and facet != "journal":
        ok = False
        print(f"{facet}: the corpus has no value, so nothing is checked", file=sys.stderr)
sys.exit(0 if ok else 1)
PY

# stats counts every facet over the whole index, and the figures without each, as the records say; its
# text shows each facet's chart within --facet-size rows.
expect_status 0 "$CAPSEARCH" stats --db "$DB" --format json
python3 - "$WORK/oracle.json" "$WORK/out" <<'PY' || fail "stats differs from the records"
import json, sys
want = json.load(open(sys.argv[1]))
got = json.loads(open(sys.argv[2]).read().splitlines()[-1])
facets = ["year", "organism", "journal", "keyword", "disease", "chemical"]
ok = list(got["facets"]) == facets and got["figures_without"] == want["figures_without"]
for facet in facets:
    ok = ok and got["facets"][facet] == want[facet]
if not ok:
    print("stats:", {f: len(got["facets"].get(f, {})) for f in facets}, got["figures_without"],
          "records:", {f: len(want[f]) for f in facets}, want["figures_without"], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
expect_status 0 "$CAPSEARCH" stats --db "$DB" --facet-size 2
for facet in year organism journal keyword disease chemical; do
  expect_grep "$WORK/out" "Figures by $facet" "stats chart of $facet"
done
rows=$(awk '/^Figures by disease/ {on = 1; next} on && /^$/ {exit} on && !/more\)/' "$WORK/out" | wc -l)
[ "$rows" -le 2 ] || fail "stats disease chart has $rows rows with --facet-size 2"
expect_grep "$WORK/out" "more)" "stats --facet-size 2 says how many values are left out"

# Each filter finds exactly the figures its facet counts (the 3 commonest values of each), and ignores
# case. keyword: searches the words of the keywords, so it finds at least the figures counted.
python3 - "$WORK/oracle.json" >"$WORK/filters.tsv" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
for facet in ("journal", "disease", "chemical", "keyword"):
    for value, n in sorted(want[facet].items(), key=lambda kv: (-kv[1], kv[0]))[:3]:
        if '"' not in value:
            print(f"{facet}\t{value}\t{n}")
PY
[ "$(wc -l <"$WORK/filters.tsv")" -ge 9 ] || fail "too few facet values to test filters: $(cat "$WORK/filters.tsv")"
while IFS=$'\t' read -r facet value n; do
  for spelled in "$value" "$(printf '%s' "$value" | tr '[:lower:]' '[:upper:]')"; do
    "$CAPSEARCH" search --db "$DB" --format json --limit 0 "$facet:\"$spelled\"" >"$WORK/f.json" 2>"$WORK/err"
    total=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read())["total"])' "$WORK/f.json")
    if [ "$facet" = keyword ]; then
      [ "$total" -ge "$n" ] || fail "$facet:\"$spelled\" found $total figures, the records have $n"
    else
      [ "$total" = "$n" ] || fail "$facet:\"$spelled\" found $total figures, the records have $n"
    fi
  done
done <"$WORK/filters.tsv"

# --facet chooses facets; text output stays within --facet-size rows per facet.
expect_status 0 "$CAPSEARCH" search --db "$DB" --facet disease --facet journal --format json --limit 0
json_check "$WORK/out" 'sorted(j["facets"]) == ["disease", "journal"]'
expect_status 2 "$CAPSEARCH" search --db "$DB" --facet nosuch --limit 0
expect_grep "$WORK/err" "no facet 'nosuch'" "unknown facet named"
expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --facet-size 3 --limit 0
for facet in year organism journal keyword disease chemical; do
  expect_grep "$WORK/out" "Figures by $facet" "text chart of $facet"
done
rows=$(awk '/^Figures by keyword/ {on = 1; next} on && /^$/ {exit} on && !/more\)/' "$WORK/out" | wc -l)
[ "$rows" -le 3 ] || fail "keyword chart has $rows rows with --facet-size 3"
finish
