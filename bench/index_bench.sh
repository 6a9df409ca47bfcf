#!/usr/bin/env bash
# Indexing benchmark (issues 4 and 16): full build, sync with 0% and 1% of the records changed, a rebuild,
# and a sync that must analyse every record again (the lexicon changed), with wall time, CPU time and peak
# memory, on N PFOCR-shaped records made by build/bench/gencorpus from the
# real records in ../shared/corpus/pfocr. Results and the machine they came from: bench/INDEXING.md.
#
# Usage: bench/index_bench.sh [--count N] [--seed S] [--threads T] [--build DIR] [--work DIR] [--keep]
#   --count    records to generate (default 100000)
#   --threads  worker threads for `capsearch index` (default 0 = one per core)
#   --build    build folder holding capsearch and bench/gencorpus (default build)
#   --work     scratch folder (default: a new one under /tmp, removed afterwards unless --keep)
# Needs GNU time (/usr/bin/time; Debian package `time`) for the peak memory.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
count=100000 seed=42 threads=0 build="$repo/build" work="" keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "index_bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
capsearch="$build/capsearch"
gencorpus="$build/bench/gencorpus"
shared="${CAPSEARCH_SHARED_DIR:-$repo/../shared}"
for tool in "$capsearch" "$gencorpus"; do
    [ -x "$tool" ] || { echo "index_bench.sh: $tool not built (cmake --build $build)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "index_bench.sh: needs GNU time: apt-get install -y time" >&2; exit 2; }
[ -d "$shared/corpus/pfocr" ] || { echo "index_bench.sh: no $shared/corpus/pfocr" >&2; exit 2; }
if [ -z "$work" ]; then work=$(mktemp -d /tmp/capsearch-index-bench.XXXXXX); fi
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
records="$work/records" db="$work/db"

echo "# capsearch index benchmark: $count records, seed $seed, threads $threads ($(nproc) cores)"
echo "# $(uname -srm); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$gencorpus" --count "$count" --seed "$seed" --source "$shared/corpus/pfocr" --out "$records" --force >/dev/null
# A nightly job sees files written long ago; files younger than two seconds are re-hashed on every run
# (their size and mtime are not trusted), which would flatter nothing but blur the measurement.
find "$records" -type f -name '*.md' -print0 | xargs -0 touch -d '1 hour ago'
echo "# corpus: $(find "$records" -type f -name '*.md' | wc -l) files, $(du -sh "$records" | cut -f1)"

# run LABEL ARGS...: runs `capsearch index` under GNU time; prints one result line.
run() {
    local label=$1; shift
    local out="$work/$label.json" timing="$work/$label.time"
    local status=0
    /usr/bin/time -v -o "$timing" "$capsearch" index --db "$db" --format json --quiet --threads "$threads" \
        "$@" "$records" >"$out" 2>"$work/$label.stderr" || status=$?
    if [ "$status" -gt 1 ]; then echo "index_bench.sh: $label failed (exit $status)" >&2; exit 1; fi
    python3 - "$label" "$out" "$timing" <<'PY'
import json, re, sys
label, out, timing = sys.argv[1:]
report = json.loads(open(out).read().strip().splitlines()[-1])
t = open(timing).read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
parts = [float(p) for p in wall.split(":")]
wall_s = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
user = float(re.search(r"User time \(seconds\): (\S+)", t).group(1))
system = float(re.search(r"System time \(seconds\): (\S+)", t).group(1))
print(f"{label:<12} wall {wall_s:8.2f} s  cpu {user + system:8.2f} s  peak RSS {rss_kb / 1024:7.1f} MiB  "
      f"added {report['added']} updated {report['updated']} deleted {report['deleted']} "
      f"unchanged {report['unchanged']} skipped {len(report['skipped'])} documents {report['documents']}")
PY
}

run full-build
run sync-0pct
# 1% of the records change: every 100th file (in sorted order) gets a revised figure title.
find "$records" -type f -name '*.md' | sort | awk 'NR % 100 == 0' >"$work/changed.txt"
xargs -a "$work/changed.txt" -d '\n' sed -i -e "s/^figtitle: '/figtitle: 'Revised /;t" \
    -e 's/^figtitle: "/figtitle: "Revised /;t' -e 's/^figtitle: /figtitle: Revised /'
xargs -a "$work/changed.txt" -d '\n' touch -d '30 minutes ago'
echo "# changed $(wc -l <"$work/changed.txt") files"
run sync-1pct
run rebuild --rebuild
# The lexicon changes (here to the curated names alone, which `capsearch lexicon build` writes without
# NCBI's data): every record must be analysed again, and the sync takes the full build's parallel path.
"$capsearch" lexicon build -o "$work/curated.tsv" >/dev/null 2>"$work/curated.stderr"
run sync-relex --lexicon "$work/curated.tsv"
echo "# index size: $(du -sh "$db" | cut -f1); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
