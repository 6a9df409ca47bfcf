#!/usr/bin/python3
"""Facet counts computed straight from PFOCR record files, independently of capsearch (PyYAML).

Usage: facet_oracle.py FOLDER  -> prints {"year": {...}, "organism": {...}, "journal": {...},
"keyword": {...}, "disease": {...}, "chemical": {...}} as capsearch's --facets JSON should hold them
for the empty query: each figure counts once per distinct value (case and spacing ignored; keywords
case-folded), and a record without the field counts nowhere; "figures_without" counts, per facet, the
records with no value of it.
"""
import json
import os
import re
import sys
import unicodedata

import yaml

UNKNOWN = {"", "NA", ".na.character"}


def collapse(s):
    return re.sub(r"[ \t\r\n]+", " ", str(s)).strip()


def key(s):
    return collapse(unicodedata.normalize("NFKC", str(s)).casefold())


def names(value, split_bars=False):
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if item is None:
            continue
        text = collapse(item)
        for piece in (text.split(" | ") if split_bars else [text]):
            piece = piece.strip()
            if piece not in UNKNOWN:
                out.append(piece)
    return out


def words(value):
    if not isinstance(value, list):
        return []
    return [collapse(e["word"]) for e in value if isinstance(e, dict) and e.get("word") is not None
            and collapse(e["word"]) not in UNKNOWN]


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    parts = text.split("\n---", 1)
    return yaml.safe_load(parts[0][len("---"):]) or {}


def distinct(values, fold=False):
    seen, out = set(), []
    for v in values:
        v = key(v) if fold else v
        if v and key(v) not in seen:
            seen.add(key(v))
            out.append(v)
    return out


def main():
    facets = ("year", "organism", "journal", "keyword", "disease", "chemical")
    counts = {f: {} for f in facets}
    counts["figures_without"] = {f: 0 for f in facets}  # as `capsearch stats --format json` says
    for root, _, files in os.walk(sys.argv[1]):
        for name in files:
            if not name.endswith(".md"):
                continue
            r = front_matter(os.path.join(root, name))
            year = r.get("year")
            per = {
                "year": [str(int(year))] if year is not None and collapse(year) not in UNKNOWN else [],
                "organism": distinct(names(r.get("organisms"))),
                "journal": distinct(names(r.get("journal_title"))),
                "keyword": distinct(names(r.get("keywords"), split_bars=True), fold=True),
                "disease": distinct(words(r.get("diseases"))),
                "chemical": distinct(words(r.get("chemicals"))),
            }
            for facet, values in per.items():
                counts["figures_without"][facet] += not values
                for v in values:
                    counts[facet][v] = counts[facet].get(v, 0) + 1
    json.dump(counts, sys.stdout, ensure_ascii=False, sort_keys=True)


main()
