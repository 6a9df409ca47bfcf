#!/usr/bin/env bash
# Remote shards (xapian-tcpsrv on 127.0.0.1) answer exactly as one local index over the same records:
# totals, facets and hits, in each sort order, with filters and at every page size (issue 11, bug 1:
# facets sorted by year used to over-count at limits 3..10).
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"
source "$(dirname "$0")/same_search.bash"
need_shared
need_tcpsrv

# Two shards: every other record file of the real corpus in each.
split_corpus
for db in one:"$SHARED/corpus/pfocr" s1:"$WORK/part1" s2:"$WORK/part2"; do
  expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/${db%%:*}" "${db#*:}"
done
serve_shards "$WORK/stub" "$WORK/s1" "$WORK/s2"

# same ARGS... : `search --format json ARGS` gives the same answer on the stub as on one index.
same() { same_search "$WORK/one" "$WORK/stub" "$@"; }

for sort in relevance year; do
  for limit in 0 1 3 5 10 1000; do
    same --facets --sort "$sort" --limit "$limit" Akt
    same --facets --sort "$sort" --limit "$limit" --organism mouse
    same --facets --sort "$sort" --limit "$limit" --year 2015.. 'HER2 OR EGFR'
  done
  same --facets --sort "$sort" --limit 4 --offset 3 --organism 'Homo sapiens' --year ..2022 signaling
  same --facets --sort "$sort" --limit 7 ''
done

# The numbers of issue 11: Akt sorted by year at limit 5 counts 2023 and Homo sapiens once per figure.
"$CAPSEARCH" search --format json --db "$WORK/stub" --facets --sort year --limit 5 Akt >"$WORK/akt.json"
"$CAPSEARCH" search --format json --db "$WORK/one" --facets --limit 0 Akt >"$WORK/akt-one.json"
python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if a["facets"] == b["facets"] and a["facets"]["year"] else 1)' "$WORK/akt.json" "$WORK/akt-one.json" ||
  fail "Akt facets sorted by year over remote shards differ from the unpaged count"

finish
