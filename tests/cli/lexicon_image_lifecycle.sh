#!/usr/bin/env bash
# The lexicon image's life: `capsearch index` writes it beside the index (so the first search maps it
# and writes nothing), a sync that changes the lexicon replaces it and removes the old one, the user's
# cache is pruned by age (mtime, touched on use at most once a day), and `synonyms --lexicon FILE`
# maps a cached image of the file instead of parsing it, with the same answers.
source "$(dirname "$0")/common.bash"
export XDG_CACHE_HOME="$WORK/cache"
cache="$XDG_CACHE_HOME/capsearch/lexicons"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
  "$WORK/org.Hs.eg.sqlite" "$ROOT/tests/fixtures/lexicon/org_hs_eg.sql" || fail "fixture sqlite"
expect_status 0 "$CAPSEARCH" lexicon build --ncbi-sqlite "$WORK/org.Hs.eg.sqlite" -o "$WORK/ncbi.tsv"
expect_status 0 "$CAPSEARCH" lexicon build -o "$WORK/curated.tsv"
mkdir -p "$WORK/records"
cp "$ROOT"/corpus/*.txt "$WORK/records/"
id_of() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["lexicon_id"])' "$WORK/out"; }

# Written by the build, durable and whole: the first search maps it and changes nothing.
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --lexicon "$WORK/ncbi.tsv" --format json --ext .txt "$WORK/records"
ncbi_id=$(id_of)
image="$WORK/db/lexicon-$ncbi_id.img"
[ -s "$image" ] || fail "the build wrote $image: $(ls "$WORK/db")"
before=$(stat -c '%i %Y %s' "$image")
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json CD340
json_check "$WORK/out" 'j["total"] == 2'
[ "$(stat -c '%i %Y %s' "$image")" = "$before" ] || fail "the first search wrote the image again"
[ ! -e "$cache" ] || fail "the first search wrote to the cache: $(ls "$cache")"
# Valid: the same bytes a search writes from the index's stored lexicon.
mv "$image" "$WORK/built.img"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json CD340
cmp -s "$image" "$WORK/built.img" || fail "the build's image differs from the one a search writes"

expect_status 0 "$CAPSEARCH" check --db "$WORK/db"
# `check` compares the image byte for byte with the stored lexicon's: one flipped byte is named.
python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 0x55; open(p, "wb").write(b)' "$image"
expect_status 1 "$CAPSEARCH" check --db "$WORK/db"
expect_grep "$WORK/out" "$image: the lexicon image differs from the index's stored lexicon" "check names a damaged image"
head -c 1000 "$WORK/built.img" >"$image"
expect_status 1 "$CAPSEARCH" check --db "$WORK/db"
expect_grep "$WORK/out" "$image: truncated lexicon image" "check names a truncated image"

# A damaged image is replaced by the next sync (it checks, rather than trusting the name).
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --ext .txt "$WORK/records"
cmp -s "$image" "$WORK/built.img" || fail "a sync replaces a damaged image"
expect_status 0 "$CAPSEARCH" check --db "$WORK/db"

# Another lexicon: its image comes with the sync, the old one goes (a leftover temporary file too).
: >"$WORK/db/lexicon-$ncbi_id.img.tmp.999999"
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --lexicon "$WORK/curated.tsv" --format json --ext .txt "$WORK/records"
json_check "$WORK/out" 'j["lexicon_changed"]'
curated_id=$(id_of)
images=$(cd "$WORK/db" && ls lexicon-*)
[ "$images" = "lexicon-$curated_id.img" ] || fail "only the new lexicon's image is left: $images"
expect_status 1 "$CAPSEARCH" search --db "$WORK/db" CD340
# A rebuild keeps it.
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --rebuild --ext .txt "$WORK/records"
[ -s "$WORK/db/lexicon-$curated_id.img" ] || fail "a rebuild keeps the image: $(ls "$WORK/db")"

# synonyms --lexicon FILE: parsed and cached once, then mapped; the same answers as without a cache.
mkdir -p "$cache"
: >"$cache/lexicon-lex1-00000000000000aa.img"
: >"$cache/lexicon-lex1-00000000000000bb.img"
: >"$cache/lexicon-lex1-00000000000000cc.img.tmp.4242"
touch -d '40 days ago' "$cache/lexicon-lex1-00000000000000aa.img" "$cache/lexicon-lex1-00000000000000cc.img.tmp.4242"
touch -d '20 days ago' "$cache/lexicon-lex1-00000000000000bb.img"
for fmt in text json; do
  env -u XDG_CACHE_HOME HOME= "$CAPSEARCH" synonyms --lexicon "$WORK/ncbi.tsv" --format $fmt HER2 CD340 Akt >"$WORK/nocache.$fmt" ||
    fail "synonyms without a cache"
  for run in first second; do
    expect_status 0 "$CAPSEARCH" synonyms --lexicon "$WORK/ncbi.tsv" --format $fmt HER2 CD340 Akt
    cmp -s "$WORK/out" "$WORK/nocache.$fmt" || fail "synonyms ($fmt, $run run) answer as the parsed file: $(diff "$WORK/out" "$WORK/nocache.$fmt" | head -5)"
  done
done
expect_grep "$WORK/nocache.text" "ERBB2" "synonyms explain HER2"
cached="$cache/lexicon-$ncbi_id.img"
[ -s "$cached" ] || fail "synonyms cached the file's image: $(ls "$cache")"
[ ! -e "$cache/lexicon-lex1-00000000000000aa.img" ] || fail "an image unused for 40 days is pruned"
[ ! -e "$cache/lexicon-lex1-00000000000000cc.img.tmp.4242" ] || fail "an old temporary file is pruned"
[ -e "$cache/lexicon-lex1-00000000000000bb.img" ] || fail "an image used 20 days ago is kept"
# The cached image is what answers: damaged, it is named.
cp "$cached" "$WORK/cached.img"
head -c 1000 "$WORK/cached.img" >"$cached"
expect_status 2 "$CAPSEARCH" synonyms --lexicon "$WORK/ncbi.tsv" HER2
expect_grep "$WORK/err" "$cached: truncated lexicon image" "the damaged cached image is named"
expect_grep "$WORK/err" "writes it again from $WORK/ncbi.tsv" "the advice names the lexicon file"
cp "$WORK/cached.img" "$cached"

# An image of the same lexicon in the cache does not stand in for the index's own (the cache is pruned).
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --lexicon "$WORK/ncbi.tsv" --ext .txt "$WORK/records"
[ -s "$image" ] || fail "the sync to the NCBI lexicon wrote $image"
rm "$image"
expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --ext .txt "$WORK/records"
cmp -s "$image" "$WORK/built.img" || fail "a sync writes the index's image even when the cache holds it"

# Use touches the image's mtime, at most once a day.
touch -d '3 days ago' "$cached"
expect_status 0 "$CAPSEARCH" synonyms --lexicon "$WORK/ncbi.tsv" HER2
[ $(($(date +%s) - $(stat -c %Y "$cached"))) -lt 3600 ] || fail "a use touches an image last touched 3 days ago"
touch -d '2 hours ago' "$cached"
stamp=$(stat -c %Y "$cached")
expect_status 0 "$CAPSEARCH" synonyms --lexicon "$WORK/ncbi.tsv" HER2
[ "$(stat -c %Y "$cached")" = "$stamp" ] || fail "a use does not touch an image touched 2 hours ago"
finish
