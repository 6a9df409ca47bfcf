#!/usr/bin/env bash
# `capsearch enrich` on ../shared/corpus/pfocr: every figure whose listed genes (read here from the
# YAML, independently of capsearch) include a query gene is returned, with that gene among its overlap
# genes; the JSON fields are as documented; p-values agree with scipy and FDRs with a direct BH.
source "$(dirname "$0")/common.bash"
need_shared
# Figures' gene sets are resolved through NCBI's official symbols: the built-in curated core has few.
if ! "$CAPSEARCH" synonyms TP53 | grep -q "^query: *gene TP53"; then
  echo "SKIPPED: no NCBI gene lexicon beside $CAPSEARCH (build it as scripts/test.sh does)"
  [ "${CAPSEARCH_REQUIRE_SHARED:-0}" = 1 ] && exit 1
  exit 77
fi

DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$SHARED/corpus/pfocr"
GENES="TP53 ERBB2 EGFR AKT1 MTOR TNF IL6 STAT3"
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json --limit 100000 $GENES NOT_A_GENE_NAME
cp "$WORK/out" "$WORK/enrich.json"
expect_grep "$WORK/err" "NOT_A_GENE_NAME" "an unknown name is reported on stderr"
/usr/bin/python3 - "$WORK/enrich.json" "$SHARED/corpus/pfocr" $GENES <<'PY' || fail "enrichment disagrees with the records"
import glob, json, math, sys
import yaml
j = json.load(open(sys.argv[1]))
folder, genes = sys.argv[2], sys.argv[3:]
for key in ["input", "genes", "query_size", "universe", "tested", "total", "hits"]:
    assert key in j, key
for key in ["names", "resolved", "unresolved", "ambiguous"]:
    assert key in j["input"], key
assert j["input"]["unresolved"] == ["NOT_A_GENE_NAME"], j["input"]
assert j["total"] == len(j["hits"]) and j["query_size"] == len(j["genes"])
# Genes the index's lexicon knows as official symbols (all of them with the NCBI lexicon).
checked = [g for g in genes if j["input"]["resolved"].get(g) == g and g in j["genes"]]
assert checked, "no query gene resolved: %s" % j["input"]
hits = {h["figid"]: h for h in j["hits"]}

def listed(path):
    text = open(path, encoding="utf-8").read()
    front = yaml.safe_load(text.split("\n---", 1)[0].lstrip("-\n"))
    out = set()
    for k in (front.get("schema-jsonld") or {}).get("keywords") or []:
        out.add(str(k).upper())
    for g in front.get("genes") or []:
        s = g.get("hgnc_symbol") or g.get("symbol")
        if s:
            out.add(str(s).upper())
    return front["figid"], out

expected = 0
for path in glob.glob(folder + "/*.md"):
    figid, symbols = listed(path)
    for g in checked:
        if g in symbols:
            expected += 1
            assert figid in hits, "%s lists %s but is not returned" % (figid, g)
            assert g in hits[figid]["overlap_genes"], (figid, g, hits[figid]["overlap_genes"])
assert expected > 0
for h in j["hits"]:
    for key in ["rank", "figid", "title", "year", "organisms", "overlap", "set_size", "overlap_genes",
                "pvalue", "fdr", "odds_ratio"]:
        assert key in h, key
    assert h["overlap"] == len(h["overlap_genes"]) and 0 < h["overlap"] <= h["set_size"]
ranks = [h["rank"] for h in j["hits"]]
assert ranks == list(range(1, len(ranks) + 1))
keys = [(h["log10_pvalue"], -h["overlap"], h["figid"]) for h in j["hits"]]
assert keys == sorted(keys), "hits are not ordered by p, overlap, figid"
try:
    from scipy.stats import hypergeom
except ImportError:
    print("scipy absent: p-values not compared")
    sys.exit(0)
N, n, m = j["universe"], j["query_size"], j["tested"]
worst = 0.0
for h in j["hits"]:
    p = hypergeom.sf(h["overlap"] - 1, N, h["set_size"], n)
    worst = max(worst, abs(h["pvalue"] - p) / p)
