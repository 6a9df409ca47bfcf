#!/usr/bin/env bash
# Titles are highlighted like snippets: the matched words (a gene under another of its names too) as
# byte ranges in JSON's "title_highlights", and in the match colour in text output.
source "$(dirname "$0")/common.bash"

expect_status 0 "$CAPSEARCH" index --quiet --ext .txt --db "$WORK/db" "$ROOT"/corpus

# ErbB2 is HER2's other name: both corpus titles name HER2, and say so only as "HER2".
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json ErbB2 resistance
json_check "$WORK/out" '
len(j["hits"]) == 2 and all(
    [h["title"].encode()[b:e].decode() for b, e in h["title_highlights"]] ==
    (["HER2", "resistance"] if "resistance" in h["title"] else ["HER2"])
    for h in j["hits"])'
# No synonyms: the title holds no "ErbB2", so only "resistance" is marked.
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json --no-synonyms ErbB2 OR resistance
json_check "$WORK/out" 'all(
    [h["title"].encode()[b:e].decode() for b, e in h["title_highlights"]] in (["resistance"], [])
    for h in j["hits"])'

expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --color always "treatment resistance"
expect_grep "$WORK/out" $'targeted therapies, and \e[1;31mtreatment\e[0m\e[1m \e[1;31mresistance\e[0m\e[1m' \
  "matched title words in the match colour, the rest bold"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --color never "treatment resistance"
expect_no_grep "$WORK/out" $'\e[' "no colour with --color never"
finish
