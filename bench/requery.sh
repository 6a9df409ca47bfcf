#!/usr/bin/env bash
# The query mix of bench/run.sh in one process against an index that already exists (e.g. the 1M index
# of an earlier `bench/run.sh --sizes 1000000`, which takes most of an hour to build), optionally with
# another query_bench (e.g. the previous commit's) alternated with it on the same index.
#   bench/requery.sh --db DB [--build DIR] [--before BIN] [--sets S] [--rounds R] [--warmup W]
#   --db       the index (its analysis version must be the program's: capsearch refuses another)
#   --build    the build folder whose bench/query_bench is measured (default build-bench, as run.sh)
#   --before   another query_bench, run in turn with it (each with its own cache folder, since the
#              two may keep facet tables in different formats)
#   --sets     alternations (default 5); each runs --rounds/--sets rounds after --warmup rounds
#   --rounds   rounds of the mix in all (default 50, as bench/run.sh), --warmup per set (default 3)
# Prints Markdown: p50/p95/p99 over every request and over those with facets, then each request's
# median, in ms.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=$repo/build-bench db="" before="" sets=5 rounds=50 warmup=3
die() { echo "requery: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --before) before=${2:?}; shift 2 ;;
    --sets) sets=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    *) die "unknown argument $1 (see the header of $0)" ;;
  esac
done
[ -n "$db" ] || die "--db DB is required"
[ -d "$db" ] || die "$db is not an index folder"
for v in "$sets" "$rounds"; do case "$v" in '' | *[!0-9]* | 0) die "--sets and --rounds take positive numbers, not '$v'" ;; esac; done
case "$warmup" in '' | *[!0-9]*) die "--warmup takes a number, not '$warmup'" ;; esac
now=$build/bench/query_bench
[ -x "$now" ] || die "$now is missing (cmake --build $build --target bench_query_bench)"
[ -z "$before" ] || [ -x "$before" ] || die "$before is not an executable"
mix=$repo/bench/query_mix.tsv  # bench/run.sh's
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cache-now" "$work/cache-before"

per_set=$(( (rounds + sets - 1) / sets ))
echo "requery: $sets sets of $per_set rounds (+$warmup warm-up) on $db, $(cut -d' ' -f1-3 /proc/loadavg) load" >&2
for s in $(seq "$sets"); do
  if [ -n "$before" ]; then
    XDG_CACHE_HOME=$work/cache-before "$before" --db "$db" --mix "$mix" --rounds "$per_set" --warmup "$warmup" \
      --samples "$work/before-$s.csv" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; die "$before failed"; }
  fi
  XDG_CACHE_HOME=$work/cache-now "$now" --db "$db" --mix "$mix" --rounds "$per_set" --warmup "$warmup" \
    --samples "$work/now-$s.csv" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; die "$now failed"; }
done

python3 - "$work" "${before:+before}" <<'PY'
import csv, glob, os, statistics, sys
work, has_before = sys.argv[1], sys.argv[2] == "before"
def load(name):
    rows = []
    for f in sorted(glob.glob(os.path.join(work, name + "-*.csv"))):
        rows += [(r["query"], r["variant"], float(r["microseconds"]) / 1000) for r in csv.DictReader(open(f))]
    return rows
def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
runs = ([("before", load("before"))] if has_before else []) + [("now", load("now"))]
print("| program | samples | p50 | p95 | p99 | facets p50 | facets p95 | facets p99 |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, rows in runs:
    allv = [t for _, _, t in rows]
    fac = [t for _, v, t in rows if "facets" in v]
    print(f"| {name} | {len(allv)} | " + " | ".join(f"{pct(x, q):.2f}" for x in (allv, fac) for q in (.5, .95, .99)) + " |")
print()
print("| request | " + " | ".join(n for n, _ in runs) + " |")
print("| --- | " + " | ".join("---:" for _ in runs) + " |")
keys = sorted({(q, v) for q, v, _ in runs[-1][1]})
for q, v in keys:
    meds = [statistics.median([t for qq, vv, t in rows if (qq, vv) == (q, v)]) for _, rows in runs]
    print(f"| {q} {v} | " + " | ".join(f"{m:.2f}" for m in meds) + " |")
PY
