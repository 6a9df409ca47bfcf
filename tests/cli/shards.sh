#!/usr/bin/env bash
# `capsearch index --shards N`: a sharded index answers exactly as one index over the same records
# (totals, facets, hits in each sort order, with filters), and every figure is in exactly one shard,
# the one the documented hash of its figid names (FNV-1a 64 modulo N, schema/shard_route.hpp).
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/same_search.bash"
source "$(dirname "$0")/tcpsrv.bash"

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

# Of the last corpus (the real one when present): stats lists the shards (text and JSON), check finds
# them healthy.
expect_status 0 "$CAPSEARCH" stats --db "$sharded" --format json
json_check "$WORK/out" 'len(j["shards"]) == 3 and sum(s["documents"] for s in j["shards"]) == j["documents"] and all(s["size_bytes"] > 0 and "/shard-" in s["path"] for s in j["shards"]) and j["size_bytes"] == sum(s["size_bytes"] for s in j["shards"])'
expect_status 0 "$CAPSEARCH" stats --db "$sharded"
expect_grep "$WORK/out" "$sharded/shard-2/" "stats text lists the shards"
expect_status 0 "$CAPSEARCH" stats --db "$one" --format json
json_check "$WORK/out" 'j["shards"] == []'
expect_status 0 "$CAPSEARCH" check --db "$sharded"
# compact rewrites every shard into a new generation, switched together.
old_gen=$(head -1 "$sharded/XAPIANDB")
expect_status 0 "$CAPSEARCH" compact --db "$sharded"
[ "$(head -1 "$sharded/XAPIANDB")" != "$old_gen" ] || fail "compact did not switch the shards"
expect_status 0 "$CAPSEARCH" check --db "$sharded"
shards_hold "$sharded" 3
same_search "$one" "$sharded" --facets --sort year --limit 1000 ''

# The shards served by xapian-tcpsrv (each shard folder, as the README says) behind a stub written by
# `capsearch stub --remote` answer as one index too.
if command -v xapian-tcpsrv >/dev/null; then
  serve p0 "$sharded/shard-0"
  serve p1 "$sharded/shard-1"
  serve p2 "$sharded/shard-2"
  expect_status 0 "$CAPSEARCH" stub --remote "127.0.0.1:$p0" --remote "127.0.0.1:$p1" \
    --remote "127.0.0.1:$p2" -o "$WORK/remote.stub"
  expect_status 0 "$CAPSEARCH" check --db "$WORK/remote.stub"
  for sort in relevance year; do
    same_search "$one" "$WORK/remote.stub" --facets --sort "$sort" --limit 3 --year 2015.. 'HER2 OR EGFR'
    same_search "$one" "$WORK/remote.stub" --facets --sort "$sort" --limit 1000 Akt
  done
  expect_status 0 "$CAPSEARCH" stats --db "$WORK/remote.stub" --format json
  json_check "$WORK/out" 'len(j["shards"]) == 3 and sum(s["documents"] for s in j["shards"]) == j["documents"]'
  stop_all_tcpsrv
else
  echo "note: xapian-tcpsrv not installed: serving the shards is not tested"
fi

# Sync: the same edits applied to one index and to 3 shards keep them answering alike, and every
# figure in its one shard (a changed figid moves the figure to the shard its new figid names).
mkdir -p "$WORK/recs"
find "${CORPORA[-1]}" -name '*.md' -o -name '*.txt' | sort | head -40 | xargs cp -t "$WORK/recs"
expect_status 0 "$CAPSEARCH" index --quiet --ext .txt,.md --db "$WORK/sync-one" "$WORK/recs"
expect_status 0 "$CAPSEARCH" index --quiet --ext .txt,.md --shards 3 --db "$WORK/sync-sharded" "$WORK/recs"

# sync_both WHAT : syncs both indexes (without --shards: the sharded one keeps its 3), which must
# report the same counts and answer alike.
sync_both() {
  expect_status 0 "$CAPSEARCH" index --ext .txt,.md --format json --db "$WORK/sync-one" "$WORK/recs"
  tail -1 "$WORK/out" | python3 -c 'import json, sys; j = json.load(sys.stdin); print({k: j[k] for k in ("added", "updated", "deleted", "unchanged", "documents")})' >"$WORK/one.counts"
  expect_status 0 "$CAPSEARCH" index --ext .txt,.md --format json --db "$WORK/sync-sharded" "$WORK/recs"
  tail -1 "$WORK/out" | python3 -c 'import json, sys; j = json.load(sys.stdin); print({k: j[k] for k in ("added", "updated", "deleted", "unchanged", "documents")})' >"$WORK/sharded.counts"
  cmp -s "$WORK/one.counts" "$WORK/sharded.counts" ||
    fail "$1: one index synced $(cat "$WORK/one.counts"), the shards $(cat "$WORK/sharded.counts")"
  cp "$WORK/sharded.counts" "$WORK/last.counts"
  shards_hold "$WORK/sync-sharded" 3
  same_search "$WORK/sync-one" "$WORK/sync-sharded" --facets --sort year --limit 1000 ''
  same_search "$WORK/sync-one" "$WORK/sync-sharded" --facets --limit 1000 'zyxedited OR signaling'
}
counts_are() { expect_grep "$WORK/last.counts" "$2" "$1"; }

