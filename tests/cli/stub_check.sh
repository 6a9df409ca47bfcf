#!/usr/bin/env bash
# `capsearch stub` writes a stub naming shards; `check --db STUB` finds a figid held by two shards
# and shards built with different lexicons, and searching such a stub is an error naming both.
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"
need_tcpsrv

python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
  "$WORK/org.Hs.eg.sqlite" "$ROOT/tests/fixtures/lexicon/org_hs_eg.sql" || fail "fixture sqlite"
expect_status 0 "$CAPSEARCH" lexicon build --ncbi-sqlite "$WORK/org.Hs.eg.sqlite" -o "$WORK/ncbi.tsv"
expect_status 0 "$CAPSEARCH" lexicon build -o "$WORK/curated.tsv"
first="$ROOT/corpus/000_43706fd92f3d35c3.txt"
second="$ROOT/corpus/004_63a7e1b5dc9271c3.txt"
expect_status 0 "$CAPSEARCH" index --quiet --lexicon "$WORK/ncbi.tsv" --db "$WORK/s1" "$first"
expect_status 0 "$CAPSEARCH" index --quiet --lexicon "$WORK/ncbi.tsv" --db "$WORK/s2" "$second"
expect_status 0 "$CAPSEARCH" index --quiet --lexicon "$WORK/ncbi.tsv" --db "$WORK/both" "$first" "$second"
expect_status 0 "$CAPSEARCH" index --quiet --lexicon "$WORK/curated.tsv" --db "$WORK/other" "$second"
serve p2 "$WORK/s2"

# A good stub: one local shard, one remote.
expect_status 0 "$CAPSEARCH" stub --local "$WORK/s1" --remote "127.0.0.1:$p2" -o "$WORK/good.stub"
expect_grep "$WORK/good.stub" "remote 127.0.0.1:$p2" "the remote line"
expect_grep "$WORK/good.stub" "auto $WORK/s1" "the local line"
expect_status 0 "$CAPSEARCH" check --db "$WORK/good.stub"
expect_grep "$WORK/out" "ok (2 figures)" "check of a good stub"
expect_status 0 "$CAPSEARCH" search --db "$WORK/good.stub" --format json ''
json_check "$WORK/out" 'j["total"] == 2'

# A figure in two shards.
expect_status 0 "$CAPSEARCH" stub --local "$WORK/s1" --local "$WORK/both" -o "$WORK/dup.stub"
expect_status 1 "$CAPSEARCH" check --db "$WORK/dup.stub"
expect_grep "$WORK/out" "figid PMC3808214__brc-0008-0256-g02 is held by 2 documents" "a figid in two shards"

# Shards with different lexicons: check names the disagreement, and a search refuses the stub.
expect_status 0 "$CAPSEARCH" stub --local "$WORK/s1" --local "$WORK/other" -o "$WORK/mixed.stub"
expect_status 1 "$CAPSEARCH" check --db "$WORK/mixed.stub"
expect_grep "$WORK/out" "the shards disagree on capsearch:lexicon-id" "check: lexicons differ"
expect_status 2 "$CAPSEARCH" search --db "$WORK/mixed.stub" HER2
expect_grep "$WORK/err" "the shards disagree on capsearch:lexicon-id" "search: lexicons differ"
expect_grep "$WORK/err" "$WORK/other" "search: names the shard"

# Bad arguments.
expect_status 2 "$CAPSEARCH" stub --remote "127.0.0.1:99999" -o "$WORK/bad.stub"
expect_grep "$WORK/err" "is not HOST:PORT" "a bad port"
expect_status 2 "$CAPSEARCH" stub -o "$WORK/bad.stub"
expect_grep "$WORK/err" "at least one shard" "no shard"

finish
