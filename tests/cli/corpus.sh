#!/usr/bin/env bash
# On ../shared/corpus/pfocr: all 193 records indexed; for several queries `total` equals the number of
# hits with a large --limit, the facets equal the counts over those hits, and --organism / --year
# return exactly the figures the facets promised (an organism with its strains' figures).
source "$(dirname "$0")/common.bash"
need_shared

DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --format json "$SHARED/corpus/pfocr"
json_check "$WORK/out" 'j["added"] == 193 and j["skipped"] == [] and j["documents"] == 193'
expect_status 0 "$CAPSEARCH" index --db "$DB" --format json "$SHARED/corpus/pfocr"
json_check "$WORK/out" 'j["unchanged"] == 193 and j["added"] == j["updated"] == j["deleted"] == 0'

for query in "" "signaling" "HER2" "insulin OR glucose" "apoptosis" "title:pathway" "\"cell cycle\""; do
  expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --facets --limit 1000 -- "$query"
  cp "$WORK/out" "$WORK/all.json"
  python3 - "$WORK/all.json" >"$WORK/filters" <<'PY' || fail "facets disagree with hits for '$query'"
import collections, json, sys
j = json.load(open(sys.argv[1]))
assert j["total"] == len(j["hits"]), (j["total"], len(j["hits"]))
years = collections.Counter(str(h["year"]) for h in j["hits"] if h["year"] is not None)
orgs = collections.Counter(o for h in j["hits"] for o in h["organisms"])
assert j["facets"]["year"] == dict(years), (j["facets"]["year"], years)
assert j["facets"]["organism"] == dict(orgs), (j["facets"]["organism"], orgs)
assert "NA" not in orgs and "" not in orgs
# Print "organism<TAB>count" and "year<TAB>count" lines for the filter checks below. An organism
# filter also finds the figures of its strains and subspecies ("Escherichia coli BL21DE3").
def covers(name, organism):
    n, o = name.lower(), organism.lower()
    return o == n or o.startswith(n + " ")
for o, _ in sorted(orgs.items())[:4]:
    print(f"organism\t{o}\t{sum(any(covers(o, x) for x in h['organisms']) for h in j['hits'])}")
for y, n in sorted(years.items())[:3]:
    print(f"year\t{y}\t{n}")
PY
  while IFS=$'\t' read -r kind value count; do
    if [ "$kind" = organism ]; then
      expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --limit 0 --organism "$value" -- "$query"
    else
      expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --limit 0 --year "$value" -- "$query"
    fi
    json_check "$WORK/out" "j['total'] == $count"
  done <"$WORK/filters"
done

# A year range equals the sum of the year facet over it.
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --facets --limit 0 signaling
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(sum(n for y, n in j["facets"]["year"].items() if 2010 <= int(y) <= 2015))' "$WORK/out" >"$WORK/want"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --limit 0 --year 2010..2015 signaling
json_check "$WORK/out" "j['total'] == $(cat "$WORK/want")"
finish
