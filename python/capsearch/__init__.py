"""Full-text search over PFOCR pathway figures, from Python.

A binding of libcapsearch (the library behind the ``capsearch`` program)::

    import capsearch
    capsearch.index("/tmp/pidx", ["pfocr/"])
    result = capsearch.Searcher("/tmp/pidx").search("HER2 resistance", year="2010..2015", facets=True)
    for hit in result.hits:
        print(hit.figid, hit.year, hit.title)
    result.facets["organism"]          # exact counts over all matches
    result.to_pandas()                 # when pandas is installed
    enriched = capsearch.Searcher("/tmp/pidx").enrich(["HER2", "p53", "Akt1"], query="apoptosis", fdr=0.05)

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
    EnrichHit,
    EnrichResult,
    Error,
    GeneSet,
    Hit,
    IndexReport,
    IndexWriter,
    InputError,
    QueryError,
    Record,
    SearchResult,
    SimilarResult,
    SkippedRecord,
    default_lexicon_path,
    parse_record,
    read_record_file,
    to_gmt,
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
    "Searcher", "SearchResult", "Hit", "EnrichResult", "EnrichHit", "SimilarResult", "GeneSet", "GeneSets", "to_gmt", "index", "update_lexicon", "IndexWriter", "IndexReport", "SkippedRecord",
    "Record", "parse_record", "read_record_file", "Error", "QueryError", "DatabaseError", "DatabaseLockedError",
    "InputError", "default_lexicon_path",
]

_ENRICH_COLUMNS = ["rank", "figid", "title", "year", "organisms", "overlap", "set_size", "overlap_genes", "pvalue",
                   "log10_pvalue", "fdr", "odds_ratio"]
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


class GeneSets(list):
    """What ``Searcher.gene_sets()`` returns: a list of GeneSet, with ``.partial`` and ``.missing`` as on
    SearchResult (shards left out with ``allow_partial``)."""

    def __init__(self, sets=(), partial=False, missing=()):
        super().__init__(sets)
        self.partial = partial
        self.missing = list(missing)


class Searcher(_capsearch.Searcher):
    """An open index (a folder made by ``capsearch index``, a stub file, or a list of shards searched
    as one): ``Searcher(path_or_shards, timeout=None, allow_partial=False)``.

    timeout: seconds a remote shard (xapian-tcpsrv) may take to connect or answer (None: Xapian's 10 s).
    allow_partial: when some shards cannot be reached, answer from the others; results then have
    ``.partial`` True and ``.missing`` naming the shards left out (``stats()``: keys "partial" and
    "missing"). Without it such a shard raises DatabaseError naming it.

    A Searcher may be shared by many threads; searches release the GIL and run in parallel.
    Raises DatabaseError when the index cannot be opened.
    """

    def search(self, query="", limit=10, offset=0, year=None, organisms=None, facets=False, sort="relevance",
               synonyms=True, snippet_length=240, suggest=True, strict=False, explain=False, facet_names=None):
        """Searches the index; returns a SearchResult (``.total``, ``.hits``, ``.facets``, ``.suggestion``,
        ``.query_note``).

        query: the query text (README "Query syntax"); "" matches every figure.
        year: 2015, "2010..2015", "..2012", "2015.." or a (from, to) tuple (None = open end).
        organisms: names (Latin or common: "human", "mouse", ...) of which a figure needs any.
        facets: count figures per facet (year, organism, journal, keyword, disease, chemical) over all matches (``result.facets``, a dict per facet).
        facet_names: count only these facets (a name or a list, e.g. ["year", "organism"]; None = all);
        implies ``facets``. An unknown name raises Error naming the facets there are.
        sort: "relevance" (BM25) or "year" (newest first).
        synonyms: expand gene names through the index's lexicon.
        suggest: when at most 2 figures match, offer a corrected query (``.suggestion``, else None).
        strict: a query syntax slip (unclosed quote or parenthesis, dangling operator) raises QueryError;
        by default it is read past and ``result.query_note`` says how.
        explain: give each hit its ``.explanation`` (which query parts matched in which fields, with
        their BM25 weights, which add up to the hit's score; also in ``hit.to_dict()``).
        Raises QueryError for a malformed query, Error for a bad argument.
        """
        year_from, year_to = _year_range(year)
        if isinstance(organisms, str):
            organisms = [organisms]
        if limit < 0 or offset < 0:
            raise Error("limit and offset must not be negative")
        if isinstance(facet_names, str):
            facet_names = [facet_names]
        facet_names = list(facet_names or [])
        return self._search(query, limit, offset, year_from, year_to, list(organisms or []),
                            facets or bool(facet_names), sort, synonyms, snippet_length, suggest, strict, explain,
                            facet_names)

    def enrich(self, genes, expand_families=False, query="", year=None, organisms=None, synonyms=True,
               min_overlap=1, fdr=None, universe=None, background=None, limit=10, offset=0, facets=False):
        """Figures enriched for ``genes``; returns an EnrichResult (``.hits``, ``.input``, ``.tested``, ...).

        For every figure passing the filters with a gene set: overlap k, set size K, p = P(X >= k) (the
        one-sided hypergeometric test, i.e. Fisher's exact test), odds ratio and Benjamini-Hochberg FDR
        over the tested figures; hits ordered by p-value, then overlap, then figid (``capsearch enrich``).

        genes: gene names in any form the lexicon knows (HER2, p53, Akt1), an iterable or one string.
            Names of no gene, of several genes, or of families are listed in ``result.input`` and not used.
        expand_families: a family name (AKT, NF-kB) stands for its members.
        query, year, organisms, synonyms: test only the figures matching them (as in ``search``).
        min_overlap: keep figures sharing at least this many genes.
        fdr: keep hits with an FDR at or below this.
        universe: the number of genes N (default: the distinct genes of all figures' sets).
        background: gene names forming the universe instead.
        facets: year and organism counts over the hits passing ``fdr`` (``result.facets``).
        Raises QueryError for a malformed query, Error for a bad argument.
        """
        if isinstance(genes, str):
            genes = [genes]
        if isinstance(background, str):
            background = [background]
        if isinstance(organisms, str):
            organisms = [organisms]
        for name, value in (("limit", limit), ("offset", offset), ("min_overlap", min_overlap)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Error(f"{name} must be a non-negative int, not {value!r}")
        if universe is not None and (isinstance(universe, bool) or not isinstance(universe, int) or universe < 1):
            raise Error(f"universe must be a positive int, not {universe!r}")
        if fdr is not None and not 0.0 <= float(fdr) <= 1.0:
            raise Error(f"fdr must be between 0 and 1, not {fdr!r}")
        year_from, year_to = _year_range(year)
        return self._enrich([str(g) for g in genes], expand_families, query, year_from, year_to,
                            list(organisms or []), synonyms, min_overlap, None if fdr is None else float(fdr),
                            universe, [str(g) for g in (background or [])], limit, offset, facets)

    def similar(self, figid, by="both", limit=10, year=None, organisms=None):
        """Figures like the figure ``figid``: by gene-set overlap (``.genes``, an EnrichResult) and by
        text (``.text``, Hits); ``by`` is "genes", "text" or "both". The figure itself is left out.
        Raises Error for an unknown figid."""
        if by not in ("genes", "text", "both"):
            raise Error(f'by must be "genes", "text" or "both", not {by!r}')
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise Error(f"limit must be a non-negative int, not {limit!r}")
        if isinstance(organisms, str):
            organisms = [organisms]
        year_from, year_to = _year_range(year)
        return self._similar(figid, by != "text", by != "genes", limit, year_from, year_to, list(organisms or []))

    def gene_sets(self, query="", year=None, organisms=None, synonyms=True):
        """The gene sets (GeneSet: figid, title, symbols) of the figures matching the filters that have
        genes, as a GeneSets list; ``capsearch.to_gmt(sets)`` writes them as GMT (``capsearch export``)."""
        if isinstance(organisms, str):
            organisms = [organisms]
        year_from, year_to = _year_range(year)
        found = self._gene_sets(query, year_from, year_to, list(organisms or []), synonyms)
        return GeneSets(found.sets, found.partial, found.missing)

    def synonyms(self, name):
        """How ``name`` is analysed and what it expands to with this index's lexicon, as a dict
        (the JSON of ``capsearch synonyms --format json``)."""
        return _json.loads(self._explain_json(name))

    def stats(self):
        """Counts and ranges of the index, as a dict (``capsearch stats --format json``)."""
        return _json.loads(self._stats().to_json())


def index(db, paths, lexicon=None, rebuild=False, delete_missing=True, batch_size=2000, threads=0, extensions=None,
          shards=0):
    """Creates or syncs the index ``db`` with the record files and folders ``paths``; returns an IndexReport.

    As ``capsearch index``: bad records are skipped and listed in ``report.skipped``; the index keeps
    the lexicon it was built with unless ``lexicon`` names a lexicon file. ``shards`` N > 1 makes an
    index of N shards (``capsearch index --shards N``; 0 keeps what the index is; another count needs
    ``rebuild``).
    Raises DatabaseLockedError when another writer holds the index, DatabaseError / Error on failure.
    """
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    paths = [str(p) for p in paths]
    report = _capsearch._index(str(db), paths, str(lexicon or ""), rebuild, delete_missing, batch_size, threads,
                               None if extensions is None else list(extensions), shards)
    if report.lexicon_source == "builtin":
        # As the program says on stderr: without NCBI's aliases recall drops silently otherwise.
        _warnings.warn(f"no gene lexicon file found; {db} uses the built-in curated core only, without NCBI's "
                       "gene aliases (pass lexicon=, or set CAPSEARCH_LEXICON)", stacklevel=2)
    return report


def update_lexicon(db, lexicon=None, threads=0):
    """Analyses every figure of ``db`` again with the lexicon file ``lexicon`` (default: the default
    lexicon), which the index keeps from then on (``capsearch lexicon update``); returns an IndexReport."""
    return _capsearch._update_lexicon(str(db), str(lexicon or ""), threads)


def _dict_of(columns):
    """A to_dict() method for a hit: its fields named by columns."""

    def to_dict(self):
        return {name: getattr(self, name) for name in columns}

    return to_dict


def _json_to_dict(self):
    """The object as the program prints it with --format json, as a dict."""
    return _json.loads(self.to_json())


def _frame_of(columns):
    """A to_pandas() method: the result's hits as a DataFrame with these columns, one row per hit."""

    def to_pandas(self):
        """The hits as a pandas DataFrame, one row per hit (requires pandas)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas (Debian: apt install python3-pandas)") from None
        return pandas.DataFrame([h.to_dict() for h in self.hits], columns=columns)

    return to_pandas


SearchResult.to_dict = EnrichResult.to_dict = SimilarResult.to_dict = IndexReport.to_dict = _json_to_dict
SearchResult.to_pandas = SearchResult.hits_frame = _frame_of(_HIT_COLUMNS)
EnrichResult.to_pandas = EnrichResult.hits_frame = _frame_of(_ENRICH_COLUMNS)
_hit_columns_dict = _dict_of(_HIT_COLUMNS)


def _hit_to_dict(self):
    """The hit's fields, and its explanation when the search asked for one (as in the JSON)."""
    d = _hit_columns_dict(self)
    if self.explanation:
        d["explanation"] = self.explanation
    return d


Hit.to_dict = _hit_to_dict
EnrichHit.to_dict = _dict_of(_ENRICH_COLUMNS)
