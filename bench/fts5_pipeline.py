#!/usr/bin/python3
# The SQLite FTS5 peer of the benchmark: the program a speed-minded user would write (PyYAML's libyaml
# loader reads the records, one FTS5 table holds the same fields, bm25() ranks, GROUP BY counts years).
"""Load PFOCR records into SQLite FTS5 and query them, timing both.

  fts5_pipeline.py load --db FILE DIR...           prints one JSON line: records, seconds, read_seconds ...
  fts5_pipeline.py query --db FILE --mix TSV [--rounds R] [--warmup W] [--samples CSV]
                                                   prints one JSON line per query group (see bench/README.md)

The loader is plain (one transaction, executemany) but not slow on purpose: it reads YAML with PyYAML's
libyaml-based yaml.CSafeLoader (`--loader c`, the default), as a user who cares about speed would, and
exits with an error when this PyYAML was built without libyaml instead of silently falling back.
`--loader python` uses the pure-Python yaml.SafeLoader (what yaml.safe_load does), ~10x slower; the
benchmark keeps it as a second, labelled row.
"""

import argparse
import json
import os
import sqlite3
import sys
import time

import yaml

UNKNOWN = {"", "NA", ".na.character"}

# Column order of the FTS5 table; the bm25() weights mirror capsearch's within-document boosts
# (title 3, keywords 2, paper title 2, the rest 1; the UNINDEXED columns get 0).
COLUMNS = ["figid", "title", "caption", "papertitle", "keywords", "genes", "organisms", "organisms_ner", "year",
           "pmcid"]
BM25 = "bm25(figures, 0, 3, 1, 2, 2, 1, 1, 1, 0, 0)"


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: no YAML front matter")
    end = text.find("\n---", 3)
    if end < 0:
        raise ValueError(f"{path}: front matter not closed")
    return text[4:end]


def names(value, split_bars=False):
    """A string or list of strings as a list, without PFOCR's 'unknown' markers."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if item is None:
            continue
        item = " ".join(str(item).split())
        parts = item.split(" | ") if split_bars else [item]
        out.extend(p.strip() for p in parts if p.strip() not in UNKNOWN)
    return out


def to_row(d, path):
    """The same fields capsearch indexes, from either record layout."""
    figid = d.get("figid")
    if not figid:
        raise ValueError(f"{path}: no figid")
    year = str(d.get("year") or "").strip()
    genes = names((d.get("schema-jsonld") or {}).get("keywords"))
    for g in d.get("genes") or []:
        genes += names([g.get("hgnc_symbol"), g.get("word"), g.get("symbol")])
    return (
        str(figid),
        str(d.get("figtitle") or ""),
        str(d.get("caption") or ""),
        str(d.get("papertitle") or ""),
        " ; ".join(names(d.get("keywords"), split_bars=True)),
        " ".join(dict.fromkeys(genes)),
        " ; ".join(names(d.get("organisms"))),
        " ; ".join(names(d.get("organisms_ner"))),
        int(year) if year.isdigit() else None,
        str(d.get("pmcid") or ""),
    )


def record_files(paths):
    for top in paths:
        if os.path.isfile(top):
            yield top
            continue
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".md"):
                    yield os.path.join(root, name)


def yaml_loader(name):
    """PyYAML's loader class for --loader; the C one must really be libyaml's."""
    if name == "python":
        return yaml.SafeLoader
    if not getattr(yaml, "__with_libyaml__", False) or not hasattr(yaml, "CSafeLoader"):
        raise SystemExit("fts5_pipeline: this PyYAML has no libyaml (yaml.__with_libyaml__ is false), so "
                         "yaml.CSafeLoader is missing; install Debian's python3-yaml or pass --loader python")
    return yaml.CSafeLoader


def load(args):
    loader = yaml_loader(args.loader)
    start = time.perf_counter()
    if os.path.exists(args.db):
        os.remove(args.db)
    db = sqlite3.connect(args.db)
    db.execute(
        "CREATE VIRTUAL TABLE figures USING fts5(figid UNINDEXED, title, caption, papertitle, keywords, "
        "genes, organisms, organisms_ner, year UNINDEXED, pmcid UNINDEXED, tokenize='porter unicode61')"
    )
    stats = {"records": 0, "skipped": 0, "read_seconds": 0.0}

    def rows():
        # A generator, so the records stream into SQLite instead of piling up in memory.
        for path in record_files(args.paths):
            t = time.perf_counter()
            try:
                row = to_row(yaml.load(front_matter(path), Loader=loader), path)
            except (ValueError, yaml.YAMLError, AttributeError) as e:
                stats["skipped"] += 1
                print(f"fts5_pipeline: skipped {path}: {e}", file=sys.stderr)
                row = None
            stats["read_seconds"] += time.perf_counter() - t
            if row is not None:
                stats["records"] += 1
                yield row

    t = time.perf_counter()
    with db:
        db.executemany(f"INSERT INTO figures({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                       rows())
    insert_seconds = time.perf_counter() - t - stats["read_seconds"]
    t = time.perf_counter()
    with db:
        db.execute("INSERT INTO figures(figures) VALUES('optimize')")  # FTS5's documented merge step
    optimize_seconds = time.perf_counter() - t
    db.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"records": stats["records"], "skipped": stats["skipped"], "seconds": round(seconds, 3),
                      "read_seconds": round(stats["read_seconds"], 3), "insert_seconds": round(insert_seconds, 3),
                      "optimize_seconds": round(optimize_seconds, 3), "loader": loader.__name__}))
    return 0 if stats["skipped"] == 0 else 1


def read_mix(path):
    """The query mix: id, kind, then each engine's spelling of the query (tab-separated)."""
    mix = []
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            mix.append(dict(zip(header, cells)))
    return mix


