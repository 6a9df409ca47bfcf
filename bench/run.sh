#!/usr/bin/env bash
# The benchmark in one command: capsearch against SQLite FTS5 (Python + PyYAML's libyaml loader) and Xapian's
# scriptindex on generated PFOCR corpora: full index build (wall, CPU, records/s, peak RSS, size), query
# latency in one process, and whole-process latency (capsearch search against the sqlite3 program).
#
# Usage: bench/run.sh [--sizes 20000,100000] [--engines LIST] [--with-1m] [--peers-at-1m] [--reuse] [--quick]
#                     [--build DIR] [--work DIR] [--out DIR] [--rounds R] [--warmup W] [--seed S] [--no-install]
#   --quick     the CI smoke version: N = 2000, 5 timed rounds (5 processes per query), no pure-Python
#               YAML row, results under the work folder; exits non-zero when any step fails or any engine
#               indexes or finds the wrong number of figures
#   --with-1m   add N = 1,000,000; at that size only capsearch runs unless --peers-at-1m is given (the
#               peers need hours there on 2 cores, mostly the pure-Python YAML row and scriptindex)
#   --engines   which engines run (default capsearch,fts5,fts5py,xapian; capsearch always runs; fts5py
#               is the FTS5 build with the pure-Python YAML loader)
#   --reuse     keep the measurements of a size already measured with the same binaries, seed and
#               rounds, and the engines it ran then (e.g. `--reuse --with-1m` after a 10k/100k run adds
#               only the 1M size)
#   --build     capsearch build folder (default build-bench, configured as Release when new)
#   --work      corpora, indexes and raw outputs (default <build>/bench-work)
#   --out       where results.md, results.csv and latency.png go (default bench/results; quick: <work>/results)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=common.bash
source "$repo/bench/common.bash"
sizes="20000,100000"  # issue 16 compares the engines at 20k and 100k
with_1m=0
peers_at_1m=0
reuse=0
quick=0
build=""
work=""
out=""
rounds=50
warmup=3
process_runs=30  # fresh processes timed per query and program (process_latency.py)
engine_choice="capsearch,fts5,fts5py,xapian"
seed=42
install=1

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=${2:?}; shift 2 ;;
    --with-1m) with_1m=1; shift ;;
    --peers-at-1m) peers_at_1m=1; shift ;;
    --reuse) reuse=1; shift ;;
    --quick) quick=1; shift ;;
    --build) build=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --no-install) install=0; shift ;;
    --engines) engine_choice=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
IFS=, read -r -a chosen <<< "$engine_choice"
for e in "${chosen[@]}"; do
  case "$e" in capsearch|fts5|fts5py|xapian) ;; *) die "unknown engine $e in --engines (capsearch, fts5, fts5py, xapian)" ;; esac
done
if [ "$quick" = 1 ]; then sizes=2000; rounds=5; warmup=1; process_runs=5; fi
[ "$with_1m" = 1 ] && sizes="$sizes,1000000"
build=$(cd "$repo" && mkdir -p "${build:-build-bench}" && cd "${build:-build-bench}" && pwd)
work=${work:-$build/bench-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ -z "$out" ]; then
  if [ "$quick" = 1 ]; then out=$work/results; else out=$repo/bench/results; fi
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
source_dir=$(cd "$repo/../shared/corpus/pfocr" 2>/dev/null && pwd) ||
  die "../shared/corpus/pfocr (the real records the corpora are generated from) is missing"
python=/usr/bin/python3  # Debian's python3 with Debian's python3-yaml (PyPI is not used)

# --- peers' packages --------------------------------------------------------------------------------
if [ "$install" = 1 ]; then
  pkgs=(sqlite3 libsqlite3-dev xapian-omega xapian-tools python3-yaml gnuplot-nox time hyperfine)
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "bench: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
for tool in scriptindex sqlite3 gnuplot /usr/bin/time "$python"; do
  command -v "$tool" >/dev/null || die "$tool is missing (run without --no-install, as root)"
done
"$python" -c 'import yaml, sqlite3; sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")' ||
  die "$python lacks PyYAML or SQLite FTS5"
