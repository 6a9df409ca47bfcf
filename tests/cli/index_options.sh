#!/usr/bin/env bash
# capsearch index options (--no-delete, --rebuild, --ext, --batch-size, --threads, --lexicon),
# `lexicon build`, and `check` finding a problem (exit 1).
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
for i in 1 2 3; do
  printf -- '---\nfigid: OPT%s__f1\nfigtitle: Hedgehog pathway figure %s\ncaption: Smoothened and Gli.\nyear: "201%s"\n---\n' \
    "$i" "$i" "$i" >"$WORK/records/r$i.md"
done
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --batch-size 1 --threads 2 --format json "$WORK/records"
json_check "$WORK/out" 'j["added"] == 3'

rm "$WORK/records/r3.md"
expect_status 0 "$CAPSEARCH" index --db "$DB" --no-delete --format json "$WORK/records"
json_check "$WORK/out" 'j["deleted"] == 0 and j["documents"] == 3'
expect_status 0 "$CAPSEARCH" index --db "$DB" --format json "$WORK/records"
json_check "$WORK/out" 'j["deleted"] == 1 and j["documents"] == 2'
printf -- '---\nfigid: OPT1__f1\nfigtitle: Hedgehog pathway, corrected\nyear: "2011"\n---\n' >"$WORK/records/r1.md"
expect_status 0 "$CAPSEARCH" index --db "$DB" --format json "$WORK/records"
json_check "$WORK/out" 'j["updated"] == 1 and j["unchanged"] == 1'
expect_status 0 "$CAPSEARCH" index --db "$DB" --rebuild --format json "$WORK/records"
json_check "$WORK/out" 'j["rebuilt"] is True and j["documents"] == 2'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json corrected
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["OPT1__f1"]'

# --ext: corpus/ holds .txt records, which a folder walk skips unless asked.
expect_status 1 "$CAPSEARCH" index --db "$WORK/db-txt" --format json "$ROOT/corpus"
json_check "$WORK/out" 'j["documents"] == 0 and j["files_found"] == 0'
expect_status 0 "$CAPSEARCH" index --db "$WORK/db-txt" --ext .txt,md --format json "$ROOT/corpus"
json_check "$WORK/out" 'j["added"] == 2'
expect_status 2 "$CAPSEARCH" index --db "$WORK/db-x" --batch-size 0 "$WORK/records"

# lexicon build (curated core only) and using the file.
expect_status 0 "$CAPSEARCH" lexicon build -o "$WORK/lexicon.tsv" --format json
json_check "$WORK/out" 'j["names"] > 0 and j["concepts"] > 0 and j["id"]'
json_check "$WORK/out" 'j["families"] > 0 and j["stops"] > 0 and j["genes"] + j["families"] + j["stops"] == j["concepts"]'
[ -s "$WORK/lexicon.tsv" ] || fail "lexicon build wrote nothing"
expect_status 0 "$CAPSEARCH" lexicon build -o "$WORK/lexicon2.tsv"
expect_grep "$WORK/out" "$WORK/lexicon2.tsv" "lexicon build text summary"
# Genes, families and stops are counted apart (families and stops are not genes).
expect_grep "$WORK/out" " families, " "lexicon build counts families apart"
expect_grep "$WORK/out" " stops, " "lexicon build counts stops apart"
expect_status 0 "$CAPSEARCH" synonyms --lexicon "$WORK/lexicon.tsv" HER2
expect_grep "$WORK/out" "ERBB2" "synonyms with a lexicon file"
expect_status 0 "$CAPSEARCH" index --db "$WORK/db-lex" --lexicon "$WORK/lexicon.tsv" "$ROOT"/corpus/*.txt
expect_status 2 "$CAPSEARCH" lexicon build --hgnc "$WORK/no-such.tsv" -o "$WORK/lexicon3.tsv"
expect_grep "$WORK/err" "no-such.tsv" "missing lexicon source named"
expect_status 2 "$CAPSEARCH" index --db "$WORK/db-lex2" --lexicon "$WORK/no-such-lexicon.tsv" "$WORK/records"
expect_grep "$WORK/err" "no-such-lexicon.tsv" "missing lexicon named"
expect_status 2 "$CAPSEARCH" lexicon

# check: exit 1 and the problem listed when the index is inconsistent.
expect_status 0 "$CAPSEARCH" check --db "$DB"
expect_grep "$WORK/out" "ok" "check ok"
if command -v xapian-metadata >/dev/null; then
  xapian-metadata set "$DB" capsearch:schema 999
  expect_status 1 "$CAPSEARCH" check --db "$DB"
  expect_grep "$WORK/out" "capsearch:schema" "check names the problem"
  expect_status 1 "$CAPSEARCH" check --db "$DB" --format json
  json_check "$WORK/out" 'j["ok"] is False and len(j["problems"]) >= 1'
fi
expect_status 2 "$CAPSEARCH" check --db "$WORK/no-such-index"
expect_status 2 "$CAPSEARCH" compact --db "$WORK/no-such-index"
finish
