# Type stubs of the capsearch package (the extension module _capsearch and the Python layer).
from os import PathLike
from typing import Any, Iterable, Optional, Sequence, Tuple, Union

_Path = Union[str, PathLike[str]]
_Year = Union[None, int, str, Tuple[Optional[int], Optional[int]]]

class Error(Exception):
    code: str
class QueryError(Error): ...
class DatabaseError(Error): ...
class DatabaseLockedError(DatabaseError): ...
class InputError(Error):
    file: str
    line: int
    reason: str

class Hit:
    rank: int
    figid: str
    score: float
    title: str
    year: Optional[int]
    organisms: list[str]
    pmcid: str
    papertitle: str
    figlink: str
    snippet: str
    highlights: list[Tuple[int, int]]
    explanation: list[dict[str, Any]]
    def to_dict(self) -> dict[str, Any]: ...

class SearchResult:
    query: str
    query_note: Optional[str]
    total: int
    offset: int
    limit: int
    hits: list[Hit]
    suggestion: Optional[str]
    partial: bool
    missing: list[str]
    @property
    def facets(self) -> dict[str, dict[str, int]]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_pandas(self) -> Any: ...
    def hits_frame(self) -> Any: ...
    def __len__(self) -> int: ...

class EnrichHit:
    rank: int
    figid: str
    title: str
    year: Optional[int]
    organisms: list[str]
    overlap: int
    set_size: int
    overlap_genes: list[str]
    pvalue: float
    log10_pvalue: float
    fdr: float
    odds_ratio: float
    def to_dict(self) -> dict[str, Any]: ...

class EnrichResult:
    genes: list[str]
    query_size: int
    universe: int
    tested: int
    total: int
    offset: int
    limit: int
    hits: list[EnrichHit]
    partial: bool
    missing: list[str]
    @property
    def input(self) -> dict[str, Any]: ...
    @property
    def facets(self) -> dict[str, dict[str, int]]: ...
    def to_json(self) -> str: ...
    def to_tsv(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_pandas(self) -> Any: ...
    def hits_frame(self) -> Any: ...
    def __len__(self) -> int: ...

class SimilarResult:
    figid: str
    title: str
    genes: Optional[EnrichResult]
    text: list[Hit]
    text_terms: list[str]
    partial: bool
    missing: list[str]
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class GeneSet:
    figid: str
    title: str
    symbols: list[str]

class GeneSets(list[GeneSet]):
    partial: bool
    missing: list[str]

def to_gmt(sets: Sequence[GeneSet]) -> str: ...

class Searcher:
    def __init__(self, path: Union[str, Sequence[str]], *, timeout: Optional[float] = ...,
                 allow_partial: bool = ...) -> None: ...
    def search(self, query: str = ..., limit: int = ..., offset: int = ..., year: _Year = ...,
               organisms: Union[None, str, Iterable[str]] = ..., facets: bool = ..., sort: str = ...,
               synonyms: bool = ..., snippet_length: int = ..., suggest: bool = ...,
               strict: bool = ..., explain: bool = ...,
               facet_names: Union[None, str, Iterable[str]] = ...) -> SearchResult: ...
    def enrich(self, genes: Union[str, Iterable[str]], expand_families: bool = ..., query: str = ...,
               year: _Year = ..., organisms: Union[None, str, Iterable[str]] = ..., synonyms: bool = ...,
               min_overlap: int = ..., fdr: Optional[float] = ..., universe: Optional[int] = ...,
               background: Union[None, str, Iterable[str]] = ..., limit: int = ..., offset: int = ...,
               facets: bool = ...) -> EnrichResult: ...
    def similar(self, figid: str, by: str = ..., limit: int = ..., year: _Year = ...,
                organisms: Union[None, str, Iterable[str]] = ...) -> SimilarResult: ...
    def gene_sets(self, query: str = ..., year: _Year = ..., organisms: Union[None, str, Iterable[str]] = ...,
                  synonyms: bool = ...) -> GeneSets: ...
    def synonyms(self, name: str) -> dict[str, Any]: ...
    def explain(self, name: str) -> str: ...
    def stats(self) -> dict[str, Any]: ...
    def reopen(self) -> None: ...

class Record:
    figid: str
    title: str
    caption: str
    papertitle: str
    pmcid: str
    reftext: str
    doi: str
    journal: str
    figlink: str
    filename: str
    year: Optional[int]
    organisms: list[str]
    organisms_ner: list[str]
    keywords: list[str]
    genes: list[str]
    gene_words: list[str]
    source_path: str
    def __init__(self, figid: str, title: str = ..., caption: str = ..., papertitle: str = ..., pmcid: str = ...,
                 year: Optional[int] = ..., organisms: list[str] = ..., keywords: list[str] = ...,
                 genes: list[str] = ..., figlink: str = ...) -> None: ...

class SkippedRecord:
    file: str
    line: int
    reason: str

class IndexReport:
    added: int
    updated: int
    deleted: int
    unchanged: int
    files_found: int
    skipped: list[SkippedRecord]
    seconds: float
    rebuilt: bool
    documents: int
    lexicon_changed: bool
    lexicon_id: str
    lexicon_source: str
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class IndexWriter:
    def __init__(self, db: str, lexicon: str = ...) -> None: ...
    def put(self, record: Record) -> bool: ...
    def remove(self, figid: str) -> bool: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...
    def __enter__(self) -> IndexWriter: ...
    def __exit__(self, *args: Any) -> None: ...

def index(db: _Path, paths: Union[_Path, Iterable[_Path]], lexicon: Optional[_Path] = ..., rebuild: bool = ...,
          delete_missing: bool = ..., batch_size: int = ..., threads: int = ...,
          extensions: Optional[Iterable[str]] = ..., shards: int = ...) -> IndexReport: ...
def update_lexicon(db: _Path, lexicon: Optional[_Path] = ..., threads: int = ...) -> IndexReport: ...
def parse_record(text: str, path: str = ...) -> Record: ...
def read_record_file(path: str) -> Record: ...
def default_lexicon_path() -> str: ...