# The FTS5 peer reads YAML with libyaml (yaml.CSafeLoader); a PyYAML without it would make the peer weak.
"$python" -c 'import sys, yaml; sys.exit(0 if yaml.__with_libyaml__ else 1)' ||
  die "$python's PyYAML lacks libyaml (yaml.__with_libyaml__ is false); install Debian's python3-yaml"
command -v hyperfine >/dev/null ||
  echo "bench: hyperfine is missing; process latency is timed with a plain loop instead" >&2

# --- build ----------------------------------------------------------------------------------------
bench_build "$repo" "$build" capsearch_cli bench_gencorpus bench_query_bench bench_xapian_peer_query \
  bench_records_to_scriptindex
capsearch=$build/capsearch
bench_lexicon "$repo" "$build"

# --- the query mix ----------------------------------------------------------------------------------
# bench/query_mix.tsv: one row per query, capsearch's syntax, then the same question in each peer's
# syntax. The gene query's peer spellings list the names capsearch's lexicon expands HER2 to
# (`capsearch synonyms HER2`), since neither peer expands names by itself; PFOCR's gene lists put the
# symbol ERBB2 in the genes field. bench/shards.sh runs its capsearch column.
mix=$work/query_mix.tsv
cp "$repo/bench/query_mix.tsv" "$mix"

# --- helpers ----------------------------------------------------------------------------------------
# measure DIR NAME CMD...: runs CMD under /usr/bin/time; DIR/NAME.time holds "wall user sys maxrss_kb".
measure() {
  local dir=$1 name=$2; shift 2
  local status=0
  /usr/bin/time -f '%e %U %S %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "bench: $name failed (exit $status); its stderr:" >&2
    tail -n 20 "$dir/$name.err" >&2
    return 1
  fi
}
# Reads every record once so that each engine starts from the same (warm) page cache.
warm() { find "$1" -name '*.md' -print0 | xargs -0 cat >/dev/null; }
size_bytes() { du -sb "$@" | awk '{s += $1} END {printf "%.0f\n", s}'; }

failures=0
check() { if ! eval "$1"; then echo "bench: CHECK FAILED: $2" >&2; failures=$((failures + 1)); fi; }

