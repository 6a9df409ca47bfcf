#!/usr/bin/env bash
# Hostile input (issue 13): deeply nested and huge queries, long hyphen chains and slash lists,
# special files, oversized records; each is refused or skipped with one clear line, never a crash.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
printf -- '---\nfigid: HOST1__f1\nfigtitle: Hedgehog pathway\ncaption: Smoothened and Gli activate HER2.\nyear: "2015"\n---\n' \
  >"$WORK/records/good.md"
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" "$WORK/records"

# 1. A query of 10,000 nested parentheses (and 120,000 unclosed ones) is one line and exit 2.
deep=$(printf '%.0s(' $(seq 10000))a$(printf '%.0s)' $(seq 10000))
expect_status 2 "$CAPSEARCH" search --db "$DB" "$deep"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "deep query: not one line: $(head -c 300 "$WORK/err")"
expect_grep "$WORK/err" "query too long" "20 KB query"
expect_status 2 "$CAPSEARCH" search --db "$DB" "$(printf '%.0s(' $(seq 120000))"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "unclosed query: not one line"
deep=$(printf '%.0s(' $(seq 65))a$(printf '%.0s)' $(seq 65))
expect_status 2 "$CAPSEARCH" search --db "$DB" "$deep"
expect_grep "$WORK/err" "query too deeply nested (more than 64 levels)" "65 levels"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "65 levels: not one line"

# 2. Gene recognition is linear in a hyphen chain's parts. `timeout` only turns the old cubic
# behaviour (minutes to hours for these sizes) into a failure instead of a hang; it is not a speed test.
chain=$(printf 'a1-%.0s' $(seq 2700))a1
expect_status 1 timeout 300 "$CAPSEARCH" search --db "$DB" "$chain"
expect_grep "$WORK/out" "0 figures match" "2,700-part hyphen chain answered"
slashes=$(printf 'ERK%.0s/' $(seq 2000))ERK
expect_status 1 timeout 300 "$CAPSEARCH" search --db "$DB" "$slashes"
mkdir -p "$WORK/chain"
{ printf -- '---\nfigid: CHAIN__f1\nfigtitle: chain\ncaption: '; printf 'a1-%.0s' $(seq 20000); printf 'HER2\n---\n'; } \
  >"$WORK/chain/chain.md"
expect_status 0 timeout 300 "$CAPSEARCH" index --db "$WORK/db-chain" --format json "$WORK/chain"
json_check "$WORK/out" 'j["added"] == 1'

# 4. Special files are named and skipped at once (`timeout` turns the old hang into a failure);
# the good records of the same run are indexed.
mkfifo "$WORK/records/pipe.md"
expect_status 1 timeout 60 "$CAPSEARCH" index --db "$WORK/db-special" --format json "$WORK/records/pipe.md" \
  /dev/zero "$WORK/records/good.md"
expect_grep "$WORK/err" "skipped $WORK/records/pipe.md: not a regular file (fifo)" "FIFO named"
expect_grep "$WORK/err" "skipped /dev/zero: not a regular file (character device)" "/dev/zero named"
json_check "$WORK/out" 'j["added"] == 1 and len(j["skipped"]) == 2'
ln -s "$WORK/nowhere.md" "$WORK/records/dangling.md"
expect_status 1 timeout 60 "$CAPSEARCH" index --db "$WORK/db-walk" --format json "$WORK/records"
expect_grep "$WORK/err" "skipped $WORK/records/pipe.md: not a regular file (fifo)" "FIFO met in a walk"
expect_grep "$WORK/err" "skipped $WORK/records/dangling.md: dangling symbolic link" "dangling link met in a walk"
json_check "$WORK/out" 'j["added"] == 1 and len(j["skipped"]) == 2'
rm "$WORK/records/pipe.md" "$WORK/records/dangling.md"

# 3. A 5 MB caption is skipped by its size before it is read: peak memory stays far below 400 MB
# and the good records of the run are indexed.
mkdir -p "$WORK/big"
cp "$WORK/records/good.md" "$WORK/big/good.md"
{ printf -- '---\nfigid: BIG__f1\ncaption: '; head -c 5000000 /dev/zero | tr '\0' 'a'; printf '\n---\n'; } >"$WORK/big/big.md"
python3 - "$WORK/peak" "$CAPSEARCH" index --db "$WORK/db-big" --format json "$WORK/big" >"$WORK/out" 2>"$WORK/err" <<'PY'
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024))
sys.exit(status)
PY
[ $? = 1 ] || fail "5 MB caption: exit status is not 1"
expect_grep "$WORK/err" "big.md: too large (5000033 bytes; a record is at most 1048576 bytes)" "5 MB record named"
json_check "$WORK/out" 'j["added"] == 1'
echo "peak memory with a 5 MB caption: $(cat "$WORK/peak") MB"
[ "$(cat "$WORK/peak")" -lt 400 ] || fail "5 MB caption: peak memory $(cat "$WORK/peak") MB"

finish
