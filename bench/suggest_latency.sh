#!/usr/bin/env bash
# Did-you-mean in whole search processes: queries that find no figure, timed with suggestions and with
# --no-suggest, and optionally with another capsearch (e.g. the previous commit's) on its own index.
#   bench/suggest_latency.sh --db DB [--capsearch BIN] [--before BIN --before-db DB] [--runs R]
#   --db         the index searched (e.g. build/bench-work/run-100000/capsearch-db of bench/run.sh)
#   --capsearch  the program (default build/capsearch)
#   --before     another capsearch, timed on --before-db (an index it wrote, or a copy of --db)
#   --runs       timed processes per command (default 40, after 3 warm-ups)
# Prints a Markdown table of hyperfine medians in ms. The queries' words are the corpus's own
# misspelt ("nflammation") or a phrase no figure of the generated corpus holds.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
capsearch=$repo/build/capsearch db="" before="" before_db="" runs=40
die() { echo "suggest_latency: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=${2:?}; shift 2 ;;
    --capsearch) capsearch=${2:?}; shift 2 ;;
    --before) before=${2:?}; shift 2 ;;
    --before-db) before_db=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    *) die "unknown argument $1 (see the header of $0)" ;;
  esac
done
[ -n "$db" ] || die "--db DB is required"
[ -x "$capsearch" ] || die "$capsearch is not an executable"
[ -z "$before" ] || [ -n "$before_db" ] || die "--before needs --before-db"
case "$runs" in '' | *[!0-9]* | 0) die "--runs takes a positive number, not '$runs'" ;; esac
command -v hyperfine >/dev/null || die "hyperfine is missing (apt-get install hyperfine)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

queries=('"cell cycle arrest"' 'nflammation' 'phosphorilation apoptsis')
echo "| query (finds no figure) |${before:+ before |} now | now with \`--no-suggest\` |"
echo "| --- |${before:+ ---: |} ---: | ---: |"
for q in "${queries[@]}"; do
  quoted=$(printf '%q' "$q")
  cmds=()
  [ -z "$before" ] || cmds+=("$before search --db $before_db --limit 10 $quoted")
  cmds+=("$capsearch search --db $db --limit 10 $quoted" "$capsearch search --db $db --limit 10 --no-suggest $quoted")
  # Exit status 1 is "no figure matches": -i keeps hyperfine timing it.
  hyperfine -N -i --style none --warmup 3 --runs "$runs" --export-json "$work/out.json" "${cmds[@]}" >/dev/null 2>&1 ||
    die "hyperfine failed on $q"
  /usr/bin/python3 - "$work/out.json" "$q" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
cells = " | ".join(f"{statistics.median(r['times']) * 1000:.1f} ms" for r in results)
print(f"| `{sys.argv[2]}` | {cells} |")
PY
done
