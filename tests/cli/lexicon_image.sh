#!/usr/bin/env bash
# Searches map the index's lexicon image instead of parsing the stored lexicon: written once beside the
# index (or in $XDG_CACHE_HOME for a remote shard, served here by xapian-tcpsrv on 127.0.0.1), then
# used; a truncated or foreign image is a one-line error naming it, and a deleted one is written again.
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/tcpsrv.bash"
export XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$WORK/records"
cp "$ROOT"/corpus/*.txt "$WORK/records/"
"$CAPSEARCH" index --db "$WORK/db" --quiet --ext .txt "$WORK/records" 2>/dev/null || fail "index"

expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json HER2
json_check "$WORK/out" 'j["total"] == 2'
images=("$WORK"/db/lexicon-*.img)
[ ${#images[@]} -eq 1 ] && [ -s "${images[0]}" ] || fail "one lexicon image in the index folder: ${images[*]}"
image=${images[0]}
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json HER2
json_check "$WORK/out" 'j["total"] == 2'
expect_status 0 "$CAPSEARCH" synonyms --db "$WORK/db" HER2
expect_grep "$WORK/out" "ERBB2" "synonyms from the mapped image"

cp "$image" "$WORK/good.img"
head -c 1000 "$WORK/good.img" >"$image"
expect_status 2 "$CAPSEARCH" search --db "$WORK/db" HER2
expect_grep "$WORK/err" "$image: truncated lexicon image (1000 bytes, its header says" "a truncated image is named"
[ "$(wc -l <"$WORK/err")" -eq 1 ] || fail "one line for a truncated image: $(cat "$WORK/err")"
printf '# capsearch-lexicon 1\n' >"$image"
expect_status 2 "$CAPSEARCH" search --db "$WORK/db" HER2
expect_grep "$WORK/err" "$image: not a capsearch lexicon image" "a foreign file is named"
rm "$image"
expect_status 0 "$CAPSEARCH" search --db "$WORK/db" --format json HER2
json_check "$WORK/out" 'j["total"] == 2'
cmp -s "$image" "$WORK/good.img" || fail "a deleted image is written again, the same"

# A remote shard: the image goes to the cache, once; the next opens map it (a damaged one proves it).
if command -v xapian-tcpsrv >/dev/null; then
  gen=$(cut -d' ' -f2 "$WORK/db/XAPIANDB")
  serve port "$WORK/db/$gen"
  printf 'remote 127.0.0.1:%s\n' "$port" >"$WORK/remote.stub"
  cached="$XDG_CACHE_HOME/capsearch/lexicons/$(basename "$image")"
  expect_status 0 "$CAPSEARCH" search --db "$WORK/remote.stub" --format json HER2
  json_check "$WORK/out" 'j["total"] == 2'
  cmp -s "$cached" "$WORK/good.img" || fail "the remote shard's image is cached: $(ls -R "$XDG_CACHE_HOME")"
  head -c 1000 "$WORK/good.img" >"$cached"
  expect_status 2 "$CAPSEARCH" search --db "$WORK/remote.stub" HER2
  expect_grep "$WORK/err" "$cached: truncated lexicon image" "the remote search maps the cached image"
  rm "$cached"
  expect_status 0 "$CAPSEARCH" search --db "$WORK/remote.stub" --format json HER2
  json_check "$WORK/out" 'j["total"] == 2'
  stop_tcpsrv "$port"
else
  echo "note: xapian-tcpsrv is missing; the remote part is skipped" >&2
fi
finish
