#!/usr/bin/env bash
# The author: field: the first author's name taken from the citation (reftext), searchable by field;
# a name that is also a gene name adds no gene.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
cat >"$WORK/records/a.md" <<'REC'
---
figid: AUTH01__f1
figtitle: Atypical PKC signaling in neurons
caption: p62 scaffolds aPKC.
reftext: Marie W. Wooten, et al. Mol Cell Biol. 2001 Dec;21(24):8414-8427.
---
REC
cat >"$WORK/records/b.md" <<'REC'
---
figid: AUTH02__f1
figtitle: Bone remodelling
caption: Osteoclasts resorb bone; Wooten is not the author here.
reftext: Peter J. Akt. J Clin Invest. 2006 May 1;116(5):1210-1212.
---
REC
expect_status 0 "$CAPSEARCH" index --quiet --db "$WORK/db" "$WORK/records"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json author:wooten
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["AUTH01__f1"]'
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json 'author:"Marie W. Wooten"'
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["AUTH01__f1"]'
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json author:barnes OR author:akt
json_check "$WORK/out" '[h["figid"] for h in j["hits"]] == ["AUTH02__f1"]'
# Only the first author's name: the journal is not in the field.
expect_status 1 "$CAPSEARCH" search --db "$WORK/db" --format json author:invest
json_check "$WORK/out" 'j["total"] == 0'
# An author called Akt is no AKT gene.
expect_status 1 "$CAPSEARCH" search --db "$WORK/db" --format json gene:AKT1
json_check "$WORK/out" 'j["total"] == 0'
finish
