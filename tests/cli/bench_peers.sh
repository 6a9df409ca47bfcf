#!/usr/bin/env bash
# On ../shared/corpus/pfocr: the benchmark's FTS5 peer loads every record with libyaml's CSafeLoader by
# default (and with the pure-Python loader on request), and bench/process_latency.py's capsearch and
# sqlite3 processes answer the same queries with the same totals; a failing process is a clear error.
source "$(dirname "$0")/common.bash"
need_shared
PY=/usr/bin/python3
if ! command -v sqlite3 >/dev/null || ! "$PY" -c 'import yaml' 2>/dev/null; then
  echo "SKIPPED (the benchmark's peers need the sqlite3 program and python3-yaml)"
  exit 77
fi

expect_status 0 "$PY" "$ROOT/bench/fts5_pipeline.py" load --db "$WORK/fts5.sqlite" "$SHARED/corpus/pfocr"
json_check "$WORK/out" 'j["records"] == 193 and j["skipped"] == 0 and j["loader"] == "CSafeLoader"'
expect_status 0 "$PY" "$ROOT/bench/fts5_pipeline.py" load --loader python --db "$WORK/purepy.sqlite" \
  "$SHARED/corpus/pfocr"
json_check "$WORK/out" 'j["records"] == 193 and j["skipped"] == 0 and j["loader"] == "SafeLoader"'

expect_status 0 "$CAPSEARCH" index --db "$WORK/db" --quiet "$SHARED/corpus/pfocr"
# Queries whose matches do not depend on gene expansion, so both engines must count the same figures.
{
  printf 'id\tkind\tcapsearch\tfts5\txapian\n'
  printf 'word\tw\tapoptosis\tapoptosis\t-\n'
  printf 'two\tt\tinsulin signaling\tinsulin signaling\t-\n'
  printf 'phrase\tp\t"cell cycle"\t"cell cycle"\t-\n'
  printf 'field\tf\ttitle:metabolism\ttitle : metabolism\t-\n'
} > "$WORK/mix.tsv"
latency() {
  "$PY" "$ROOT/bench/process_latency.py" --tool loop --runs 2 --warmup 0 --capsearch "$CAPSEARCH" \
    --sqlite-db "$WORK/fts5.sqlite" --mix "$WORK/mix.tsv" --work "$WORK" "$@"
}
expect_status 0 latency --capsearch-db "$WORK/db"
"$PY" - "$WORK/out" <<'PY' || fail "process_latency: the two programs disagree"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
per_query = {}
for l in lines:
    assert l["median_ms"] > 0 and l["min_ms"] <= l["median_ms"] <= l["max_ms"], l
    if l["query"] != "all":
        assert l["runs"] == 2, l
        per_query.setdefault(l["query"], {})[l["engine"]] = l["total"]
assert sorted(per_query) == ["field", "phrase", "two", "word"], per_query
for q, t in per_query.items():
    assert t["capsearch"] == t["sqlite3"] > 0, (q, t)
assert [l["runs"] for l in lines if l["query"] == "all"] == [8, 8], lines
PY

expect_status 1 latency --capsearch-db "$WORK/no-such-index"
expect_grep "$WORK/err" "no-such-index" "a failing process is named with its error"
exit $((FAILURES > 0))
