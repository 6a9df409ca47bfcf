#!/usr/bin/env bash
# Issue 11's benchmark: one index against N local shards (`capsearch index --shards N`) and the same N
# shards served by xapian-tcpsrv on loopback, on one generated corpus: build time (the shards are built
# in parallel by one command), size, and query latency of the same mix in one long-lived process
# (bench/query_bench), with every total checked equal across the three.
#
# Usage: bench/shards.sh [--n 1000000] [--shards 4] [--build DIR] [--work DIR] [--out FILE]
#                        [--rounds R] [--warmup W] [--seed S] [--reuse]
#   --n       records (default 1,000,000; the corpus is shared with bench/run.sh's corpus-N)
#   --shards  shard count (default 4)
#   --build   capsearch build folder (default build-bench, configured as Release when new)
#   --work    corpora, indexes and raw outputs (default <build>/bench-work)
#   --out     the results page (default bench/results/shards-N.md)
#   --reuse   keep an index built by an earlier run (its commit and binary are named in the results);
#             the query timings are always measured again
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=common.bash
source "$repo/bench/common.bash"
n=1000000
shards=4
build=""
work=""
out=""
rounds=20
warmup=2
seed=42
reuse=0
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=${2:?}; shift 2 ;;
    --shards) shards=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --reuse) reuse=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ "$n" =~ ^[0-9]+$ ]] || die "bad --n $n"
[[ "$shards" =~ ^[0-9]+$ ]] && [ "$shards" -ge 2 ] || die "--shards must be at least 2"
command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv is missing (apt-get install xapian-tools)"
command -v /usr/bin/time >/dev/null || die "/usr/bin/time is missing (apt-get install time)"
build=$(cd "$repo" && mkdir -p "${build:-build-bench}" && cd "${build:-build-bench}" && pwd)
work=${work:-$build/bench-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)
out=${out:-$repo/bench/results/shards-$n.md}
source_dir=$(cd "$repo/../shared/corpus/pfocr" 2>/dev/null && pwd) ||
  die "../shared/corpus/pfocr (the real records the corpus is generated from) is missing"

bench_build "$repo" "$build" capsearch_cli bench_gencorpus bench_query_bench
capsearch=$build/capsearch
bench_lexicon "$repo" "$build"
[ -s "$build/lexicon.tsv" ] || die "the NCBI gene lexicon is needed (scripts/fetch-gene-data.sh)"
bench_corpus "$build" "$source_dir" "$work/corpus-$n" "$n" "$seed"
corpus=$work/corpus-$n
run=$work/shards-$n
mkdir -p "$run"
# bench/run.sh's query mix (query_bench reads its capsearch column): five queries, each plain / facets /
# filters / facets+filters.
mix=$repo/bench/query_mix.tsv

# build NAME ARGS... : `capsearch index --db $run/NAME-db ARGS $corpus` under /usr/bin/time, unless
# --reuse finds it built; NAME.time holds "wall user sys maxrss_kb", NAME.built the commit and binary.
build_index() {
  local name=$1 status=0
  shift
  if [ "$reuse" = 1 ] && [ -f "$run/$name.built" ]; then
    echo "bench: reusing $name ($(head -1 "$run/$name.built"))" >&2
    return 0
  fi
  rm -rf "$run/$name-db" "$run/$name.built"
  find "$corpus" -name '*.md' -print0 | xargs -0 cat >/dev/null  # the same warm page cache for each
  echo "bench: building $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))" >&2
  echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)" > "$run/$name.load"
  /usr/bin/time -f '%e %U %S %M' -o "$run/$name.time" "$capsearch" index --db "$run/$name-db" --quiet \
    "$@" "$corpus" >"$run/$name.out" 2>"$run/$name.err" || status=$?
  [ "$status" -eq 0 ] || { tail -n 20 "$run/$name.err" >&2; die "$name build failed (exit $status)"; }
  echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$run/$name.load"
  du -sb "$run/$name-db" | cut -f1 > "$run/$name.size"
  {
    echo "commit $(git -C "$repo" rev-parse --short HEAD) $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "binary $(sha256sum "$capsearch" | cut -c1-16)"
  } > "$run/$name.built"
}
build_index one
build_index sharded --shards "$shards"

# The shard folders, from the sharded index's own stats.
mapfile -t shard_paths < <("$capsearch" stats --db "$run/sharded-db" --format json |
  /usr/bin/python3 -c 'import json, sys; [print(s["path"]) for s in json.load(sys.stdin)["shards"]]')
[ "${#shard_paths[@]}" -eq "$shards" ] || die "stats lists ${#shard_paths[@]} shards, not $shards"

