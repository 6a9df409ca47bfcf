#!/usr/bin/env bash
# Do two capsearch builds read the same records? Indexes the real records in ../shared/corpus/pfocr and
# N generated ones (build/bench/gencorpus) with each program, one thread, and compares every document:
# stored fields, values, and terms with their wdf. Written to check a change of YAML parser (libyaml ->
# yaml-cpp, issue 12): Records that differ in any indexed field give different documents.
#
# Usage: bench/records_compare.sh OLD_CAPSEARCH NEW_CAPSEARCH [--count N] [--lexicon TSV] [--build DIR]
#                                  [--work DIR]
#   Give --lexicon when either program has a lexicon.tsv beside it, so that both analyse alike.
#   Exit 0 when every document is identical, 1 with the first differences otherwise.
#   An old program from another build folder: copy it with its libcapsearch.so* and set LD_LIBRARY_PATH.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { sed -n '8,12p' "$0" >&2; exit 2; }
old=$1 new=$2
shift 2
count=2000 build="$repo/build" work="" lexicon=()
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count=$2; shift 2 ;;
        --lexicon) lexicon=(--lexicon "$2"); shift 2 ;;
        --build) build=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) echo "records_compare.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
shared="${CAPSEARCH_SHARED_DIR:-$repo/../shared}"
[ -d "$shared/corpus/pfocr" ] || { echo "records_compare.sh: no $shared/corpus/pfocr" >&2; exit 2; }
command -v xapian-delve >/dev/null || { echo "records_compare.sh: needs xapian-delve (xapian-tools)" >&2; exit 2; }
if [ -z "$work" ]; then
    work=$(mktemp -d /tmp/capsearch-records-compare.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi

"$build/bench/gencorpus" --count "$count" --seed 42 --source "$shared/corpus/pfocr" --out "$work/generated" \
    --force >/dev/null

# dump DB: every document's values, data and terms (with wdf), as xapian-delve prints them.
dump() {
    local n
    n=$(xapian-delve "$1" | sed -n 's/^highest document id ever used = //p')
    xapian-delve -1 -v -d -V $(seq -f '-r %.0f' 1 "$n") "$1" | grep -v '^Term List for record #[0-9]*: [0-9]* terms'
}

status=0
for set in real generated; do
    if [ "$set" = real ]; then records="$shared/corpus/pfocr"; else records="$work/generated"; fi
    for side in old new; do
        program=$old
        [ "$side" = new ] && program=$new
        "$program" index --db "$work/$set-$side" --threads 1 --quiet "${lexicon[@]}" "$records" \
            2>"$work/$set-$side.stderr" || true
        sed "s#$work/$set-$side#DB#g" "$work/$set-$side.stderr" >"$work/$set-$side.err"
        dump "$work/$set-$side" >"$work/$set-$side.dump"
    done
    docs=$(grep -c '^Data for record' "$work/$set-new.dump" || true)
    if cmp -s "$work/$set-old.dump" "$work/$set-new.dump" && cmp -s "$work/$set-old.err" "$work/$set-new.err"; then
        echo "$set: $docs documents identical (stored fields, values, terms and wdf); same messages"
    else
        echo "$set: DIFFERENT ($docs documents)"
        diff "$work/$set-old.err" "$work/$set-new.err" | head -20 || true
        diff "$work/$set-old.dump" "$work/$set-new.dump" | head -40 || true
        status=1
    fi
done
exit "$status"
