#!/usr/bin/env bash
# Text output fits the width in COLUMNS: facet bars shrink (then long labels are cut with "…") and
# titles and snippets wrap, so no line is wider; without COLUMNS and a terminal nothing is cut.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
record() {  # record ID ORGANISM
  printf -- '---\nfigid: %s\nfigtitle: Signaling figure %s with a title long enough to need wrapping at sixty columns\nyear: 2020\norganisms:\n- %s\ncaption: Signaling pathways of the virus and the host cell, drawn as a long caption that wraps.\n---\n' \
    "$1" "$1" "$2" >"$WORK/records/$1.md"
}
record F1 "Severe acute respiratory syndrome coronavirus 2"
record F2 "Severe acute respiratory syndrome coronavirus 2"
record F3 "Homo sapiens"
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$WORK/records"

widest() { python3 -c 'import sys; print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()))' "$1"; }

for cols in 60 40; do
  COLUMNS=$cols expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --color never signaling
  [ "$(widest "$WORK/out")" -le "$cols" ] || fail "a line is wider than $cols columns: $(widest "$WORK/out")"
  expect_grep "$WORK/out" "█" "bars at $cols columns"
done
expect_grep "$WORK/out" "…" "a long organism cut at 40 columns"
COLUMNS=100 expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --color never signaling
expect_grep "$WORK/out" "  Severe acute respiratory syndrome coronavirus 2  2 " "whole organism label at 100 columns"

# Not a terminal and no COLUMNS: one line per title, 30-column bars.
env -u COLUMNS "$CAPSEARCH" search --db "$DB" --facets --color never signaling >"$WORK/out" || fail "search"
expect_grep "$WORK/out" "with a title long enough to need wrapping at sixty columns" "unwrapped title"
expect_grep "$WORK/out" "2 ██████████████████████████████" "full-width bar"
finish
