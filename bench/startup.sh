#!/usr/bin/env bash
# Issue 16 part 1: whole `capsearch search` processes against `sqlite3` processes on the same generated
# records (before and after a change: two capsearch binaries, one index), and whether a process's time
# grows with the lexicon (the same search with the lexicon and with one twice as large), plus a profile.
#   bench/startup.sh --build DIR [--before BIN] [--count N] [--runs R] [--work DIR] [--out FILE]
#   --build   a configured build folder with capsearch, bench/gencorpus and lexicon.tsv (scripts/test.sh)
#   --before  another capsearch executable to time on the same index (e.g. the previous commit's)
#   --count   generated records (default 20000; 100000 for the issue's 100k target). Each count keeps
#             its own corpus and indexes in the work folder, so runs at several counts reuse theirs.
#   --runs    timed processes per query and per lexicon-size command in each round (default 30)
#   --size-rounds  alternated rounds of the lexicon-size commands (default 5)
#   --out     the report (Markdown; default bench/results/startup.md). The run is appended as a new
#             dated section: earlier runs' figures stay.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build="" before="" count=20000 runs=30 size_rounds=5 work="" out="$repo/bench/results/startup.md"
die() { echo "startup: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=${2:?}; shift 2 ;;
    --before) before=${2:?}; shift 2 ;;
    --count) count=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --size-rounds) size_rounds=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    *) die "unknown argument $1 (see the header of $0)" ;;
  esac
done
[ -n "$build" ] || die "--build DIR is required"
build=$(cd "$build" && pwd)
capsearch=$build/capsearch
lexicon=$build/lexicon.tsv
[ -x "$capsearch" ] && [ -s "$lexicon" ] || die "$capsearch and $lexicon are needed (see scripts/test.sh)"
command -v hyperfine >/dev/null || die "hyperfine is missing (apt-get install hyperfine)"
source_dir=$(cd "$repo/../shared/corpus/pfocr" && pwd) || die "../shared/corpus/pfocr is missing"
work=${work:-$build/startup-work}
mkdir -p "$work"
# Images of stub/remote indexes go to the cache; keep this run's own (index folders keep theirs).
export XDG_CACHE_HOME=$work/cache

corpus=$work/corpus-$count
if ! grep -qx "count $count" "$corpus/.gencorpus" 2>/dev/null; then
  "$build/bench/gencorpus" --count "$count" --seed 42 --source "$source_dir" --out "$corpus" --force
fi
case "$count" in '' | *[!0-9]*) die "--count takes a number of records, not '$count'" ;; esac
capsearch_db=$work/capsearch-db-$count
fts5_db=$work/fts5-$count.sqlite
# The build writes the lexicon image beside the index: no search has to write it first.
[ -d "$capsearch_db" ] || "$capsearch" index --quiet --db "$capsearch_db" --lexicon "$lexicon" "$corpus"
ls "$capsearch_db"/lexicon-*.img >/dev/null 2>&1 ||
  echo "startup: no lexicon image in $capsearch_db (an index built by an older capsearch: the first search writes it)" >&2
[ -f "$fts5_db" ] || /usr/bin/python3 "$repo/bench/fts5_pipeline.py" load --loader c \
  --db "$fts5_db" "$corpus" >/dev/null
"$capsearch" search --db "$capsearch_db" --limit 0 apoptosis >/dev/null  # the page cache warm

mix=$work/mix.tsv
printf 'id\tkind\tcapsearch\tfts5\txapian\nword\tsingle word\tapoptosis\tapoptosis\tapoptosis\n' > "$mix"
printf 'gene\tgene name\tHER2\t"HER2" OR "ERBB2"\tHER2\n' >> "$mix"
printf 'two\ttwo words\tinsulin signaling\tinsulin signaling\tinsulin signaling\n' >> "$mix"
latency() { # NAME BIN: process_latency.py's lines, and hyperfine's files (CPU times) in latency-NAME/
  rm -rf "$work/latency-$1"  # hyperfine's files of an earlier run (another count) must not mix in
  mkdir -p "$work/latency-$1"
  /usr/bin/python3 "$repo/bench/process_latency.py" --capsearch "$2" --capsearch-db "$capsearch_db" \
    --sqlite-db "$fts5_db" --mix "$mix" --work "$work/latency-$1" --runs "$runs" --warmup 3 \
    > "$work/latency-$1.jsonl"
}
latency after "$capsearch"
[ -z "$before" ] || latency before "$before"

# A lexicon twice as large: every gene again under a derived spelling ("Z" + each name), not committed.
big=$work/lexicon-double.tsv
awk -F'\t' -v OFS='\t' '{ print } $1 == "g" {
    $2 = "Z" $2; $3 = "9" $3; $5 = "z " $5
    for (i = 6; i <= NF; i++) { c = index($i, ":"); if (c) $i = substr($i, 1, c) "Z" substr($i, c + 1) }
    print }' "$lexicon" > "$big"
for l in normal double; do
  lex=$lexicon; [ "$l" = double ] && lex=$big
  [ -d "$work/real-$l" ] || "$capsearch" index --quiet --db "$work/real-$l" --lexicon "$lex" "$source_dir"
  "$capsearch" search --db "$work/real-$l" --limit 0 HER2 >/dev/null
done
sizes=()
for bin in $before "$capsearch"; do
  tag=after; [ "$bin" = "$before" ] && tag=before
  sizes+=(-n "$tag normal" "$bin search --db $work/real-normal --facets --format json HER2")
  sizes+=(-n "$tag double" "$bin search --db $work/real-double --facets --format json HER2")
