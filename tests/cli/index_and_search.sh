#!/usr/bin/env bash
# capsearch index/search/stats/check/compact on the repository's corpus/ plus records written here:
# exit codes (0/1/2), skipped records named on stderr, JSON shapes, --year/--organism filters, errors.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records/sub"
cat >"$WORK/records/wnt.md" <<'REC'
---
figid: CLITEST01__f1
figtitle: Wnt signaling in zebrafish fin regeneration
organisms:
- Danio rerio
caption: Wnt ligands stabilise beta-catenin during fin regeneration.
year: '2015'
---
REC
cat >"$WORK/records/sub/notch.md" <<'REC'
---
figid: CLITEST02__f1
figtitle: Notch and Wnt crosstalk in the mouse intestine
organisms: Mus musculus
caption: Notch signaling restrains secretory fate while Wnt maintains stem cells.
year: '2018'
---
REC
printf -- '---\nfigtitle: no figid here\n---\n' >"$WORK/records/no-figid.md"
printf -- '---\nfigid: [unclosed\n---\n' >"$WORK/records/bad-yaml.md"
DB="$WORK/db"

# Indexing: the good records are indexed, each bad one named on stderr, exit 1; no progress bar
# (stderr is not a terminal); the JSON report is stdout's last line.
expect_status 1 "$CAPSEARCH" index --db "$DB" --format json "$ROOT"/corpus/*.txt "$WORK/records"
expect_grep "$WORK/err" "capsearch: skipped $WORK/records/no-figid.md" "skipped record named"
expect_grep "$WORK/err" "capsearch: skipped $WORK/records/bad-yaml.md" "skipped record named"
[ "$(grep -c 'capsearch: skipped' "$WORK/err")" = 2 ] || fail "two skipped lines expected"
if grep -q $'\r' "$WORK/err"; then fail "progress bar drawn although stderr is not a terminal"; fi
json_check "$WORK/out" 'j["added"] == 4 and j["updated"] == 0 and j["deleted"] == 0 and j["unchanged"] == 0'
json_check "$WORK/out" 'len(j["skipped"]) == 2 and all(set(s) >= {"file", "line", "reason"} for s in j["skipped"])'
json_check "$WORK/out" 'isinstance(j["seconds"], (int, float)) and j["documents"] == 4'

# Re-indexing changes nothing; text summary on stdout; --quiet prints nothing on stdout.
rm "$WORK/records/no-figid.md" "$WORK/records/bad-yaml.md"
expect_status 0 "$CAPSEARCH" index --db "$DB" "$ROOT"/corpus/*.txt "$WORK/records"
expect_grep "$WORK/out" "0 added, 0 updated, 0 deleted, 4 unchanged, 0 skipped" "text summary"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$ROOT"/corpus/*.txt "$WORK/records"
[ -s "$WORK/out" ] && fail "--quiet printed: $(cat "$WORK/out")"

# Search exit codes and JSON shape.
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json HER2 resistance
json_check "$WORK/out" 'set(j) >= {"query", "total", "offset", "limit", "hits"} and j["query"] == "HER2 resistance"'
json_check "$WORK/out" 'j["total"] == len(j["hits"]) == 2'
json_check "$WORK/out" 'all(set(h) >= {"rank","figid","score","title","year","organisms","pmcid","snippet"} for h in j["hits"])'
json_check "$WORK/out" '[h["rank"] for h in j["hits"]] == [1, 2]'
json_check "$WORK/out" '{h["figid"]: h["year"] for h in j["hits"]} == {"PMC3808214__brc-0008-0256-g02": 2013, "PMC3835685__nihms524354f1": None}'
expect_status 1 "$CAPSEARCH" search --db "$DB" zebrafish insulin
expect_grep "$WORK/out" "0 figures match" "no-match header"
expect_status 1 "$CAPSEARCH" search --db "$DB" --format json zebrafish insulin
json_check "$WORK/out" 'j["total"] == 0 and j["hits"] == []'

# Text output: header, rank line, title, snippet; plain (no escape sequences) when not a terminal.
expect_status 0 "$CAPSEARCH" search --db "$DB" -- Wnt
expect_grep "$WORK/out" "2 figures match" "header"
expect_grep "$WORK/out" ". CLITEST02__f1  2018  Mus musculus" "rank line"
expect_grep "$WORK/out" "   Notch and Wnt crosstalk in the mouse intestine" "title line"
if grep -q $'\e' "$WORK/out"; then fail "escape sequences in output that is not a terminal"; fi
expect_status 0 "$CAPSEARCH" search --db "$DB" --color always Wnt
expect_grep "$WORK/out" $'\e[1;31mWnt\e[0m' "highlighted match with --color always"

# --year and --organism filter; facets as JSON and as a bar chart.
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --year 2016.. Wnt
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["CLITEST02__f1"]'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --year ..2015 --facets signaling
json_check "$WORK/out" 'all(h["year"] is not None and h["year"] <= 2015 for h in j["hits"]) and j["total"] == 2'
json_check "$WORK/out" 'j["facets"]["year"] == {"2013": 1, "2015": 1}'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --year 2015 Wnt
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["CLITEST01__f1"]'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --organism "Mus musculus" Wnt
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["CLITEST02__f1"] and j["query"] == "Wnt"'
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --organism "Danio rerio" --organism "Mus musculus" Wnt
json_check "$WORK/out" 'j["total"] == 2'
expect_status 1 "$CAPSEARCH" search --db "$DB" --organism "Homo sapiens" Wnt
expect_status 0 "$CAPSEARCH" search --db "$DB" --facets signaling
expect_grep "$WORK/out" "Figures by year" "facet chart"
expect_grep "$WORK/out" "  Mus musculus  1 " "organism facet row"
expect_grep "$WORK/out" "█" "bar blocks"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json --sort year --limit 2 --offset 1 ""
json_check "$WORK/out" 'j["total"] == 4 and [h["rank"] for h in j["hits"]] == [2, 3] and j["hits"][0]["year"] == 2015'

# Errors: one "capsearch: error:" line, exit 2, never a crash.
for bad in "2015..2010" "abc" ".." "20155"; do
  expect_status 2 "$CAPSEARCH" search --db "$DB" --year "$bad" Wnt
  expect_grep "$WORK/err" "capsearch: error: --year" "bad --year $bad"
done
expect_status 2 "$CAPSEARCH" search --db "$DB" --strict '"unclosed'
expect_grep "$WORK/err" "capsearch: error: query" "bad query"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "a bad query should give one line on stderr"
expect_status 2 "$CAPSEARCH" search --db "$WORK/no-such-index" Wnt
expect_grep "$WORK/err" "$WORK/no-such-index" "missing index named"
expect_status 2 "$CAPSEARCH" stats --db "$WORK/no-such-index"
expect_grep "$WORK/err" "capsearch: error:" "stats on a missing index"
expect_status 2 "$CAPSEARCH" search --db "$DB" --bm25 k9=1 Wnt
expect_grep "$WORK/err" "--bm25" "bad --bm25"
expect_status 0 "$CAPSEARCH" search --db "$DB" --bm25 k1=2,b=0.75 Wnt
expect_status 2 "$CAPSEARCH" search --db "$DB" --limit -3 Wnt
expect_status 2 "$CAPSEARCH" search --db "$DB" --sort sideways Wnt
expect_status 2 "$CAPSEARCH" search Wnt
expect_grep "$WORK/err" "--db" "missing --db"
expect_status 2 "$CAPSEARCH"
expect_status 2 "$CAPSEARCH" frobnicate
expect_status 2 "$CAPSEARCH" index --db "$WORK/db2" "$WORK/no-such-folder"
expect_grep "$WORK/err" "no-such-folder" "missing input folder named"

# stats, check, compact, --version.
expect_status 0 "$CAPSEARCH" stats --db "$DB" --format json
json_check "$WORK/out" 'j["documents"] == 4 and j["year_min"] == 2013 and j["year_max"] == 2018'
expect_status 0 "$CAPSEARCH" stats --db "$DB"
expect_grep "$WORK/out" "figures     4" "stats text"
expect_status 0 "$CAPSEARCH" check --db "$DB" --format json
json_check "$WORK/out" 'j["ok"] is True and j["documents"] == 4'
expect_status 0 "$CAPSEARCH" compact --db "$DB"
expect_status 0 "$CAPSEARCH" search --db "$DB" --format json Wnt
json_check "$WORK/out" 'j["total"] == 2'
expect_status 0 "$CAPSEARCH" --version
expect_grep "$WORK/out" "capsearch " "version"

finish
