#!/usr/bin/env bash
# `capsearch index --shards N`: a sharded index answers exactly as one index over the same records
# (totals, facets, hits in each sort order, with filters), and every figure is in exactly one shard,
# the one the documented hash of its figid names (FNV-1a 64 modulo N, schema/shard_route.hpp).
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/same_search.bash"

# shards_hold DB N : DB has N shards, each searchable alone, every figure of DB in exactly one of them
# and in the shard its figid hashes to.
shards_hold() {
  local db=$1 n=$2 k
  # (Exit status 1: nothing found, as in an empty shard.)
  "$CAPSEARCH" search --db "$db" --format json --limit 100000 '' >"$WORK/all.json" || fail "search $db"
  for ((k = 0; k < n; k++)); do
    "$CAPSEARCH" search --db "$db/shard-$k" --format json --limit 100000 '' >"$WORK/shard-$k.json" ||
      [ $? = 1 ] || fail "search $db/shard-$k alone"
  done
  [ -e "$db/shard-$n" ] && fail "$db has a shard-$n folder beyond its $n shards"
  python3 - "$WORK/all.json" "$n" "$WORK"/shard-*.json <<'PY' || fail "$db: figures not in exactly one shard"
import json, sys
def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
every = [h["figid"] for h in json.load(open(sys.argv[1]))["hits"]]
n = int(sys.argv[2])
seen = {}
for k in range(n):
    for h in json.load(open(f"{sys.argv[1].rsplit('/', 1)[0]}/shard-{k}.json"))["hits"]:
        f = h["figid"]
        assert f not in seen, f"{f} in shard {seen[f]} and {k}"
        seen[f] = k
        assert fnv1a64(f.encode()) % n == k, f"{f} in shard {k}, its hash names {fnv1a64(f.encode()) % n}"
assert sorted(seen) == sorted(every) and len(every) == len(set(every)), "shards do not hold DB's figures"
PY
  rm -f "$WORK"/shard-*.json
}

# The bundled corpus (two records) and, with ../shared, the real one (193).
mkdir -p "$WORK/bundled"
cp "$ROOT"/corpus/*.txt "$WORK/bundled/"
CORPORA=("$WORK/bundled")
if [ -d "$SHARED/corpus/pfocr" ]; then
  CORPORA+=("$SHARED/corpus/pfocr")
elif [ "${CAPSEARCH_REQUIRE_SHARED:-0}" = 1 ]; then
  fail "../shared is required (CAPSEARCH_REQUIRE_SHARED=1) but not found at $SHARED"
else
  echo "note: no ../shared at $SHARED: only the bundled corpus is tested"
fi

c=0
for corpus in "${CORPORA[@]}"; do
  c=$((c + 1))
  one="$WORK/one$c" sharded="$WORK/sharded$c"
  expect_status 0 "$CAPSEARCH" index --quiet --ext .txt,.md --db "$one" "$corpus"
  expect_status 0 "$CAPSEARCH" index --ext .txt,.md --format json --shards 3 --db "$sharded" "$corpus"
  total=$(find "$corpus" -name '*.md' -o -name '*.txt' | wc -l)
  json_check "$WORK/out" "j['added'] == $total and j['documents'] == $total and j['skipped'] == []"
  shards_hold "$sharded" 3
  for sort in relevance year; do
    for limit in 0 3 1000; do
      same_search "$one" "$sharded" --facets --sort "$sort" --limit "$limit" Akt
      same_search "$one" "$sharded" --facets --sort "$sort" --limit "$limit" --organism 'Homo sapiens' signaling
      same_search "$one" "$sharded" --facets --sort "$sort" --limit "$limit" --year 2015.. 'HER2 OR EGFR'
    done
    same_search "$one" "$sharded" --facets --sort "$sort" --limit 4 --offset 3 --year ..2022 pathway
  done
  # Every figure: all score alike, so only the year order is defined (relevance ties go by document id).
  same_search "$one" "$sharded" --facets --sort year --limit 1000 ''
  same_search "$one" "$sharded" --limit 1000 'figid:PMC3808214__brc-0008-0256-g02'
done

finish
