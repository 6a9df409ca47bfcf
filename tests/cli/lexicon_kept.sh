#!/usr/bin/env bash
# An index keeps the lexicon it was built with: a sync by a program with another lexicon (or none)
# analyses with the index's copy, so NCBI aliases (CD340 = ERBB2) stay findable; only `--lexicon FILE`
# or `capsearch lexicon update` change it, and the report says so. A new index built with the
# built-in core alone is announced on stderr.
source "$(dirname "$0")/common.bash"

# An NCBI lexicon from the fixture org.Hs.eg.sqlite, and a curated-only one (another id, no CD340).
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
  "$WORK/org.Hs.eg.sqlite" "$ROOT/tests/fixtures/lexicon/org_hs_eg.sql" || fail "fixture sqlite"
expect_status 0 "$CAPSEARCH" lexicon build --ncbi-sqlite "$WORK/org.Hs.eg.sqlite" -o "$WORK/ncbi.tsv"
expect_status 0 "$CAPSEARCH" lexicon build -o "$WORK/curated.tsv"
mkdir -p "$WORK/records" "$WORK/bare"
cp "$ROOT"/corpus/*.txt "$WORK/records/"
# The program alone, without a lexicon.tsv beside it (its library is found through the build RPATH).
cp "$CAPSEARCH" "$WORK/bare/capsearch"
BARE="$WORK/bare/capsearch"

expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --lexicon "$WORK/ncbi.tsv" --format json --ext .txt "$WORK/records"
json_check "$WORK/out" 'j["lexicon_source"] == "file" and j["added"] == 2'
ncbi_id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["lexicon_id"])' "$WORK/out")
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json CD340
json_check "$WORK/out" 'j["total"] == 2'

# A sync by a program with another lexicon, then by one with none: the index's lexicon stays, even
# for a record that changed and is analysed again.
sed -i 's/treatment resistance/treatment resistance (edited)/' "$WORK"/records/*.txt
expect_status 0 env CAPSEARCH_LEXICON="$WORK/curated.tsv" "$CAPSEARCH" index --db "$WORK/db" --format json --ext .txt "$WORK/records"
json_check "$WORK/out" "j['lexicon_source'] == 'index' and not j['lexicon_changed'] and j['lexicon_id'] == '$ncbi_id' and j['updated'] >= 1"
touch "$WORK"/records/*.txt
expect_status 0 "$BARE" index --db "$WORK/db" --ext .txt "$WORK/records"
expect_no_grep "$WORK/err" "no gene lexicon file found" "a sync of an index with a lexicon needs no file"
expect_no_grep "$WORK/out" "lexicon" "the text report of a sync that kept the lexicon"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json CD340
json_check "$WORK/out" 'j["total"] == 2'
expect_status 0 "$CAPSEARCH" stats --db "$WORK/db" --format json
json_check "$WORK/out" "j['lexicon_id'] == '$ncbi_id'"
# A rebuild too: a new generation, the same lexicon.
expect_status 0 "$BARE" index --db "$WORK/db" --rebuild --format json --ext .txt "$WORK/records"
json_check "$WORK/out" "j['rebuilt'] and j['lexicon_source'] == 'index' and j['lexicon_id'] == '$ncbi_id'"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json CD340
json_check "$WORK/out" 'j["total"] == 2'

# Only an explicit lexicon changes it: `lexicon update` (text report says so), then `index --lexicon`.
expect_status 0 "$CAPSEARCH" lexicon update --db "$WORK/db" --lexicon "$WORK/curated.tsv"
expect_grep "$WORK/out" "the index's lexicon is now" "lexicon update reports the change"
expect_status 1 "$CAPSEARCH" search --db "$WORK/db" CD340
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --lexicon "$WORK/ncbi.tsv" --format json --ext .txt "$WORK/records"
json_check "$WORK/out" "j['lexicon_changed'] and j['lexicon_id'] == '$ncbi_id' and j['updated'] == 2"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" CD340
# A figure whose file is gone keeps its analysis and is named; the update still runs.
rm "$WORK"/records/000_*.txt
expect_status 1 "$CAPSEARCH" lexicon update --db "$WORK/db" --lexicon "$WORK/curated.tsv" --format json
json_check "$WORK/out" 'len(j["skipped"]) == 1 and "source file is gone" in j["skipped"][0]["reason"] and j["lexicon_changed"]'
expect_grep "$WORK/err" "000_" "the figure without a file is named"
expect_status 2 "$CAPSEARCH" lexicon update --db "$WORK/no-such-index"
expect_grep "$WORK/err" "no-such-index" "a missing index is named"

# A new index with no lexicon file at all: said on stderr (even with --quiet), and in the JSON report.
expect_status 0 "$BARE" index --db "$WORK/db-bare" --quiet --ext .txt "$WORK/records"
expect_grep "$WORK/err" "no gene lexicon file found" "building with the built-in core is announced"
expect_status 0 "$BARE" index --db "$WORK/db-bare2" --format json --ext .txt "$WORK/records"
json_check "$WORK/out" 'j["lexicon_source"] == "builtin"'
finish