sync_both "no change"
counts_are "no change" "'added': 0, 'updated': 0, 'deleted': 0"
files=("$WORK"/recs/*)
sed -i '0,/ the / s// the zyxedited /' "${files[0]}"
grep -q zyxedited "${files[0]}" || fail "the edit of ${files[0]} did not happen"
sync_both "edited caption"
counts_are "edited caption" "'added': 0, 'updated': 1, 'deleted': 0"
sed 's/^figid: \(.*\)$/figid: \1-copy/' "${files[1]}" >"$WORK/recs/added-copy.md"
sync_both "added record"
counts_are "added record" "'added': 1, 'updated': 0, 'deleted': 0"
rm "${files[2]}"
sync_both "deleted record"
counts_are "deleted record" "'added': 0, 'updated': 0, 'deleted': 1"
mv "${files[3]}" "$WORK/recs/renamed.md"
sync_both "renamed file"
counts_are "renamed file" "'added': 0, 'updated': 1, 'deleted': 0"
# New figids for several files, so that some surely hash to another shard.
for f in "${files[@]:4:6}"; do sed -i 's/^figid: \(.*\)$/figid: \1-moved/' "$f"; done
sync_both "changed figids"
counts_are "changed figids" "'added': 6, 'updated': 0, 'deleted': 6"

# Another shard count is an error naming the fix; --rebuild re-shards (3 -> 2, then back to one index).
expect_status 2 "$CAPSEARCH" index --ext .txt,.md --shards 2 --db "$WORK/sync-sharded" "$WORK/recs"
expect_grep "$WORK/err" "has 3 shards, not 2: add --rebuild to re-shard it" "shard count mismatch"
expect_status 2 "$CAPSEARCH" index --ext .txt,.md --shards 2 --db "$WORK/sync-one" "$WORK/recs"
expect_grep "$WORK/err" "has 1 shard, not 2: add --rebuild" "one index given --shards"
expect_status 0 "$CAPSEARCH" index --ext .txt,.md --format json --rebuild --shards 2 --db "$WORK/sync-sharded" "$WORK/recs"
json_check "$WORK/out" 'j["rebuilt"] and j["added"] == 0 and j["deleted"] == 0 and j["documents"] == j["updated"]'
shards_hold "$WORK/sync-sharded" 2
same_search "$WORK/sync-one" "$WORK/sync-sharded" --facets --sort year --limit 1000 ''
expect_status 0 "$CAPSEARCH" index --quiet --ext .txt,.md --rebuild --shards 1 --db "$WORK/sync-sharded" "$WORK/recs"
[ -e "$WORK/sync-sharded/shard-0" ] && fail "shards left after a rebuild into one index"
same_search "$WORK/sync-one" "$WORK/sync-sharded" --facets --sort year --limit 1000 ''

# Killed runs (kill -9 at an injected point): a sync killed between batches leaves whole batches and
# the next run completes it; a re-shard killed after its merges, before its switch, leaves the old
# shards live and its leftovers are removed by the next run.
expect_status 0 "$CAPSEARCH" index --quiet --ext .txt,.md --rebuild --shards 3 --db "$WORK/sync-sharded" "$WORK/recs"
for f in "${files[@]:10:8}"; do sed -i '0,/ the / s// the zyxkilled /' "$f"; done
(CAPSEARCH_FAULT_KILL=sync-record:3 "$CAPSEARCH" index --quiet --ext .txt,.md --batch-size 2 \
  --db "$WORK/sync-sharded" "$WORK/recs") 2>/dev/null
[ $? = 137 ] || fail "the sync was not killed at its third record"
# Its first batch (2 records) was committed in every shard: the next sync updates the other 6.
expect_status 0 "$CAPSEARCH" index --ext .txt,.md --format json --db "$WORK/sync-sharded" "$WORK/recs"
json_check "$WORK/out" 'j["updated"] == 6 and j["added"] == j["deleted"] == 0 and j["documents"] == 40'
expect_status 0 "$CAPSEARCH" index --quiet --ext .txt,.md --db "$WORK/sync-one" "$WORK/recs"
shards_hold "$WORK/sync-sharded" 3
same_search "$WORK/sync-one" "$WORK/sync-sharded" --facets --limit 1000 'zyxkilled OR signaling'
(CAPSEARCH_FAULT_KILL=build-merged:1 "$CAPSEARCH" index --quiet --ext .txt,.md --rebuild --shards 2 \
  --db "$WORK/sync-sharded" "$WORK/recs") 2>/dev/null
[ $? = 137 ] || fail "the re-shard was not killed after its merges"
shards_hold "$WORK/sync-sharded" 3
same_search "$WORK/sync-one" "$WORK/sync-sharded" --facets --limit 1000 'zyxkilled OR signaling'
sync_both "sync after a killed re-shard"
[ "$(ls "$WORK/sync-sharded/shard-0" | wc -l)" = 2 ] || fail "leftovers in shard-0: $(ls "$WORK/sync-sharded/shard-0")"

finish
