#!/usr/bin/env bash
# Mistyped commands and options are named with the closest valid word and the command's own help;
# `capsearch help [COMMAND]` and -V work; `search HER2 -EGFR` takes -EGFR as part of the query.
source "$(dirname "$0")/common.bash"

DB="$WORK/db"
# The curated core only: whether a seed figure matches EGFR through NCBI's aliases must not matter.
expect_status 0 "$CAPSEARCH" lexicon build -o "$WORK/core.tsv"
expect_status 0 "$CAPSEARCH" index --db "$DB" --lexicon "$WORK/core.tsv" "$ROOT/corpus/"*.txt

# 1. Typos name the word, the closest valid one and the help to read.
expect_status 2 "$CAPSEARCH" serach HER2
expect_grep "$WORK/err" "capsearch: error: unknown command 'serach'; did you mean 'search'?" "mistyped command"
expect_grep "$WORK/err" "see 'capsearch --help'" "mistyped command: help"
expect_status 2 "$CAPSEARCH" search --db "$DB" --limt 3 HER2
expect_grep "$WORK/err" "unknown option '--limt' for 'capsearch search'; did you mean '--limit'? (see 'capsearch search --help')" "mistyped option"
expect_status 2 "$CAPSEARCH" lexicon bild
expect_grep "$WORK/err" "unknown command 'bild'; did you mean 'build'?" "mistyped nested command"
expect_grep "$WORK/err" "see 'capsearch lexicon --help'" "nested command's help"
expect_status 2 "$CAPSEARCH" stats --db "$DB" --fromat json
expect_grep "$WORK/err" "did you mean '--format'? (see 'capsearch stats --help')" "stats option"
expect_status 2 "$CAPSEARCH"
expect_grep "$WORK/err" "no command given; the commands are index, search," "no command"

# 2. help and -V.
expect_status 0 "$CAPSEARCH" help
expect_grep "$WORK/out" "Usage: capsearch [OPTIONS] SUBCOMMAND" "capsearch help"
expect_status 0 "$CAPSEARCH" help search
expect_grep "$WORK/out" "--strict" "capsearch help search shows search's options"
expect_status 0 "$CAPSEARCH" -V
expect_grep "$WORK/out" "capsearch " "capsearch -V"

# 3. -WORD after the first query word is part of the query; before it, '--' is needed.
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json HER2 -EGFR --limit 1
json_check "$WORK/out" 'j["query"] == "HER2 -EGFR" and j["limit"] == 1'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json HER2
all=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$WORK/out")
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json HER2 -trastuzumab  # both seed figures say trastuzumab
json_check "$WORK/out" "j['total'] < $all"
expect_status 2 "$CAPSEARCH" search --db "$DB" -EGFR HER2
expect_grep "$WORK/err" "a query that starts with '-' goes after '--': capsearch search -- -EGFR" "the -- rule"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json -- -EGFR
json_check "$WORK/out" 'j["query"] == "-EGFR"'

finish