machine=$work/machine.txt
{
  echo "date $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
  echo "memory $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "build $(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)"
  echo "versions xapian $(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null), sqlite $(sqlite3 --version | cut -d' ' -f1), python $("$python" -c 'import sys; print(sys.version.split()[0])'), pyyaml $("$python" -c 'import yaml; print(yaml.__version__, "with libyaml" if yaml.__with_libyaml__ else "without libyaml")'), $(hyperfine --version 2>/dev/null || echo 'no hyperfine (plain loop)')"
  echo "rounds $rounds warmup $warmup process_runs $process_runs seed $seed"
  echo "load_start $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$machine"

# --- one size at a time -----------------------------------------------------------------------------
IFS=, read -r -a size_list <<< "$sizes"
# What a size's measurements depend on, so --reuse can tell whether they still stand.
fingerprint() {
  echo "seed $seed rounds $rounds warmup $warmup process_runs $process_runs engines $1"
  sha256sum "$capsearch" "$build/bench/query_bench" "$build/bench/xapian_peer_query" \
    "$build/bench/records_to_scriptindex" "$repo/bench/fts5_pipeline.py" "$repo/bench/process_latency.py" \
    "$repo/bench/pfocr.script" "$mix" |
    cut -d' ' -f1
}
for n in "${size_list[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "bad size $n"
  corpus=$work/corpus-$n
  run=$work/run-$n
  # fts5: the FTS5 peer with libyaml (build and queries); fts5py: its build with the pure-Python loader
  engines="capsearch"
  for e in fts5 fts5py xapian; do
    [[ ",$engine_choice," == *",$e,"* ]] && engines="$engines $e"
  done
  [ "$quick" = 1 ] && engines=${engines/ fts5py/}
  [ "$n" -ge 1000000 ] && [ "$peers_at_1m" = 0 ] && engines="capsearch"
  # A size measured before keeps the engines it ran then (e.g. all of them at 20k, fewer at 100k).
  if [ "$reuse" = 1 ] && [ -f "$run/done" ] && [ "$(cat "$run/done")" = "$(fingerprint "$(cat "$run/engines")")" ]; then
    echo "bench: N=$n measured before with the same binaries; reusing $run" >&2
    continue
  fi
  rm -rf "$run"
  mkdir -p "$run"
  bench_corpus "$build" "$source_dir" "$corpus" "$n" "$seed"
  {
    echo "measured_$n $(date -u +%Y-%m-%dT%H:%M:%SZ) ($engines)"
    echo "load_before_$n $(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$run/load.txt"
  echo "$engines" > "$run/engines"

  echo "bench: N=$n capsearch index" >&2
  warm "$corpus"
  measure "$run" capsearch-build "$capsearch" index --db "$run/capsearch-db" --format json --quiet "$corpus"
  size_bytes "$run/capsearch-db" > "$run/capsearch-build.size"
  stats=$("$capsearch" stats --db "$run/capsearch-db" --format json)
  echo "lexicon $(grep -o '"lexicon_id":"[^"]*"' <<< "$stats" | cut -d'"' -f4), $(grep -o '"lexicon_names":[0-9]*' <<< "$stats" | cut -d: -f2) names" > "$run/lexicon.txt"

  if [[ " $engines " == *" fts5 "* ]]; then
    echo "bench: N=$n sqlite fts5 (python + CSafeLoader) load" >&2
    warm "$corpus"
    measure "$run" fts5-build "$python" "$repo/bench/fts5_pipeline.py" load --loader c --db "$run/fts5.sqlite" \
      "$corpus"
    size_bytes "$run/fts5.sqlite" > "$run/fts5-build.size"
  fi
  if [[ " $engines " == *" fts5py "* ]]; then
    # The same pipeline with the pure-Python YAML loader: a build row only (the database is the same).
    echo "bench: N=$n sqlite fts5 (python + pure-Python SafeLoader) load" >&2
    warm "$corpus"
    measure "$run" fts5py-build "$python" "$repo/bench/fts5_pipeline.py" load --loader python \
      --db "$run/fts5py.sqlite" "$corpus"
    size_bytes "$run/fts5py.sqlite" > "$run/fts5py-build.size"
    rm -f "$run/fts5py.sqlite"
  fi

  if [[ " $engines " == *" xapian "* ]]; then
    echo "bench: N=$n scriptindex (convert + index)" >&2
    warm "$corpus"
    measure "$run" scriptindex-convert "$build/bench/records_to_scriptindex" -o "$run/scriptindex-input.txt" "$corpus"
    measure "$run" scriptindex-index scriptindex --overwrite "$run/xapian-db" "$repo/bench/pfocr.script" \
      "$run/scriptindex-input.txt"
    size_bytes "$run/xapian-db" > "$run/scriptindex-build.size"
    rm -f "$run/scriptindex-input.txt"
  fi

  echo "bench: N=$n queries" >&2
  measure "$run" capsearch-query "$build/bench/query_bench" --db "$run/capsearch-db" --mix "$mix" \
    --rounds "$rounds" --warmup "$warmup" --samples "$run/capsearch-samples.csv"
  if [[ " $engines " == *" fts5 "* ]]; then
    measure "$run" fts5-query "$python" "$repo/bench/fts5_pipeline.py" query --db "$run/fts5.sqlite" --mix "$mix" \
      --rounds "$rounds" --warmup "$warmup" --samples "$run/fts5-samples.csv"
  fi
  if [[ " $engines " == *" xapian "* ]]; then
    measure "$run" xapian-query "$build/bench/xapian_peer_query" --db "$run/xapian-db" --mix "$mix" \
      --rounds "$rounds" --warmup "$warmup" --samples "$run/xapian-samples.csv"
  fi
  if [[ " $engines " == *" fts5 "* ]]; then
    echo "bench: N=$n whole processes (capsearch search vs sqlite3)" >&2
    measure "$run" process-latency "$python" "$repo/bench/process_latency.py" --capsearch "$capsearch" \
      --capsearch-db "$run/capsearch-db" --sqlite-db "$run/fts5.sqlite" --mix "$mix" --work "$run" \
      --runs "$process_runs" --warmup "$warmup"
  fi
  echo "load_after_$n $(cut -d' ' -f1-3 /proc/loadavg)" >> "$run/load.txt"

  # Every engine must have indexed every record and found something for every query.
  before=$failures
  check "grep -q '\"documents\": *$n[,}]' '$run/capsearch-build.out'" "capsearch indexed other than $n figures"
  if [[ " $engines " == *" fts5 "* ]]; then
    check "grep -q '\"records\": $n,' '$run/fts5-build.out'" "the FTS5 pipeline loaded other than $n records"
    check "[ \$(grep -c '\"total\": [1-9]' '$run/process-latency.out') -eq 10 ]" \
      "a capsearch or sqlite3 process found nothing for a query of the mix at N=$n"
  fi
  if [[ " $engines " == *" fts5py "* ]]; then
    check "grep -q '\"records\": $n,' '$run/fts5py-build.out'" "the pure-Python FTS5 pipeline loaded other than $n records"
  fi
  if [[ " $engines " == *" xapian "* ]]; then
    check "grep -q '= ($n, 0, 0, 0)' '$run/scriptindex-index.out'" "scriptindex added other than $n records"
  fi
  for engine in ${engines/fts5py/}; do
    check "! grep -q '\"variant\": \"plain\", \"total\": 0}' '$run/$engine-query.out'" \
      "$engine found nothing for a query of the mix at N=$n"
    check "[ \$(grep -c '\"total\"' '$run/$engine-query.out') -eq 20 ]" "$engine did not run the whole mix at N=$n"
  done
  [ "$failures" = "$before" ] && fingerprint "$engines" > "$run/done"
done
cat "$work/run-${size_list[0]}/lexicon.txt" >> "$machine"
for n in "${size_list[@]}"; do cat "$work/run-$n/load.txt" >> "$machine"; done
echo "load_end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$machine"

# --- results ----------------------------------------------------------------------------------------
"$python" - "$work" "$out" "$sizes" "$machine" <<'PY'
import csv, json, os, sys

work, out, sizes, machine = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(",")], sys.argv[4]
ENGINES = [("capsearch", "capsearch"), ("sqlite-fts5", "SQLite FTS5 (Python + PyYAML CSafeLoader)"),
           ("sqlite-fts5-purepy", "SQLite FTS5 (Python + pure-Python PyYAML SafeLoader; build only)"),
           ("xapian-scriptindex", "Xapian scriptindex")]

def timing(run, name):
    wall, user, sys_, rss = open(os.path.join(run, name + ".time")).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss) / 1024.0

def jsonl(path):
    return [json.loads(l) for l in open(path) if l.startswith("{")]

QUERIED = ["capsearch", "sqlite-fts5", "xapian-scriptindex"]  # the engines with query programs
rows, totals, processes = [], {}, {}
for n in sizes:
    run = os.path.join(work, f"run-{n}")
    ran = open(os.path.join(run, "engines")).read().split()
    present = {"capsearch": "capsearch" in ran, "sqlite-fts5": "fts5" in ran, "sqlite-fts5-purepy": "fts5py" in ran,
               "xapian-scriptindex": "xapian" in ran}
    build = {}
    w, c, r = timing(run, "capsearch-build")
    build["capsearch"] = dict(wall=w, cpu=c, rss=r, size=int(open(os.path.join(run, "capsearch-build.size")).read()))
    if present["sqlite-fts5"]:
        w, c, r = timing(run, "fts5-build")
        info = jsonl(os.path.join(run, "fts5-build.out"))[-1]
        build["sqlite-fts5"] = dict(wall=w, cpu=c, rss=r, size=int(open(os.path.join(run, "fts5-build.size")).read()),
                                    note=f"YAML {info['read_seconds']:.1f} s of {info['seconds']:.1f} s")
    if present["sqlite-fts5-purepy"]:
        w, c, r = timing(run, "fts5py-build")
        info = jsonl(os.path.join(run, "fts5py-build.out"))[-1]
        build["sqlite-fts5-purepy"] = dict(wall=w, cpu=c, rss=r,
                                           size=int(open(os.path.join(run, "fts5py-build.size")).read()),
                                           note=f"YAML {info['read_seconds']:.1f} s of {info['seconds']:.1f} s")
    if present["sqlite-fts5"]:
        # Whole processes: capsearch's numbers go on its row, the sqlite3 program's on the FTS5 row.
        for line in jsonl(os.path.join(run, "process-latency.out")):
            processes.setdefault(n, {}).setdefault(line["query"], {})[line["engine"]] = line
    if present["xapian-scriptindex"]:
        w1, c1, r1 = timing(run, "scriptindex-convert")
        w2, c2, r2 = timing(run, "scriptindex-index")
        build["xapian-scriptindex"] = dict(wall=w1 + w2, cpu=c1 + c2, rss=max(r1, r2), convert=w1, index=w2,
                                           size=int(open(os.path.join(run, "scriptindex-build.size")).read()),
                                           note=f"convert {w1:.1f} s + scriptindex {w2:.1f} s")
    files = {"capsearch": "capsearch-query.out", "sqlite-fts5": "fts5-query.out",
             "xapian-scriptindex": "xapian-query.out"}
    for engine, _ in ENGINES:
        if not present[engine]:
            continue
        q = {g: {} for g in ("all", "facets", "no-facets")}
        for line in jsonl(os.path.join(run, files[engine])) if engine in files else []:
            if "group" in line:
                q[line["group"]] = line
            else:
                totals.setdefault(n, {}).setdefault((line["query"], line["variant"]), {})[engine] = line["total"]
        b = build[engine]
        proc = processes.get(n, {}).get("all", {}).get({"capsearch": "capsearch", "sqlite-fts5": "sqlite3"}.get(engine), {})
        rows.append(dict(
            n=n, engine=engine, build_wall_s=round(b["wall"], 2), build_cpu_s=round(b["cpu"], 2),
            records_per_s=round(n / b["wall"], 1) if b["wall"] > 0 else "", peak_rss_mib=round(b["rss"], 1),
            index_mib=round(b["size"] / 2**20, 1),
            convert_s=round(b["convert"], 2) if "convert" in b else "",
            scriptindex_s=round(b["index"], 2) if "index" in b else "",
            p50_ms=q["all"].get("p50_ms", ""), p95_ms=q["all"].get("p95_ms", ""), p99_ms=q["all"].get("p99_ms", ""),
            qps=q["all"].get("qps", ""), facets_p50_ms=q["facets"].get("p50_ms", ""),
            facets_p95_ms=q["facets"].get("p95_ms", ""), facets_p99_ms=q["facets"].get("p99_ms", ""),
            facets_cpu_p50_ms=q["facets"].get("cpu_p50_ms", ""), facets_cpu_p99_ms=q["facets"].get("cpu_p99_ms", ""),
            nofacets_p50_ms=q["no-facets"].get("p50_ms", ""), nofacets_p99_ms=q["no-facets"].get("p99_ms", ""),
            process_median_ms=proc.get("median_ms", ""), process_stddev_ms=proc.get("stddev_ms", ""),
            process_min_ms=proc.get("min_ms", ""), process_max_ms=proc.get("max_ms", ""),
            note=b.get("note", "")))

with open(os.path.join(out, "results.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)

label = dict(ENGINES)
def fmt(v, digits=2):
    return f"{v:,.{digits}f}" if isinstance(v, float) else (f"{v:,}" if isinstance(v, int) else str(v))

md = ["# Benchmark results", "", "Produced by `bench/run.sh`; see bench/README.md for what is measured and how.", ""]
md += ["| | |", "| --- | --- |"] + [f"| {l.split(' ', 1)[0]} | {l.split(' ', 1)[1].strip()} |"
                                    for l in open(machine) if " " in l.strip()]
loads = [float(l.split()[1]) for l in open(machine) if l.startswith("load_")]
cores = os.cpu_count() or 1
# The run's own threads count in the load average (a capsearch build runs one per core, so an idle
# machine reads up to about `cores` right after it): only a load above the core count means that
# something else was running, and that the run waited for a CPU.
if loads and max(loads) > cores:
    md += ["", f"**The machine was busy:** the 1-minute load average reached {max(loads):.1f} on {cores} cores "
           "during the run (more than the run's own threads), so wall-clock figures include time spent "
           "waiting for a CPU. The CPU-time figures "
           "(build CPU s, query CPU percentiles) are much less affected and are the better basis for comparing "
           "the engines on such a run."]
md += ["", "## Full index build", "",
       "| N | engine | wall s | CPU s | records/s | peak RSS MiB | index MiB | notes |",
       "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
for r in rows:
    md.append(f"| {r['n']:,} | {label[r['engine']]} | {fmt(r['build_wall_s'])} | {fmt(r['build_cpu_s'])} | "
              f"{fmt(r['records_per_s'], 0)} | {fmt(r['peak_rss_mib'], 0)} | {fmt(r['index_mib'], 1)} | {r['note']} |")
md += ["", "## Query latency (ms; one process, sequential, after warm-up)", "",
       "All 20 requests of the mix (5 queries x plain / facets / filters / facets+filters), and the 10 with facets.", "",
       "| N | engine | p50 | p95 | p99 | QPS | facets p50 | facets p95 | facets p99 | facets CPU p50 | facets CPU p99 |",
       "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
for r in rows:
    if r["p50_ms"] == "":
        continue  # a build-only row
    md.append(f"| {r['n']:,} | {label[r['engine']]} | {r['p50_ms']:.3f} | {r['p95_ms']:.3f} | {r['p99_ms']:.3f} | "
              f"{r['qps']:,.0f} | {r['facets_p50_ms']:.3f} | {r['facets_p95_ms']:.3f} | {r['facets_p99_ms']:.3f} | "
              f"{r['facets_cpu_p50_ms']:.3f} | {r['facets_cpu_p99_ms']:.3f} |")

def get(n, engine):
    return next((r for r in rows if r["n"] == n and r["engine"] == engine), None)

if processes:
    md += ["", "## Whole-process latency (ms; one fresh process per request, cold process start included)", "",
           "Each request of the mix with facets and no filters, answered by a new process: `capsearch search "
           "--facets --format json --limit 10 QUERY` against `sqlite3 -readonly -json DB` running the FTS5 "
           "peer's own statements (top 10 by bm25() with a caption snippet, then the year `GROUP BY`). Page "
           "cache warm; median and spread (stddev, min-max) over the timed runs; "
           + next((l.split(' ', 1)[1].strip() for l in open(machine) if l.startswith("versions")), "") + ".", "",
           "| N | query | capsearch median | stddev | min-max | sqlite3 median | stddev | min-max | ratio | "
           "matches capsearch / sqlite3 |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes:
        for qid, by in processes.get(n, {}).items():
            c, s = by["capsearch"], by["sqlite3"]
            matches = f"{c['total']:,} / {s['total']:,}" if "total" in c else f"{c['runs']} + {s['runs']} runs"
            md.append(f"| {n:,} | {qid} | {c['median_ms']:.1f} | {c['stddev_ms']:.1f} | {c['min_ms']:.1f}-{c['max_ms']:.1f} | "
                      f"{s['median_ms']:.1f} | {s['stddev_ms']:.1f} | {s['min_ms']:.1f}-{s['max_ms']:.1f} | "
                      f"{c['median_ms'] / s['median_ms']:.2f}x | {matches} |")

md += ["", "## Targets", ""]
target_n = 100000 if 100000 in sizes else max(sizes)
c, f, x = get(target_n, "capsearch"), get(target_n, "sqlite-fts5"), get(target_n, "xapian-scriptindex")
def verdict(ok):
    return "met" if ok else "**missed**"
md += [f"Issue 6's targets at N = {target_n:,} (verdicts on the wall clock, as the targets are stated; the CPU "
       "column for comparison; the FTS5 pipeline is the strong one, with libyaml):", "",
       "| target | wall clock | | CPU time |", "| --- | --- | --- | --- |"]
if f:
    md.append(f"| build >= 2x faster than the FTS5 pipeline | {f['build_wall_s'] / c['build_wall_s']:.2f}x | "
              f"{verdict(f['build_wall_s'] >= 2 * c['build_wall_s'])} | {f['build_cpu_s'] / c['build_cpu_s']:.2f}x |")
if x:
    md.append(f"| build no slower than scriptindex (convert + index) | capsearch {c['build_wall_s']:.1f} s vs "
              f"{x['build_wall_s']:.1f} s ({x['scriptindex_s']:.1f} s of it scriptindex itself) | "
              f"{verdict(c['build_wall_s'] <= x['build_wall_s'])} | {c['build_cpu_s']:.1f} s vs {x['build_cpu_s']:.1f} s |")
md += [f"| peak memory < 1 GiB | {c['peak_rss_mib']:.0f} MiB | {verdict(c['peak_rss_mib'] < 1024)} | |",
       f"| p99 with facets < 10 ms | {c['facets_p99_ms']:.2f} ms | {verdict(c['facets_p99_ms'] < 10)} | "
       f"{c['facets_cpu_p99_ms']:.2f} ms |"]
if f:
    md.append(f"| p50 with facets <= half of FTS5's | {c['facets_p50_ms']:.3f} ms vs {f['facets_p50_ms']:.3f} ms "
              f"({c['facets_p50_ms'] / f['facets_p50_ms']:.2f}x) | {verdict(2 * c['facets_p50_ms'] <= f['facets_p50_ms'])} | "
              f"{c['facets_cpu_p50_ms']:.3f} ms vs {f['facets_cpu_p50_ms']:.3f} ms |")
if processes:
    md += ["", "Issue 16's targets, against the strong FTS5 peer (parts 1 and 2 of the issue work towards them; "
           "the faceted p99 target is stated for 100k):", "", "| N | target | measured | |", "| ---: | --- | --- | --- |"]
    for n in sizes:
        c, f = get(n, "capsearch"), get(n, "sqlite-fts5")
        if n not in processes or not f:
            continue
        pc, ps = processes[n]["all"]["capsearch"], processes[n]["all"]["sqlite3"]
        md += [f"| {n:,} | a whole `capsearch search --facets` process <= half the `sqlite3` process (median) | "
               f"{pc['median_ms']:.1f} ms vs {ps['median_ms']:.1f} ms ({pc['median_ms'] / ps['median_ms']:.2f}x) | "
               f"{verdict(2 * pc['median_ms'] <= ps['median_ms'])} |",
               f"| {n:,} | full build <= 1.0x the FTS5 pipeline's wall time | {c['build_wall_s']:.1f} s vs "
               f"{f['build_wall_s']:.1f} s ({c['build_wall_s'] / f['build_wall_s']:.2f}x; CPU "
               f"{c['build_cpu_s'] / f['build_cpu_s']:.2f}x) | {verdict(c['build_wall_s'] <= f['build_wall_s'])} |",
               f"| {n:,} | index <= 2x the FTS5 file | {c['index_mib']:.1f} MiB vs {f['index_mib']:.1f} MiB "
               f"({c['index_mib'] / f['index_mib']:.1f}x) | {verdict(c['index_mib'] <= 2 * f['index_mib'])} |",
               f"| {n:,} | faceted p99 in one process < 5 ms | {c['facets_p99_ms']:.2f} ms (CPU "
               f"{c['facets_cpu_p99_ms']:.2f} ms) | {verdict(c['facets_p99_ms'] < 5)} |"]

if len(sizes) > 1:
    md += ["", "## Growth between sizes (ratio of the figure at the larger N to the smaller; N grows "
           f"{sizes[1] // sizes[0]}x per step)", "",
           "| step | engine | build wall | build CPU | index size | peak RSS | p50 | p99 | facets p50 | facets p99 | facets CPU p50 | facets CPU p99 |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for a, b in zip(sizes, sizes[1:]):
        for engine, name in ENGINES:
            ra, rb = get(a, engine), get(b, engine)
            if ra is None or rb is None:
                continue
            ratio = lambda k: f"{rb[k] / ra[k]:.1f}x" if ra[k] and rb[k] != "" else "-"
            md.append(f"| {a:,} -> {b:,} | {name} | {ratio('build_wall_s')} | {ratio('build_cpu_s')} | "
                      f"{ratio('index_mib')} | {ratio('peak_rss_mib')} | {ratio('p50_ms')} | {ratio('p99_ms')} | "
                      f"{ratio('facets_p50_ms')} | {ratio('facets_p99_ms')} | {ratio('facets_cpu_p50_ms')} | "
                      f"{ratio('facets_cpu_p99_ms')} |")

md += ["", "## Matches per query (exact totals; the engines' analysers differ, so capsearch's differ)", ""]
for n in sizes:
    md += [f"N = {n:,}:", "", "| query | variant | capsearch | SQLite FTS5 | Xapian scriptindex |",
           "| --- | --- | ---: | ---: | ---: |"]
    for (qid, variant), t in sorted(totals[n].items()):
        md.append(f"| {qid} | {variant} | " + " | ".join(f"{t[e]:,}" if e in t else "-" for e in QUERIED) + " |")
    md.append("")
md += ["The query mix (capsearch syntax / FTS5 MATCH / Xapian QueryParser):", "", "```"]
md += [l.rstrip("\n") for l in open(os.path.join(work, "query_mix.tsv"))] + ["```", ""]
open(os.path.join(out, "results.md"), "w").write("\n".join(md))

# Plot data: one block per engine (gnuplot index), rows by N.
with open(os.path.join(out, "plot.dat"), "w") as f:
    for engine, name in ENGINES:
        if engine == "sqlite-fts5-purepy":
            continue  # no queries of its own
        f.write(f'"{name}"\n# n records_per_s facets_p50 facets_p95 facets_p99 qps p50 p99\n')
        for n in sizes:
            r = get(n, engine)
            if r is None:
                continue
            f.write(f"{n} {r['records_per_s']} {r['facets_p50_ms']} {r['facets_p95_ms']} {r['facets_p99_ms']} "
                    f"{r['qps']} {r['p50_ms']} {r['p99_ms']}\n")
        f.write("\n\n")

# The table for the terminal.
print(f"{'N':>9} {'engine':<20} {'build s':>8} {'rec/s':>8} {'RSS MiB':>8} {'idx MiB':>8} "
      f"{'p50':>7} {'p95':>7} {'p99':>7} {'QPS':>7} {'fct p50':>8} {'fct p99':>8} {'proc ms':>8}")
cell = lambda v, spec: format(v, spec) if v != "" else format("-", spec[:-3] if spec.endswith("f") else spec)
for r in rows:
    print(f"{r['n']:>9} {r['engine']:<20} {r['build_wall_s']:>8.1f} {r['records_per_s']:>8.0f} "
          f"{r['peak_rss_mib']:>8.0f} {r['index_mib']:>8.1f} {cell(r['p50_ms'], '>7.2f')} {cell(r['p95_ms'], '>7.2f')} "
          f"{cell(r['p99_ms'], '>7.2f')} {cell(r['qps'], '>7.0f')} {cell(r['facets_p50_ms'], '>8.2f')} "
          f"{cell(r['facets_p99_ms'], '>8.2f')} {cell(r['process_median_ms'], '>8.1f')}")
PY

gnuplot -e "datafile='$out/plot.dat'; outfile='$out/latency.png'" "$repo/bench/plot.gp" ||
  { echo "bench: gnuplot failed" >&2; failures=$((failures + 1)); }
cp "$machine" "$out/machine.txt"
echo "bench: results in $out/results.md, results.csv, latency.png" >&2
if [ "$failures" -gt 0 ]; then
  echo "bench: $failures check(s) failed" >&2
  exit 1
fi
