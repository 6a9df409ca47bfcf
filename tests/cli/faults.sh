#!/usr/bin/env bash
# Injected faults on a small tmpfs (issue 13): a full disk during a first build and a rebuild leaves
# no leftovers (no generation, no work folder, no empty index), and a read-only index says so.
# Needs `mount` (root); skipped (exit 77) where mounting is not permitted.
source "$(dirname "$0")/common.bash"

MNT="$WORK/mnt"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=2m tmpfs "$MNT" 2>/dev/null; then
  echo "SKIPPED (cannot mount a tmpfs here)"
  exit 77
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT

# The curated core lexicon only: the sizes below must not depend on whether build/lexicon.tsv
# (NCBI, stored in every index) is there.
"$CAPSEARCH" lexicon build -o "$WORK/lexicon.tsv" >/dev/null || fail "lexicon build"
export CAPSEARCH_LEXICON="$WORK/lexicon.tsv"

# Enough records to overflow 2 MB: the repository's fixtures, each under 400 figids.
mkdir -p "$WORK/many" "$WORK/few"
cp "$ROOT"/tests/fixtures/records/good/*.md "$WORK/few/"
n=0
for f in "$ROOT"/tests/fixtures/records/good/*.md; do
  for i in $(seq 400); do
    n=$((n + 1))
    sed "s/^figid: .*/figid: FULL${n}__f1/" "$f" >"$WORK/many/r$n.md"
  done
done

# A first build that fills the disk is an error and leaves no index at all.
expect_status 2 "$CAPSEARCH" index --db "$MNT/db" "$WORK/many"
expect_grep "$WORK/err" "No space left on device" "first build on a full disk"
[ ! -e "$MNT/db" ] || fail "a failed first build left $(ls "$MNT/db" | tr '\n' ' ')"
expect_status 2 "$CAPSEARCH" search --db "$MNT/db" kinase
expect_grep "$WORK/err" "no index at" "no empty index after a failed first build"

# A rebuild that fills the disk keeps the old index and removes what it wrote.
expect_status 0 "$CAPSEARCH" index --db "$MNT/db" "$WORK/few"
before=$(ls "$MNT/db")
expect_status 2 "$CAPSEARCH" index --db "$MNT/db" --rebuild "$WORK/many"
expect_grep "$WORK/err" "No space left on device" "rebuild on a full disk"
[ "$(ls "$MNT/db")" = "$before" ] || fail "a failed rebuild left: $(ls "$MNT/db" | tr '\n' ' ') (before: $before)"
expect_status 0 "$CAPSEARCH" search --db "$MNT/db" --format json ""
json_check "$WORK/out" "j['total'] == $(ls "$WORK/few" | wc -l)"

# A sync in place on a full disk is refused before its commit, and the index keeps what it had: Xapian
# ends the process if a disk fills during a commit, so capsearch checks for room first.
mkdir -p "$WORK/more"
cp "$WORK/few/"*.md "$WORK/more/"
cp "$WORK"/many/r1.md "$WORK"/many/r2.md "$WORK"/many/r3.md "$WORK/more/"
# Filled but for 300 KiB: enough to open the index and analyse, not for the commit's estimate (about
# 640 KiB here). Then filled entirely: Xapian's own error, as cleanly.
free_kib=$(df -k --output=avail "$MNT" | tail -1)
dd if=/dev/zero of="$MNT/filler" bs=1024 count=$((free_kib - 300)) 2>/dev/null
expect_status 2 "$CAPSEARCH" index --db "$MNT/db" "$WORK/more"
expect_grep "$WORK/err" "index $MNT/db: No space left on device: committing 11 changes needs about" \
  "sync in place on a nearly full disk"
dd if=/dev/zero of="$MNT/filler2" bs=4096 2>/dev/null
expect_status 2 "$CAPSEARCH" index --db "$MNT/db" "$WORK/more"
expect_grep "$WORK/err" "No space left on device" "sync in place on a full disk"
expect_no_grep "$WORK/err" "internal error" "sync in place on a full disk"
rm -f "$MNT/filler" "$MNT/filler2"
expect_status 0 "$CAPSEARCH" search --db "$MNT/db" --format json ""
json_check "$WORK/out" "j['total'] == $(ls "$WORK/few" | wc -l)"
expect_status 0 "$CAPSEARCH" index --db "$MNT/db" "$WORK/more"
expect_status 0 "$CAPSEARCH" search --db "$MNT/db" --format json ""
json_check "$WORK/out" "j['total'] == $(ls "$WORK/more" | wc -l)"

# A compaction without room for its copy is refused before it writes, and leaves the index as it was.
before=$(ls "$MNT/db")
free_kib=$(df -k --output=avail "$MNT" | tail -1)
dd if=/dev/zero of="$MNT/filler" bs=1024 count=$((free_kib - 100)) 2>/dev/null
expect_status 2 "$CAPSEARCH" compact --db "$MNT/db"
expect_grep "$WORK/err" "index $MNT/db: No space left on device: compacting needs about" "compaction on a full disk"
[ "$(ls "$MNT/db")" = "$before" ] || fail "a failed compaction left: $(ls "$MNT/db" | tr '\n' ' ') (before: $before)"
rm -f "$MNT/filler"
expect_status 0 "$CAPSEARCH" search --db "$MNT/db" --format json ""
json_check "$WORK/out" "j['total'] == $(ls "$WORK/more" | wc -l)"

# A read-only index says it cannot be written, and why; searching it still works.
mount -o remount,ro "$MNT"
expect_status 2 "$CAPSEARCH" index --db "$MNT/db" "$WORK/few"
expect_grep "$WORK/err" "index $MNT/db cannot be written: Read-only file system" "read-only index"
expect_no_grep "$WORK/err" "another process" "read-only index"
expect_status 2 "$CAPSEARCH" index --db "$MNT/new" "$WORK/few"
expect_grep "$WORK/err" "cannot be written: Read-only file system" "read-only folder for a new index"
expect_status 0 "$CAPSEARCH" search --db "$MNT/db" kinase

finish
