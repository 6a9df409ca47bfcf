"""Gene-set enrichment, similar figures and gene-set export from Python: the same answers as
`capsearch enrich|similar|export` on the same index, argument checks, pandas, threads."""
import concurrent.futures
import json
import subprocess

import pytest

import capsearch
from conftest import run_json


def common_genes(searcher, count):
    """The genes held by most figures of the index (read from the index, not fixed here)."""
    seen = {}
    for entry in searcher.gene_sets():
        for symbol in entry.symbols:
            seen[symbol] = seen.get(symbol, 0) + 1
    assert len(seen) >= count, "the index holds too few genes for this test"
    return [g for g, _ in sorted(seen.items(), key=lambda item: (-item[1], item[0]))[:count]]


def test_enrich_agrees_with_the_program(shared_index, program):
    s = capsearch.Searcher(shared_index)
    genes = common_genes(s, 6) + ["NOTAGENE42"]
    result = s.enrich(genes, limit=15)
    status, expected = run_json(program, "enrich", "--db", shared_index, "--format", "json", "--limit", "15", *genes)
    assert status == 0 and result.total > 0
    assert result.to_dict() == expected
    assert result.tested == expected["tested"] and result.universe == expected["universe"]
    assert result.query_size == len(result.genes) == 6
    assert result.input["unresolved"] == ["NOTAGENE42"]
    assert [h.figid for h in result.hits] == [h["figid"] for h in expected["hits"]]
    first = result.hits[0]
    assert first.rank == 1 and 0 < first.overlap <= first.set_size
    assert set(first.overlap_genes) <= set(result.genes)
    assert 0.0 <= first.pvalue <= first.fdr <= 1.0
    pvalues = [h.pvalue for h in result.hits]
    assert pvalues == sorted(pvalues)


def test_enrich_filters_and_paging(shared_index, program):
    s = capsearch.Searcher(shared_index)
    genes = common_genes(s, 8)
    whole = s.enrich(genes, limit=1000)
    page = s.enrich(genes, limit=3, offset=2)
    assert page.total == whole.total and [h.figid for h in page.hits] == [h.figid for h in whole.hits[2:5]]
    strict = s.enrich(genes, min_overlap=2, fdr=0.5, year="2015..", facets=True, limit=1000)
    status, expected = run_json(program, "enrich", "--db", shared_index, "--format", "json", "--limit", "1000",
                                "--min-overlap", "2", "--fdr", "0.5", "--year", "2015..", "--facets", *genes)
    assert strict.to_dict() == (expected if status in (0, 1) else None)
    assert all(h.overlap >= 2 and h.fdr <= 0.5 and h.year >= 2015 for h in strict.hits)
    assert sum(strict.facets.get("year", {}).values()) == strict.total
    assert s.enrich(genes, universe=100000).universe == 100000


def test_enrich_bad_arguments(seed_index):
    s = capsearch.Searcher(seed_index)
    with pytest.raises(capsearch.Error):
        s.enrich(["ERBB2"], limit=-1)
    with pytest.raises(capsearch.Error):
        s.enrich(["ERBB2"], fdr=2)
    with pytest.raises(capsearch.Error):
        s.enrich(["ERBB2"], universe=0)
    with pytest.raises(capsearch.QueryError):
        s.enrich(["ERBB2"], query='"unclosed')
    # One string is one gene, never its letters.
    assert s.enrich("ERBB2").input["names"] == ["ERBB2"]


def test_enrich_to_pandas(shared_index):
    pandas = pytest.importorskip("pandas")
    s = capsearch.Searcher(shared_index)
    result = s.enrich(common_genes(s, 5), limit=5)
    frame = result.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == len(result.hits)
    assert list(frame["figid"]) == [h.figid for h in result.hits]
    assert {"overlap", "set_size", "pvalue", "fdr", "overlap_genes"} <= set(frame.columns)


def test_enrich_in_threads(shared_index):
    s = capsearch.Searcher(shared_index)
    genes = common_genes(s, 6)
    alone = s.enrich(genes, limit=20).to_json()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: s.enrich(genes, limit=20).to_json(), range(16)))
    assert answers == [alone] * 16


def test_similar_agrees_with_the_program(shared_index, program):
    s = capsearch.Searcher(shared_index)
    figid = next(e.figid for e in s.gene_sets() if len(e.symbols) >= 5)
    result = s.similar(figid, limit=5)
    status, expected = run_json(program, "similar", "--db", shared_index, "--format", "json", "--limit", "5", figid)
    assert status == 0 and result.to_dict() == expected
    assert result.figid == figid and figid not in [h.figid for h in result.genes.hits]
    assert figid not in [h.figid for h in result.text]
    assert s.similar(figid, by="text").genes is None
    with pytest.raises(capsearch.Error):
        s.similar("no-such-figure")
    with pytest.raises(capsearch.Error):
        s.similar(figid, by="colour")


def test_gene_sets_and_gmt_agree_with_export(shared_index, program):
    s = capsearch.Searcher(shared_index)
    sets = s.gene_sets(organisms="human")
    done = subprocess.run([program, "export", "--db", shared_index, "--organism", "human"], capture_output=True,
                          text=True, check=True)
    assert capsearch.to_gmt(sets) == done.stdout
    assert sets and all(e.symbols == sorted(e.symbols) for e in sets)
    assert len(s.gene_sets()) >= len(sets)
