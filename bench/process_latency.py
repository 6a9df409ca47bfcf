#!/usr/bin/python3
# Whole-process latency: one `capsearch search --facets --format json` process per request against one
# `sqlite3` process running the same top-10 + year GROUP BY statements, cold process start included.
"""Time whole search processes, one per request, for capsearch and for the sqlite3 program.

  process_latency.py --capsearch BIN --capsearch-db DIR --sqlite-db FILE --mix TSV --work DIR
                     [--runs R] [--warmup W] [--tool hyperfine|loop]

For each query of the mix (the faceted variant, no filters) it times R fresh processes of each program
after W untimed ones, and prints one JSON line per engine and query (median, mean, stddev, min, max in
ms, and the total the process reported), then one per engine for all queries. Each process starts from
nothing (exec, dynamic linking, opening the index, for capsearch loading the lexicon); the page cache is
warm, as it is for a user repeating searches. hyperfine (Debian's package) does the timing when present;
`--tool loop` (or hyperfine's absence) times the same processes with a plain loop here.
"""

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fts5_pipeline  # noqa: E402  (the FTS5 peer's statements and the mix reader, shared)


def commands(args, query):
    """The two programs' command lines for one query of the mix (faceted, top 10, JSON output)."""
    capsearch = [args.capsearch, "search", "--db", args.capsearch_db, "--facets", "--format", "json",
                 "--limit", "10", query["capsearch"]]
    where = fts5_pipeline.where_clause(False, fts5_pipeline.sql_literal(query["fts5"]))
    sql = os.path.join(args.work, f"process-{query['id']}.sql")
    with open(sql, "w", encoding="utf-8") as f:
        f.write(fts5_pipeline.hits_sql(where) + ";\n" + fts5_pipeline.years_sql(where) + ";\n")
    sqlite = [args.sqlite3, "-readonly", "-json", args.sqlite_db, f".read {sql}"]
    return {"capsearch": capsearch, "sqlite3": sqlite}


def total_of(engine, stdout):
    """The number of matches a process reported (capsearch's total; the sum of sqlite3's year counts)."""
    if engine == "capsearch":
        return json.loads(stdout)["total"]
    decoder, pos, arrays = json.JSONDecoder(), 0, []
    text = stdout.strip()
    while pos < len(text):
        value, pos = decoder.raw_decode(text, pos)
        arrays.append(value)
        while pos < len(text) and text[pos].isspace():
            pos += 1
    years = arrays[-1] if len(arrays) == 2 else []  # sqlite3 prints nothing for an empty result set
    return sum(row["count(*)"] for row in years)


def time_with_hyperfine(cmd, runs, warmup, work, name):
    out = os.path.join(work, f"hyperfine-{name}.json")
    subprocess.run(["hyperfine", "--shell=none", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                    "--export-json", out, shlex.join(cmd)], check=True, stdout=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        return [t * 1000 for t in json.load(f)["results"][0]["times"]]


def time_with_loop(cmd, runs, warmup):
    samples = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        if i >= warmup:
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples):
    return {"runs": len(samples), "median_ms": round(statistics.median(samples), 3),
            "mean_ms": round(statistics.fmean(samples), 3),
            "stddev_ms": round(statistics.stdev(samples), 3) if len(samples) > 1 else 0.0,
            "min_ms": round(min(samples), 3), "max_ms": round(max(samples), 3)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--capsearch", required=True)
    p.add_argument("--capsearch-db", required=True)
    p.add_argument("--sqlite3", default="sqlite3")
    p.add_argument("--sqlite-db", required=True)
    p.add_argument("--mix", required=True)
    p.add_argument("--work", required=True, help="where the SQL files and hyperfine's exports go")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--tool", choices=["hyperfine", "loop"],
                   default="hyperfine" if shutil.which("hyperfine") else "loop")
    args = p.parse_args()
    if args.runs < 1 or args.warmup < 0:
        p.error("--runs must be at least 1 and --warmup at least 0")
    all_samples = {}
    for query in fts5_pipeline.read_mix(args.mix):
        for engine, cmd in commands(args, query).items():
            # One checked run first: the process must succeed and report its matches.
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                print(f"process_latency: {shlex.join(cmd)} failed (exit {done.returncode}): "
                      f"{done.stderr.strip()[-500:]}", file=sys.stderr)
                return 1
            total = total_of(engine, done.stdout)
            if args.tool == "hyperfine":
                samples = time_with_hyperfine(cmd, args.runs, args.warmup, args.work, f"{engine}-{query['id']}")
            else:
                samples = time_with_loop(cmd, args.runs, args.warmup)
            all_samples.setdefault(engine, []).extend(samples)
            print(json.dumps({"engine": engine, "query": query["id"], "tool": args.tool, "total": total,
                              **summary(samples)}), flush=True)
    for engine, samples in all_samples.items():
        print(json.dumps({"engine": engine, "query": "all", "tool": args.tool, **summary(samples)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
