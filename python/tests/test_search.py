"""Searching from Python: hits, facets, filters (every year form), sorting, synonyms, stats, and
agreement with `capsearch search --format json` on the same index."""
import pytest

import capsearch
from conftest import run_json


def test_hits_carry_the_figure(seed_index):
    result = capsearch.Searcher(seed_index).search("HER2 resistance")
    assert result.total == 2 and len(result.hits) == 2 and len(result) == 2
    figids = {h.figid for h in result.hits}
    assert figids == {"PMC3808214__brc-0008-0256-g02", "PMC3835685__nihms524354f1"}
    hit = next(h for h in result.hits if h.figid == "PMC3808214__brc-0008-0256-g02")
    assert hit.title == "HER2 family pathways, targeted therapies, and treatment resistance"
    assert hit.year == 2013 and hit.organisms == ["Homo sapiens"] and hit.pmcid == "PMC3808214"
    assert hit.score > 0 and "HER2" in hit.snippet
    for begin, end in hit.highlights:
        assert 0 <= begin < end <= len(hit.snippet.encode())
    other = next(h for h in result.hits if h is not hit and h.figid != hit.figid)
    assert other.year is None  # Unknown years are None, never a made-up value.


def test_limit_offset_and_no_match(seed_index):
    s = capsearch.Searcher(seed_index)
    first = s.search("HER2", limit=1)
    second = s.search("HER2", limit=1, offset=1)
    assert first.total == second.total == 2
    assert [h.rank for h in first.hits + second.hits] == [1, 2]
    assert first.hits[0].figid != second.hits[0].figid
    assert s.search("zebrafish").total == 0


def test_did_you_mean(seed_index):
    s = capsearch.Searcher(seed_index)
    result = s.search("resistanse")
    assert result.total == 0
    assert result.suggestion == "resistance"
    assert result.to_dict()["suggestion"] == "resistance"
    assert s.search("resistanse", suggest=False).suggestion is None
    assert s.search("HER2").suggestion is None


def test_explain(seed_index):
    s = capsearch.Searcher(seed_index)
    assert s.search("HER2").hits[0].explanation == []
    assert "explanation" not in s.search("HER2").hits[0].to_dict()
    result = s.search("HER2 resistance", explain=True)
    assert result.hits
    for hit, as_json in zip(result.hits, result.to_dict()["hits"]):
        assert abs(sum(p["weight"] for p in hit.explanation) - hit.score) < 1e-9
        assert {p["part"] for p in hit.explanation} == {"HER2", "resistance"}
        assert hit.to_dict()["explanation"] == hit.explanation
        assert [p["part"] for p in as_json["explanation"]] == [p["part"] for p in hit.explanation]
    her2 = next(p for p in result.hits[0].explanation if p["part"] == "HER2")
    assert "ERBB2" in her2["matched"]


def test_facets_only_when_asked(seed_index):
    s = capsearch.Searcher(seed_index)
    assert s.search("HER2").facets == {}
    facets = s.search("HER2", facets=True).facets
    assert facets["year"] == {"2013": 1}
    assert facets["organism"] == {"Homo sapiens": 1}
    # One key per facet of the schema, in its order; a figure lacking a field counts nowhere.
    assert list(facets) == ["year", "organism", "journal", "keyword", "disease", "chemical"]


def test_facet_names_choose_the_facets(seed_index):
    s = capsearch.Searcher(seed_index)
    everything = s.search("", facets=True).facets
    chosen = s.search("", facet_names=["organism", "year"]).facets
    # Schema order whatever the order asked, and the same counts as with every facet.
    assert list(chosen) == ["year", "organism"]
    assert chosen == {name: everything[name] for name in ("year", "organism")}
    assert list(s.search("", facet_names="journal").facets) == ["journal"]
    with pytest.raises(capsearch.Error, match="nosuch"):
        s.search("", facet_names=["nosuch"])


@pytest.mark.parametrize("year", [2013, "2013", "2010..2015", "2013..", "..2013", (2010, 2015), (2013, None),
                                  (None, 2014)])
def test_year_forms_keep_the_2013_figure(seed_index, year):
    result = capsearch.Searcher(seed_index).search("HER2", year=year)
    assert [h.figid for h in result.hits] == ["PMC3808214__brc-0008-0256-g02"]


@pytest.mark.parametrize("year", [2014, "2015..", (1990, 2000)])
def test_year_forms_that_exclude_it(seed_index, year):
    assert capsearch.Searcher(seed_index).search("HER2", year=year).total == 0


def test_organism_filter(seed_index):
    s = capsearch.Searcher(seed_index)
    assert s.search("HER2", organisms=["human"]).total == 1
    assert s.search("HER2", organisms="Homo sapiens").total == 1
    assert s.search("HER2", organisms=["humans"]).total == 1
    with pytest.raises(capsearch.Error, match="closest known organisms: Homo sapiens"):
        s.search("HER2", organisms=["mouse"])  # The index has no mouse figure.


def test_synonyms_and_stats(seed_index):
    s = capsearch.Searcher(seed_index)
    explained = s.synonyms("HER2")
    assert explained["name"] == "HER2" and "ERBB2" in str(explained)
    assert "ERBB2" in s.explain("HER2")
    assert s.search("ERBB2", synonyms=False).total <= s.search("ERBB2").total
    stats = s.stats()
    assert stats["documents"] == 2 and stats["lexicon_id"]
    # Every facet of the schema over the whole index, as a search with facets counts them.
    assert stats["facets"] == s.search("", facets=True).facets
    assert list(stats["figures_without"]) == list(stats["facets"])


def test_to_dict_and_pandas(seed_index):
    result = capsearch.Searcher(seed_index).search("HER2", facets=True)
    d = result.to_dict()
    assert d["total"] == 2 and len(d["hits"]) == 2 and d["facets"]["year"] == {"2013": 1}
    assert result.hits[0].to_dict()["figid"] == result.hits[0].figid
    pandas = pytest.importorskip("pandas")
    frame = result.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["figid"]) == [h.figid for h in result.hits]
    assert frame.loc[0, "title"] == result.hits[0].title
    assert result.hits_frame().shape == frame.shape


def test_help_is_useful():
    assert "year" in capsearch.Searcher.search.__doc__
    assert "Error" in capsearch.__doc__
    assert capsearch.IndexWriter.__doc__ and capsearch.index.__doc__


CASES = [
    ("HER2", {}, []),
    ("HER2 resistance", {"facets": True}, ["--facets"]),
    ("signaling", {"year": "2010..2016", "facets": True, "limit": 5}, ["--year", "2010..2016", "--facets", "--limit", "5"]),
    ("pathway", {"organisms": ["mouse"], "sort": "year", "limit": 20}, ["--organism", "mouse", "--sort", "year", "--limit", "20"]),
    ("AKT OR mTOR", {"offset": 3, "limit": 4}, ["--offset", "3", "--limit", "4"]),
    ("p38 MAPK", {"synonyms": False, "facets": True}, ["--no-synonyms", "--facets"]),
    ("", {"year": (None, 2012), "facets": True}, ["--year", "..2012", "--facets"]),
]


@pytest.mark.parametrize("query,kwargs,options", CASES)
def test_agrees_with_the_program(shared_index, program, query, kwargs, options):
    result = capsearch.Searcher(shared_index).search(query, **kwargs).to_dict()
    status, printed = run_json(program, "search", "--db", shared_index, "--format", "json", *options,
                               *([query] if query else []))
    assert status == (0 if result["total"] else 1)
    assert result == printed