def percentile(sorted_values, p):
    """Nearest-rank percentile (the same definition query_bench.cpp and xapian_peer_query.cpp use)."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))  # ceil(n * p / 100)
    return sorted_values[int(rank) - 1]


def where_clause(filters, match="?"):
    """The WHERE of a search: the MATCH, and the year range when filtering (parameters: match[, from, to]).
    `match` is the placeholder, or an SQL literal for the sqlite3 program (bench/process_latency.py)."""
    return f"figures MATCH {match}" + (" AND year BETWEEN ? AND ?" if filters else "")


def hits_sql(where, limit=10):
    """The top hits with their stored fields and a caption snippet, best first."""
    return (f"SELECT figid, title, year, pmcid, snippet(figures, 2, '[', ']', '...', 32) FROM figures "
            f"WHERE {where} ORDER BY {BM25} LIMIT {limit}")


def years_sql(where):
    """The year facet: matches counted per year (their sum is the exact total)."""
    return f"SELECT year, count(*) FROM figures WHERE {where} GROUP BY year"


def sql_literal(text):
    """A string as an SQL literal, for statements run by the sqlite3 program."""
    return "'" + text.replace("'", "''") + "'"


class Fts5Searcher:
    def __init__(self, path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.db.execute("SELECT count(*) FROM figures").fetchone()

    def search(self, match, facets, year_from=None, year_to=None, organism=None, limit=10):
        if organism:
            match = f'({match}) AND organisms : "{organism}"'
        where = where_clause(year_from is not None)
        params = [match]
        if year_from is not None:
            params += [year_from, year_to]
        hits = self.db.execute(hits_sql(where, limit), params).fetchall()
        if facets:
            years = self.db.execute(years_sql(where), params).fetchall()
            total = sum(n for _, n in years)
        else:
            total = self.db.execute(f"SELECT count(*) FROM figures WHERE {where}", params).fetchone()[0]
        return total, hits


VARIANTS = [("plain", False, False), ("facets", True, False), ("filters", False, True),
            ("facets+filters", True, True)]
YEAR_FROM, YEAR_TO, ORGANISM = 2010, 2020, "Homo sapiens"


def query(args):
    searcher = Fts5Searcher(args.db)
    requests = []
    for q in read_mix(args.mix):
        for variant, facets, filters in VARIANTS:
            requests.append((q["id"], variant, q["fts5"], facets, filters))

    def run(req):
        _, _, match, facets, filters = req
        if filters:
            return searcher.search(match, facets, YEAR_FROM, YEAR_TO, ORGANISM)
        return searcher.search(match, facets)

    totals = {}
    for _ in range(args.warmup):
        for req in requests:
            totals[(req[0], req[1])] = run(req)[0]
    samples = []
    clock, cpu_clock = time.perf_counter, time.thread_time
    begin = clock()
    for _ in range(args.rounds):
        for req in requests:
            c = cpu_clock()
            t = clock()
            run(req)
            us = (clock() - t) * 1e6
            samples.append((req[0], req[1], us, (cpu_clock() - c) * 1e6))
    elapsed = clock() - begin
    if args.samples:
        with open(args.samples, "w", encoding="utf-8") as f:
            f.write("query,variant,microseconds,cpu_microseconds\n")
            for qid, variant, us, cpu in samples:
                f.write(f"{qid},{variant},{us:.1f},{cpu:.1f}\n")
    groups = {"all": lambda v: True, "facets": lambda v: v.startswith("facets"),
              "no-facets": lambda v: not v.startswith("facets")}
    for name, keep in groups.items():
        lat = sorted(us for _, v, us, _ in samples if keep(v))
        cpu = sorted(c for _, v, _, c in samples if keep(v))
        print(json.dumps({"engine": "sqlite-fts5", "group": name, "queries": len(lat),
                          "p50_ms": round(percentile(lat, 50) / 1000, 4),
                          "p95_ms": round(percentile(lat, 95) / 1000, 4),
                          "p99_ms": round(percentile(lat, 99) / 1000, 4),
                          "cpu_p50_ms": round(percentile(cpu, 50) / 1000, 4),
                          "cpu_p99_ms": round(percentile(cpu, 99) / 1000, 4),
                          "qps": round(len(samples) / elapsed, 1) if name == "all" else None}))
    for (qid, variant), total in sorted(totals.items()):
        print(json.dumps({"engine": "sqlite-fts5", "query": qid, "variant": variant, "total": total}))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    lp = sub.add_parser("load", help="read the records and build the FTS5 database")
    lp.add_argument("--db", required=True)
    lp.add_argument("--loader", choices=["c", "python"], default="c",
                    help="yaml.CSafeLoader (c, libyaml, the default) or the pure-Python yaml.SafeLoader (python)")
    lp.add_argument("paths", nargs="+")
    qp = sub.add_parser("query", help="time the query mix")
    qp.add_argument("--db", required=True)
    qp.add_argument("--mix", required=True)
    qp.add_argument("--rounds", type=int, default=50)
    qp.add_argument("--warmup", type=int, default=3)
    qp.add_argument("--samples", help="write every latency here (CSV)")
    args = p.parse_args()
    try:
        return load(args) if args.command == "load" else query(args)
    except (OSError, sqlite3.Error) as e:
        print(f"fts5_pipeline: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