assert worst <= 1e-9, worst
# BH over all tested figures (the untested-here ones, with no overlap, have p = 1).
ps = sorted([h["pvalue"] for h in j["hits"]] + [1.0] * (m - len(j["hits"])))
q = [min(1.0, min(ps[i] * m / (i + 1) for i in range(r, m))) for r in range(m)]
by_p = sorted(j["hits"], key=lambda h: h["pvalue"])
for r, h in enumerate(by_p):
    assert abs(h["fdr"] - q[r]) <= 1e-12 * max(q[r], 1e-300), (h["figid"], h["fdr"], q[r])
print("checked", len(checked), "genes,", expected, "figure-gene pairs; worst p relative error", worst)
PY

# Filters restrict the figures tested; --fdr keeps hits at or below it; facets count those hits.
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json --limit 1000 --fdr 0.05 --facets --organism human $GENES
json_check "$WORK/out" 'all(h["fdr"] <= 0.05 and "Homo sapiens" in h["organisms"] for h in j["hits"]) and j["facets"]["organism"].get("Homo sapiens") == j["total"]'
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json --query apoptosis $GENES
json_check "$WORK/out" 'j["tested"] < 193'
# The same genes from a file (comments, blank lines) and from a TSV column.
printf '# my genes\nTP53\n\nERBB2  # HER2\n' > "$WORK/genes.txt"
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json --genes-file "$WORK/genes.txt"
json_check "$WORK/out" 'j["input"]["names"] == ["TP53", "ERBB2"]'
printf 'id\tgene\tlogfc\n1\tHER2\t2.5\n2\tp53\t-1\n3\n' > "$WORK/genes.tsv"
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json --genes-file "$WORK/genes.tsv" --column gene
json_check "$WORK/out" 'j["input"]["resolved"] == {"HER2": "ERBB2", "p53": "TP53"}'
expect_grep "$WORK/err" "genes.tsv:4" "a line without the column is named with its line"
printf 'TP53\nEGFR\n' | "$CAPSEARCH" enrich --db "$DB" --format tsv - >"$WORK/out" 2>"$WORK/err" || fail "genes from stdin"
expect_grep "$WORK/out" "overlap_genes" "TSV header"
# A family is reported, or expanded on request.
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json TP53 AKT
json_check "$WORK/out" '"AKT" in j["input"]["families"] and "AKT1" not in j["genes"]'
expect_status 0 "$CAPSEARCH" enrich --db "$DB" --format json --expand-families TP53 AKT
json_check "$WORK/out" '"AKT1" in j["genes"] and "AKT2" in j["genes"]'

# Similar figures and GMT export.
FIG=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["figid"])' "$WORK/enrich.json")
expect_status 0 "$CAPSEARCH" similar --db "$DB" --format json "$FIG"
json_check "$WORK/out" 'j["figid"] == "'"$FIG"'" and all(h["figid"] != j["figid"] for h in j["genes"]["hits"] + j["text"]) and j["genes"]["hits"] and j["text"]'
expect_status 2 "$CAPSEARCH" similar --db "$DB" no-such-figure
expect_grep "$WORK/err" "no-such-figure" "an unknown figid is named"
expect_status 0 "$CAPSEARCH" export --db "$DB" --format gmt
python3 - "$WORK/out" "$WORK/enrich.json" <<'PY' || fail "GMT export"
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
sets = {r[0]: set(r[2:]) for r in rows}
assert all(len(r) >= 3 for r in rows)
for h in json.load(open(sys.argv[2]))["hits"]:
    assert len(sets[h["figid"]]) == h["set_size"] and set(h["overlap_genes"]) <= sets[h["figid"]]
PY
expect_status 2 "$CAPSEARCH" enrich --db "$DB" --universe 3 $GENES
expect_grep "$WORK/err" "universe" "a universe too small is an error"
finish
