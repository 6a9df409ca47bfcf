#!/usr/bin/env bash
# Remote shards that fail: a shard that is down is a clear error naming it; --allow-partial answers
# from the rest and names it (stderr note, JSON "partial"/"missing"); a shard that comes back is used
# again; a shard rebuilt under its running xapian-tcpsrv is searched at its new generation;
# --timeout is checked. Uses the repository's seed records (no ../shared needed).
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"
need_tcpsrv

expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/s1" "$ROOT/corpus/000_43706fd92f3d35c3.txt"
expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/s2" "$ROOT/corpus/004_63a7e1b5dc9271c3.txt"
serve_shards "$WORK/stub" "$WORK/s1" "$WORK/s2"
p2=${PORTS[1]}

expect_status 0 "$CAPSEARCH" search --db "$WORK/stub" --format json --timeout 5 ''
json_check "$WORK/out" 'j["total"] == 2 and "partial" not in j'

# A shard down: an error naming it, unless --allow-partial.
stop_tcpsrv "$p2"
expect_status 2 "$CAPSEARCH" search --db "$WORK/stub" ''
expect_grep "$WORK/err" "cannot reach the shard '127.0.0.1:$p2'" "shard down"
expect_grep "$WORK/err" "--allow-partial" "shard down: the hint"
expect_status 0 "$CAPSEARCH" search --db "$WORK/stub" --allow-partial --format json ''
json_check "$WORK/out" "j['total'] == 1 and j['partial'] is True and j['missing'] == ['127.0.0.1:$p2']"
expect_status 0 "$CAPSEARCH" search --db "$WORK/stub" --allow-partial ''
expect_grep "$WORK/err" "partial answer: 1 shard could not be reached and is left out: 127.0.0.1:$p2" "text note"
expect_grep "$WORK/out" "1 figure matches" "partial text answer"

# Back again.
serve_again "$p2" "$WORK/s2"
expect_status 0 "$CAPSEARCH" search --db "$WORK/stub" --allow-partial --format json ''
json_check "$WORK/out" 'j["total"] == 2 and "partial" not in j'

# A rebuild (new generation) under the running server, then a search through it.
expect_status 0 "$CAPSEARCH" index --quiet --rebuild --db "$WORK/s1" "$ROOT/corpus/000_43706fd92f3d35c3.txt"
expect_status 0 "$CAPSEARCH" search --db "$WORK/stub" --format json ''
json_check "$WORK/out" 'j["total"] == 2'

expect_status 2 "$CAPSEARCH" search --db "$WORK/stub" --timeout 0 ''
expect_grep "$WORK/err" "--timeout" "a zero timeout is refused"

finish
