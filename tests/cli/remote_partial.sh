#!/usr/bin/env bash
# enrich, similar, export and stats over two remote shards (xapian-tcpsrv on 127.0.0.1) with one
# stopped: each is an error naming the shard by default; with --allow-partial each answers from the
# other shard, names the missing one (stderr, JSON "partial"/"missing"), and its numbers are those of
# the remaining shard alone. --timeout is accepted and checked by each.
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"
need_shared
need_tcpsrv

# Two shards: every other record file of the real corpus in each.
split_corpus
expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/s1" "$WORK/part1"
expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/s2" "$WORK/part2"
serve_shards "$WORK/stub" "$WORK/s1" "$WORK/s2"
p2=${PORTS[1]}
down="127.0.0.1:$p2"

genes=(TP53 AKT1 EGFR ERBB2 MAPK1 PIK3CA BAX BCL2 MTOR KRAS)
# A figure of the first shard with a gene set, for `similar`.
"$CAPSEARCH" export --db "$WORK/s1" >"$WORK/s1.gmt" 2>"$WORK/err" || fail "export of shard 1: $(cat "$WORK/err")"
figid=$(awk -F'\t' 'NF >= 6 {print $1; exit}' "$WORK/s1.gmt")
[ -n "$figid" ] || fail "no figure with genes in shard 1"

# Both shards up: the commands answer whole (no "partial" key) and accept --timeout.
expect_status 0 "$CAPSEARCH" stats --db "$WORK/stub" --format json --timeout 5
json_check "$WORK/out" "j['documents'] == $CORPUS_FILES and 'partial' not in j"
expect_status 0 "$CAPSEARCH" enrich --db "$WORK/stub" --format json --timeout 5 "${genes[@]}"
json_check "$WORK/out" "'partial' not in j"

stop_tcpsrv "$p2"

# strip FILE : the JSON on FILE without "partial" and "missing", for comparing with one shard.
strip() {
  python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
for key in ("partial", "missing", "path", "size_bytes", "shards"):
    j.pop(key, None)
print(json.dumps(j, sort_keys=True))' "$1"
}

# partial NAME ARGS... : `capsearch ARGS` fails naming the stopped shard (exit 2, as search); with
# --allow-partial it answers, names the shard on stderr, and prints what shard 1 alone prints.
partial() {
  local name=$1 cmd=$2
  shift 2
  expect_status 2 "$CAPSEARCH" "$cmd" --db "$WORK/stub" "$@"
  expect_grep "$WORK/err" "cannot reach the shard '$down'" "$name: shard down"
  expect_grep "$WORK/err" "--allow-partial" "$name: the hint"
  "$CAPSEARCH" "$cmd" --db "$WORK/s1" "$@" >"$WORK/alone" 2>"$WORK/alone.err"
  local want=$?
  expect_status "$want" "$CAPSEARCH" "$cmd" --db "$WORK/stub" --allow-partial --timeout 2 "$@"
  expect_grep "$WORK/err" "partial answer: 1 shard could not be reached and is left out: $down" "$name: note"
}

partial "enrich" enrich --format json "${genes[@]}"
json_check "$WORK/out" "j['partial'] is True and j['missing'] == ['$down'] and j['total'] > 0"
[ "$(strip "$WORK/out")" = "$(strip "$WORK/alone")" ] || fail "enrich: partial answer differs from shard 1 alone"

partial "enrich text" enrich --facets "${genes[@]}"
cmp -s "$WORK/out" "$WORK/alone" || fail "enrich text: partial answer differs from shard 1 alone"

partial "similar" similar --format json "$figid"
json_check "$WORK/out" "j['partial'] is True and j['missing'] == ['$down'] and j['genes']['total'] > 0"
[ "$(strip "$WORK/out")" = "$(strip "$WORK/alone")" ] || fail "similar: partial answer differs from shard 1 alone"

partial "export" export
[ -s "$WORK/out" ] || fail "export: nothing exported"
cmp -s "$WORK/out" "$WORK/alone" || fail "export: partial GMT differs from shard 1 alone"
partial "export with a query" export --organism human apoptosis
cmp -s "$WORK/out" "$WORK/alone" || fail "export with a query: partial GMT differs from shard 1 alone"

partial "stats" stats --format json
json_check "$WORK/out" "j['partial'] is True and j['missing'] == ['$down'] and j['documents'] == $(((CORPUS_FILES + 1) / 2))"
[ "$(strip "$WORK/out")" = "$(strip "$WORK/alone")" ] || fail "stats: partial answer differs from shard 1 alone"
# Its shard list names the shard that answered, not the one left out.
json_check "$WORK/out" "len(j['shards']) == 1 and j['shards'][0]['path'] != '$down' and j['shards'][0]['documents'] == j['documents']"

# --timeout is checked by every command, before any shard is opened.
for cmd in enrich similar export stats; do
  case $cmd in
    enrich) operand=(TP53) ;;
    similar) operand=("$figid") ;;
    *) operand=() ;;
  esac
  for bad in 0 -1 abc 100000; do
    expect_status 2 "$CAPSEARCH" "$cmd" --db "$WORK/stub" --timeout "$bad" "${operand[@]}"
    expect_grep "$WORK/err" "--timeout" "$cmd --timeout $bad"
  done
done

finish
