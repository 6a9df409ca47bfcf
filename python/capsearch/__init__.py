"""Full-text search over PFOCR pathway figures, from Python.

A binding of libcapsearch (the library behind the ``capsearch`` program)::

    import capsearch
    capsearch.index("/tmp/pidx", ["pfocr/"])
    result = capsearch.Searcher("/tmp/pidx").search("HER2 resistance", year="2010..2015", facets=True)
    for hit in result.hits:
        print(hit.figid, hit.year, hit.title)
    result.facets["organism"]          # exact counts over all matches
    result.to_pandas()                 # when pandas is installed

Every error is a ``capsearch.Error`` (QueryError, DatabaseError, DatabaseLockedError, InputError).
Searches and indexing release the GIL: threads sharing one Searcher search in parallel.
"""

import json as _json
import pathlib as _pathlib
import warnings as _warnings

from . import _capsearch
from ._capsearch import (  # noqa: F401  (re-exported)
    DatabaseError,
    DatabaseLockedError,
    Error,
    Hit,
    IndexReport,
    IndexWriter,
    InputError,
    QueryError,
    Record,
    SearchResult,
    SkippedRecord,
    default_lexicon_path,
    parse_record,
    read_record_file,
)

# The lexicon installed beside the package (PREFIX/lib/python3.X/dist-packages/capsearch/ ->
# PREFIX/share/capsearch/lexicon.tsv), or the build folder's (build/python/capsearch/ -> build/): the
# default for new indexes, as the installed program's. The library looks there last.
_here = _pathlib.Path(__file__).resolve().parent
for _candidate in (_here.parents[3] / "share" / "capsearch" / "lexicon.tsv", _here.parents[1] / "lexicon.tsv"):
    if _candidate.is_file():
        _capsearch._set_fallback_lexicon_path(str(_candidate))
        break

__all__ = [
    "Searcher", "SearchResult", "Hit", "index", "update_lexicon", "IndexWriter", "IndexReport", "SkippedRecord",
    "Record", "parse_record", "read_record_file", "Error", "QueryError", "DatabaseError", "DatabaseLockedError",
    "InputError", "default_lexicon_path",
]

_HIT_COLUMNS = ["rank", "figid", "score", "title", "year", "organisms", "pmcid", "papertitle", "figlink", "snippet"]


def _year_range(year):
    """(from, to) for year=2015, "2015", "2010..2015", "..2012", "2015..", (2010, 2015) or None."""
    if year is None:
        return None, None
    if isinstance(year, bool):
        raise Error("year must be an int, a 'FROM..TO' string or a (from, to) tuple, not a bool")
    if isinstance(year, int):
        return year, year
    if isinstance(year, tuple) and len(year) == 2:
        lo, hi = year
        for end in (lo, hi):
            if end is not None and (isinstance(end, bool) or not isinstance(end, int)):
                raise Error(f"year tuple {year!r}: each end must be an int or None")
        if lo is None and hi is None:
            raise Error("year tuple (None, None): give at least one year")
        return lo, hi
    if isinstance(year, str):
        text = year.strip()
        lo, dots, hi = text.partition("..")
        try:
            if not dots:
                return int(text), int(text)
            lo_year = int(lo) if lo else None
            hi_year = int(hi) if hi else None
        except ValueError:
            raise Error(f"year {year!r}: expected e.g. 2015, 2010..2015, ..2012 or 2015..") from None
        if lo_year is None and hi_year is None:
            raise Error(f"year {year!r}: give at least one year (e.g. 2010..2015)")
        return lo_year, hi_year
    raise Error(f"year must be an int, a 'FROM..TO' string or a (from, to) tuple, not {type(year).__name__}")


class Searcher(_capsearch.Searcher):
    """An open index (a folder made by ``capsearch index``, or a list of shards searched as one).

    A Searcher may be shared by many threads; searches release the GIL and run in parallel.
    Raises DatabaseError when the index cannot be opened.
    """

    def search(self, query="", limit=10, offset=0, year=None, organisms=None, facets=False, sort="relevance",
               synonyms=True, snippet_length=240):
        """Searches the index; returns a SearchResult (``.total``, ``.hits``, ``.facets``).

        query: the query text (README "Query syntax"); "" matches every figure.
        year: 2015, "2010..2015", "..2012", "2015.." or a (from, to) tuple (None = open end).
        organisms: names (Latin or common: "human", "mouse", ...) of which a figure needs any.
        facets: count figures by year and organism over all matches (``result.facets``).
        sort: "relevance" (BM25) or "year" (newest first).
        synonyms: expand gene names through the index's lexicon.
        Raises QueryError for a malformed query, Error for a bad argument.
        """
        year_from, year_to = _year_range(year)
        if isinstance(organisms, str):
            organisms = [organisms]
        if limit < 0 or offset < 0:
            raise Error("limit and offset must not be negative")
        return self._search(query, limit, offset, year_from, year_to, list(organisms or []), facets, sort,
                            synonyms, snippet_length)

    def synonyms(self, name):
        """How ``name`` is analysed and what it expands to with this index's lexicon, as a dict
        (the JSON of ``capsearch synonyms --format json``)."""
        return _json.loads(self._explain_json(name))

    def stats(self):
        """Counts and ranges of the index, as a dict (``capsearch stats --format json``)."""
        return _json.loads(self._stats().to_json())


def index(db, paths, lexicon=None, rebuild=False, delete_missing=True, batch_size=2000, threads=0, extensions=None):
    """Creates or syncs the index ``db`` with the record files and folders ``paths``; returns an IndexReport.

    As ``capsearch index``: bad records are skipped and listed in ``report.skipped``; the index keeps
    the lexicon it was built with unless ``lexicon`` names a lexicon file.
    Raises DatabaseLockedError when another writer holds the index, DatabaseError / Error on failure.
    """
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    paths = [str(p) for p in paths]
    report = _capsearch._index(str(db), paths, str(lexicon or ""), rebuild, delete_missing, batch_size, threads,
                               None if extensions is None else list(extensions))
    if report.lexicon_source == "builtin":
        # As the program says on stderr: without NCBI's aliases recall drops silently otherwise.
        _warnings.warn(f"no gene lexicon file found; {db} uses the built-in curated core only, without NCBI's "
                       "gene aliases (pass lexicon=, or set CAPSEARCH_LEXICON)", stacklevel=2)
    return report


def update_lexicon(db, lexicon=None, threads=0):
    """Analyses every figure of ``db`` again with the lexicon file ``lexicon`` (default: the default
    lexicon), which the index keeps from then on (``capsearch lexicon update``); returns an IndexReport."""
    return _capsearch._update_lexicon(str(db), str(lexicon or ""), threads)


def _hit_dict(hit):
    return {name: getattr(hit, name) for name in _HIT_COLUMNS}


def _result_to_dict(self):
    """The result as the program's JSON object (``capsearch search --format json``), as a dict."""
    return _json.loads(self.to_json())


def _hits_frame(self):
    """The hits as a pandas DataFrame, one row per hit (requires pandas)."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas (Debian: apt install python3-pandas)") from None
    return pandas.DataFrame([_hit_dict(h) for h in self.hits], columns=_HIT_COLUMNS)


def _report_to_dict(self):
    """The report as ``capsearch index --format json`` prints it, as a dict."""
    return _json.loads(self.to_json())


SearchResult.to_dict = _result_to_dict
SearchResult.to_pandas = _hits_frame
SearchResult.hits_frame = _hits_frame
Hit.to_dict = _hit_dict
IndexReport.to_dict = _report_to_dict
