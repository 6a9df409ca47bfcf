#!/usr/bin/env bash
# Enrichment benchmark (bench/ENRICH.md): gene lists of 20, 200 and 2,000 genes over an index of
# generated figures, in process (bench/enrich_bench) and as whole processes: `capsearch enrich` against
# the Python program a user would write (bench/enrich_peer.py over the GMT export), same lists, one run.
#
# Usage: bench/enrich.sh BUILD_DIR WORK_DIR [COUNT]   (COUNT: generated figures, default 100000)
# Reuses WORK_DIR/corpus-COUNT and WORK_DIR/db-COUNT when present (building 100k takes ~10 minutes).
set -euo pipefail
build=$(cd "$1" && pwd)
work=$2
count=${3:-100000}
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/lists"
corpus=$work/corpus-$count
db=$work/db-$count
if [ ! -d "$corpus" ]; then
  "$build/bench/gencorpus" --count "$count" --seed 15 --source "$repo/../shared/corpus/pfocr" --out "$corpus" --force
fi
if [ ! -e "$db" ]; then
  "$build/capsearch" index --db "$db" --quiet "$corpus"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== in process (Searcher::enrich, 50 runs per size)"
"$build/bench/enrich_bench" --db "$db" --repeat 50 --write-lists "$work/lists"
"$build/capsearch" export --db "$db" --format gmt > "$work/figures.gmt"
echo "== whole process, one run each (seconds)"
printf 'genes\tcapsearch_enrich_s\tpython_peer_s\tsame_top10\n'
for size in 20 200 2000; do
  list=$work/lists/genes-$size.txt
  t0=$(date +%s.%N)
  "$build/capsearch" enrich --db "$db" --genes-file "$list" --format tsv --limit 10 > "$work/capsearch-$size.tsv"
  t1=$(date +%s.%N)
  /usr/bin/python3 "$repo/bench/enrich_peer.py" "$work/figures.gmt" "$list" 10 > "$work/peer-$size.tsv" 2>/dev/null
  t2=$(date +%s.%N)
  same=no
  if diff <(cut -f2 "$work/capsearch-$size.tsv") <(cut -f2 "$work/peer-$size.tsv") >/dev/null; then same=yes; fi
  printf '%s\t%.3f\t%.3f\t%s\n' "$size" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$same"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