done
# A difference of a millisecond or two is below this machine's noise in one hyperfine run: the commands
# run in several alternated rounds (the report takes the median of the rounds' medians), and each
# process's page faults, which do not vary from run to run, are counted apart.
rm -f "$work"/lexicon-size-*.json "$work"/lexicon-faults-*.txt
for round in $(seq "$size_rounds"); do
  hyperfine --shell=none --style none --warmup 3 --runs "$runs" --export-json "$work/lexicon-size-$round.json" \
    "${sizes[@]}" >/dev/null
done
for ((i = 0; i < ${#sizes[@]}; i += 3)); do
  name=${sizes[i + 1]// /-}
  # shellcheck disable=SC2086 # the command line is split into words as hyperfine --shell=none splits it
  perf stat -x, -r 20 -e page-faults -o "$work/lexicon-faults-$name.txt" -- ${sizes[i + 2]} >/dev/null
done

# Where a search process's time goes now.
perf record -q -F 2000 -g -o "$work/perf.data" -- sh -c \
  "for i in \$(seq 20); do $capsearch search --db $capsearch_db --facets --format json HER2 >/dev/null; done" 2>/dev/null
perf report -i "$work/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null | grep -v '^#' | grep '%' |
  sed -n '1,25p' > "$work/perf-top.txt" || true

report=$work/startup-$count.md
/usr/bin/python3 - "$work" "$count" "$runs" "$lexicon" "$big" "$before" "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)" > "$report" <<'PY'
import json, os, sys, time
work, count, runs, lexicon, big, before, commit = sys.argv[1:]
def summary(name):
    path = os.path.join(work, f"latency-{name}.jsonl")
    rows = [json.loads(l) for l in open(path) if l.strip()]
    return {r["engine"]: r for r in rows if r.get("query") == "all"}
def cpu_ms(name, engine):
    """Mean user + system CPU ms of one process over the queries (hyperfine's per-query means)."""
    folder = os.path.join(work, f"latency-{name}")
    means = [json.load(open(os.path.join(folder, f)))["results"][0] for f in sorted(os.listdir(folder))
             if f.startswith(f"hyperfine-{engine}-")]
    return sum((m["user"] + m["system"]) * 1000 for m in means) / len(means)
def names(path):
    return sum(1 for l in open(path, encoding="utf-8") if l[:2] in ("g\t", "f\t", "s\t"))
print(f"## Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {int(count):,} records, commit {commit}\n")
print(f"Produced by `bench/startup.sh --count {count}` on {os.uname().nodename} ({os.cpu_count()} cores); "
      f"load average at the end {open('/proc/loadavg').read().split()[:3]}.\n")
print(f"### Whole processes on {int(count):,} generated records ({runs} timed processes per query, 3 queries)\n")
print("| capsearch binary | capsearch median ms | sqlite3 median ms | ratio | capsearch CPU ms | sqlite3 CPU ms | CPU ratio |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for name in ["before", "after"]:
    if not os.path.exists(os.path.join(work, f"latency-{name}.jsonl")):
        continue
    s = summary(name)
    c, q = s["capsearch"]["median_ms"], s["sqlite3"]["median_ms"]
    cc, qc = cpu_ms(name, "capsearch"), cpu_ms(name, "sqlite3")
    print(f"| {name} | {c:.1f} | {q:.1f} | {c / q:.2f}× | {cc:.1f} | {qc:.1f} | {cc / qc:.2f}× |")
print("\n### The same search with a lexicon twice as large (real corpus, `HER2`, --facets --format json)\n")
rounds = sorted(f for f in os.listdir(work) if f.startswith("lexicon-size-") and f.endswith(".json"))
per_command = {}
for f in rounds:
    for row in json.load(open(os.path.join(work, f)))["results"]:
        per_command.setdefault(row["command"], []).append(row)
def median(v):
    v = sorted(v)
    return (v[(len(v) - 1) // 2] + v[len(v) // 2]) / 2
def faults(command):
    """Mean page faults of one process (perf stat -x, CSV: value first)."""
    for line in open(os.path.join(work, f"lexicon-faults-{command.replace(' ', '-')}.txt")):
        if "page-faults" in line:
            return float(line.split(",")[0])
    return float("nan")
print(f"{len(rounds)} alternated rounds of {runs} processes per command; the median of the rounds' medians, "
      "their range, the median of the rounds' mean CPU time, and the mean page faults of 20 processes.\n")
print("| capsearch, lexicon | concepts | lexicon bytes | median ms | rounds' medians ms | CPU ms | page faults |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for command, rows in per_command.items():
    path = big if command.endswith("double") else lexicon
    medians = [row["median"] * 1000 for row in rows]
    cpu = median([(row["user"] + row["system"]) * 1000 for row in rows])
    print(f"| {command} | {names(path):,} | {os.path.getsize(path):,} | {median(medians):.1f} | "
          f"{min(medians):.1f}-{max(medians):.1f} | {cpu:.1f} | {faults(command):.0f} |")
print("\n### Profile of 20 search processes (`perf report --no-children --sort dso,sym`, top entries)\n")
print("```")
print(open(os.path.join(work, "perf-top.txt")).read().rstrip())
print("```")
PY
# Appended: the report keeps every earlier run's figures.
[ -s "$out" ] || printf '# Search process start-up (issue 16 part 1)\n' > "$out"
{ printf '\n'; cat "$report"; } >> "$out"
echo "startup: appended $report to $out" >&2
