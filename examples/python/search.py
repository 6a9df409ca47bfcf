#!/usr/bin/env python3
"""Search a capsearch index from Python through the C API (ctypes), without shelling out.

usage: search.py [--lib PATH] [--limit N] [--organism NAME]... INDEX_PATH QUERY...

Prints one line per hit: figid, a tab, the title. The library is found from --lib, else the
CAPSEARCH_LIB environment variable, else the system's library path (libcapsearch.so.0).
Exit status: 0 matches, 1 no match, 2 error.
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import sys


class Request(ctypes.Structure):
    """Mirror of capsearch_request in capsearch/capsearch.h (field order and types must match)."""

    _fields_ = [
        ("query", ctypes.c_char_p),
        ("offset", ctypes.c_size_t),
        ("limit", ctypes.c_size_t),
        ("has_year_from", ctypes.c_int),
        ("year_from", ctypes.c_int),
        ("has_year_to", ctypes.c_int),
        ("year_to", ctypes.c_int),
        ("organisms", ctypes.POINTER(ctypes.c_char_p)),
        ("organism_count", ctypes.c_size_t),
        ("facets", ctypes.c_int),
        ("sort", ctypes.c_int),
        ("synonyms", ctypes.c_int),
        ("snippet_length", ctypes.c_size_t),
        ("bm25_k1", ctypes.c_double),
        ("bm25_k2", ctypes.c_double),
        ("bm25_k3", ctypes.c_double),
        ("bm25_b", ctypes.c_double),
        ("bm25_min_normlen", ctypes.c_double),
        ("strict", ctypes.c_int),
        ("explain", ctypes.c_int),
        ("facet_names", ctypes.POINTER(ctypes.c_char_p)),
        ("facet_name_count", ctypes.c_size_t),
    ]


class CapsearchError(Exception):
    """A failure reported by the library: a status code and its one-line message."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def load_library(path=None):
    """Loads libcapsearch and declares the C functions this module uses."""
    path = path or os.environ.get("CAPSEARCH_LIB") or ctypes.util.find_library("capsearch")
    if not path:
        raise OSError("libcapsearch not found: pass --lib or set CAPSEARCH_LIB")
    lib = ctypes.CDLL(path)
    vp, cp, sz = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
    err_out = ctypes.POINTER(vp)
    sigs = {
        "capsearch_version": (cp, []),
        "capsearch_error_code": (ctypes.c_int, [vp]),
        "capsearch_error_message": (cp, [vp]),
        "capsearch_error_free": (None, [vp]),
        "capsearch_searcher_open": (ctypes.c_int, [cp, ctypes.POINTER(vp), err_out]),
        "capsearch_searcher_close": (None, [vp]),
        "capsearch_request_init": (None, [ctypes.POINTER(Request)]),
        "capsearch_search": (ctypes.c_int, [vp, ctypes.POINTER(Request), ctypes.POINTER(vp), err_out]),
        "capsearch_result_free": (None, [vp]),
        "capsearch_result_total": (sz, [vp]),
        "capsearch_result_hit_count": (sz, [vp]),
        "capsearch_result_json": (cp, [vp]),
        "capsearch_result_hit_figid": (cp, [vp, sz]),
        "capsearch_result_hit_title": (cp, [vp, sz]),
        "capsearch_result_hit_year": (ctypes.c_int, [vp, sz]),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


class Searcher:
    """An open index; close() it (or use `with`) to release it."""

    def __init__(self, lib, path):
        self._lib = lib
        self._handle = ctypes.c_void_p()
        err = ctypes.c_void_p()
        status = lib.capsearch_searcher_open(path.encode(), ctypes.byref(self._handle), ctypes.byref(err))
        self._check(status, err)

    def _check(self, status, err):
        if status != 0:
            code = self._lib.capsearch_error_code(err)
            message = self._lib.capsearch_error_message(err).decode()
            self._lib.capsearch_error_free(err)
            raise CapsearchError(code, message)

    def search(self, query, limit=10, organisms=()):
        """Returns (total, [(figid, year or None, title)], result JSON as a dict)."""
        req = Request()
        self._lib.capsearch_request_init(ctypes.byref(req))
        req.query = query.encode()
        req.limit = limit
        names = (ctypes.c_char_p * len(organisms))(*[o.encode() for o in organisms])
        if organisms:
            req.organisms = ctypes.cast(names, ctypes.POINTER(ctypes.c_char_p))
            req.organism_count = len(organisms)
        result, err = ctypes.c_void_p(), ctypes.c_void_p()
        status = self._lib.capsearch_search(self._handle, ctypes.byref(req), ctypes.byref(result),
                                            ctypes.byref(err))
        self._check(status, err)
        try:
            lib = self._lib
            hits = []
            for i in range(lib.capsearch_result_hit_count(result)):
                year = lib.capsearch_result_hit_year(result, i)
                hits.append((lib.capsearch_result_hit_figid(result, i).decode(), year or None,
                             lib.capsearch_result_hit_title(result, i).decode()))
            return lib.capsearch_result_total(result), hits, json.loads(lib.capsearch_result_json(result))
        finally:
            self._lib.capsearch_result_free(result)

    def close(self):
        if self._handle:
            self._lib.capsearch_searcher_close(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main(argv):
    parser = argparse.ArgumentParser(description="Search a capsearch index through the C API.")
    parser.add_argument("--lib", help="path of libcapsearch.so (default: $CAPSEARCH_LIB or the system's)")
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--organism", action="append", default=[])
    parser.add_argument("index")
    parser.add_argument("query", nargs="+")
    args = parser.parse_args(argv)
    try:
        lib = load_library(args.lib)
        with Searcher(lib, args.index) as searcher:
            total, hits, _ = searcher.search(" ".join(args.query), args.limit, args.organism)
    except (OSError, CapsearchError) as e:
        print(f"search.py: {e}", file=sys.stderr)
        return 2
    for figid, _year, title in hits:
        print(f"{figid}\t{title}")
    return 0 if total > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
