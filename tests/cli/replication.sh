#!/usr/bin/env bash
# Replication with Xapian's own tools on 127.0.0.1: xapian-replicate-server serves the primary's
# folder, xapian-replicate -o makes and updates a replica. A sync writes changesets, so the replica
# gets the change, not a full copy; the replica answers searches all the while the primary syncs.
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"
need_tcpsrv

mkdir -p "$WORK/records" "$WORK/primary"
cp "$ROOT/corpus/000_43706fd92f3d35c3.txt" "$WORK/records/a.md"
cp "$ROOT/corpus/004_63a7e1b5dc9271c3.txt" "$WORK/records/b.md"
# new_record N : a copy of the first record under another figid.
new_record() {
  sed "s/^figid: .*/figid: REPLTEST$1__f1/" "$WORK/records/a.md" >"$WORK/records/new$1.md"
}
# The environment must not decide (the indexer sets the changeset count itself).
unset XAPIAN_MAX_CHANGESETS
expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/primary/idx" "$WORK/records"
start_free port xapian-replicate-server "$WORK/primary"

# replicate : one xapian-replicate round into $WORK/replica, its report in $WORK/replicate.log.
replicate() {
  xapian-replicate -h 127.0.0.1 -p "$port" -m idx -o -v "$WORK/replica" >"$WORK/replicate.log" 2>&1 ||
    fail "xapian-replicate failed: $(cat "$WORK/replicate.log")"
}
total() {
  "$CAPSEARCH" search --db "$WORK/replica" --format json --limit 0 '' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}

replicate
expect_grep "$WORK/replicate.log" "1 copies" "the first replication is a copy"
[ "$(total)" = 2 ] || fail "the replica has $(total) figures, not 2"

# Searches of the replica run the whole time the primary syncs twice and the replica catches up.
: >"$WORK/loop.totals"
(
  while [ ! -e "$WORK/stop" ]; do
    n=$("$CAPSEARCH" search --db "$WORK/replica" --format json --limit 0 '' 2>>"$WORK/loop.err" |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])' 2>>"$WORK/loop.err")
    echo "${n:-error}" >>"$WORK/loop.totals"
  done
) &
loop=$!
# searches_after : waits until the loop has finished two more searches (so one started after now).
searches_after() {
  local want=$(($(wc -l <"$WORK/loop.totals") + 2)) i
  for i in $(seq 1 1200); do
    [ "$(wc -l <"$WORK/loop.totals")" -ge "$want" ] && return 0
    sleep 0.05
  done
  fail "the search loop stalled"
}
searches_after
for n in 1 2; do
  new_record "$n"
  expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/primary/idx" "$WORK/records"
  replicate
  expect_grep "$WORK/replicate.log" "0 copies, 1 changesets" "sync $n is replicated as a changeset"
  searches_after
done
touch "$WORK/stop"
wait "$loop"
bad=$(grep -cvE '^(2|3|4)$' "$WORK/loop.totals")
[ "$bad" = 0 ] || fail "searches of the replica during syncs failed or saw other totals: $(sort "$WORK/loop.totals" | uniq -c | tr '\n' ' ') $(head -c 300 "$WORK/loop.err")"
[ "$(tail -1 "$WORK/loop.totals")" = 4 ] || fail "the replica's last total is $(tail -1 "$WORK/loop.totals"), not 4"
[ "$(total)" = 4 ] || fail "the replica has $(total) figures after two syncs, not 4"

finish
