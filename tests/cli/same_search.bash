# Sourced (after common.bash) by tests that compare two indexes over the same records (one index
# against remote shards, a stub, a sharded index): same_search ONE OTHER ARGS... checks that
# `search --format json ARGS` gives the same total, facets and hits on OTHER as on ONE.
same_search() {
  local one=$1 other=$2
  shift 2
  "$CAPSEARCH" search --format json --db "$one" "$@" >"$WORK/one.json" 2>"$WORK/one.err"
  "$CAPSEARCH" search --format json --db "$other" "$@" >"$WORK/other.json" 2>"$WORK/other.err" ||
    [ $? = 1 ] || fail "search of $other failed: $* ($(cat "$WORK/other.err"))"
  python3 - "$WORK/one.json" "$WORK/other.json" "$*" <<'PY' || fail "$other differs from one index: $*"
import json, sys
one, other = (json.load(open(p)) for p in sys.argv[1:3])
def page(j):
    # Hits with equal keys may come in another order (ties are broken by document id, which differs
    # between one index and shards): compare the ranking keys in order and the figures as a set.
    return [(h.get("year"), round(h["score"], 6)) for h in j["hits"]], sorted(h["figid"] for h in j["hits"])
problems = []
if one["total"] != other["total"]: problems.append(f"total {one['total']} != {other['total']}")
for facet in sorted(set(one.get("facets") or {}) | set(other.get("facets") or {})):
    a, b = (j.get("facets", {}).get(facet, {}) for j in (one, other))
    wrong = {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
    if wrong: problems.append(f"{facet} facet (one index, other): {wrong}")
keys_one, set_one = page(one)
keys_other, set_other = page(other)
if keys_one != keys_other: problems.append("ranking keys differ")
if len(one["hits"]) >= one["total"] and set_one != set_other: problems.append("figures differ")
if problems: print(sys.argv[3], ":", "; ".join(problems), file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}