# Serve each shard with xapian-tcpsrv on 127.0.0.1 (the test suite's helper: free ports, own sessions,
# every server stopped at exit).
WORK=$(mktemp -d /tmp/capsearch-shards-bench.XXXXXX)
# shellcheck source=../tests/cli/tcpsrv.bash
source "$repo/tests/cli/tcpsrv.bash"
remotes=()
for path in "${shard_paths[@]}"; do
  start_free port xapian-tcpsrv --quiet "$path" || die "xapian-tcpsrv did not start for $path"
  remotes+=(--remote "127.0.0.1:$port")
done
"$capsearch" stub "${remotes[@]}" -o "$run/remote.stub"

# query NAME DB : the mix in one process; NAME.json holds query_bench's JSON lines.
query() {
  echo "bench: queries on $1 ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))" >&2
  "$build/bench/query_bench" --db "$2" --mix "$mix" --rounds "$rounds" --warmup "$warmup" \
    --samples "$run/$1-samples.csv" > "$run/$1.json"
}
query one "$run/one-db"
query sharded "$run/sharded-db"
query remote "$run/remote.stub"

/usr/bin/python3 - "$run" "$n" "$shards" "$rounds" "$warmup" "$out" <<'EOF'
import json, os, sys
run, n, shards, rounds, warmup, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
rows = [("one", "one index"), ("sharded", f"{shards} local shards"), ("remote", f"{shards} shards behind xapian-tcpsrv (loopback)")]
def lines(name):
    return [json.loads(l) for l in open(f"{run}/{name}.json") if l.strip()]
def group(name, g):
    return next(l for l in lines(name) if l.get("group") == g)
def totals(name):
    return {(l["query"], l["variant"]): l["total"] for l in lines(name) if "total" in l}
ref = totals("one")
bad = [(name, k, totals(name).get(k), v) for name, _ in rows[1:] for k, v in ref.items() if totals(name).get(k) != v]
md = []
md.append(f"# One index against {shards} shards, {n:,} generated records\n")
md.append("Produced by `bench/shards.sh` (issue 11); see bench/README.md \"Shards\" for what is measured.\n")
md.append("| | |\n| --- | --- |")
for name, label in rows[:2]:
    for l in open(f"{run}/{name}.built"):
        md.append(f"| {label}: built by | {l.strip()} |")
    for l in open(f"{run}/{name}.load"):
        md.append(f"| {label}: {l.split()[0].replace('_', ' ')} | {' '.join(l.split()[1:])} |")
md.append(f"| cpu | {open('/proc/cpuinfo').read().count('processor')} cores |")
md.append(f"| rounds | {rounds} timed after {warmup} warm-up, 20 requests each |")
md.append("")
md.append("## Build\n")
md.append("| index | wall s | CPU s | peak RSS MiB | size MiB | wall vs one index |")
md.append("| --- | ---: | ---: | ---: | ---: | ---: |")
one_wall = None
for name, label in rows[:2]:
    wall, user, sys_, rss = open(f"{run}/{name}.time").read().split()
    size = int(open(f"{run}/{name}.size").read())
    one_wall = one_wall or float(wall)
    md.append(f"| {label} | {float(wall):,.1f} | {float(user) + float(sys_):,.1f} | {int(rss) / 1024:,.0f} | {size / 2**20:,.0f} | {float(wall) / one_wall:.2f}x |")
md.append("")
md.append("## Queries (ms; one process, sequential)\n")
md.append("The 10 requests of the mix with facets (year and organism counts over all matches), and all 20. "
          "CPU is the searching thread's; for the remote shards most of the work is done in the tcpsrv "
          "processes, so only wall time compares.\n")
md.append("| index | facets p50 | facets p99 | p50 vs one | p99 vs one | all p50 | all p99 | facets CPU p50 |")
md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
base = group("one", "facets")
for name, label in rows:
    f, a = group(name, "facets"), group(name, "all")
    md.append(f"| {label} | {f['p50_ms']:.2f} | {f['p99_ms']:.2f} | {f['p50_ms'] / base['p50_ms']:.2f}x | "
              f"{f['p99_ms'] / base['p99_ms']:.2f}x | {a['p50_ms']:.2f} | {a['p99_ms']:.2f} | {f['cpu_p50_ms']:.2f} |")
md.append("")
md.append("## Totals\n")
md.append("Exact matches per request; every request's total must be the same on the three.\n")
md.append("| query | variant | one index | local shards | remote shards |")
md.append("| --- | --- | ---: | ---: | ---: |")
for (q, v), t in sorted(ref.items()):
    md.append(f"| {q} | {v} | {t:,} | {totals('sharded')[(q, v)]:,} | {totals('remote')[(q, v)]:,} |")
md.append("")
md.append("**All totals agree.**" if not bad else "**TOTALS DIFFER:** " + "; ".join(map(str, bad)))
os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
open(out, "w").write("\n".join(md) + "\n")
print("\n".join(md))
sys.exit(1 if bad else 0)
EOF
