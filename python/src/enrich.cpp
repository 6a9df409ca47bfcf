// Gene-set enrichment, similar figures and gene-set export (capsearch/enrich.hpp) on Searcher. The GIL
// is released while the library works, as for searches.
#include "capsearch/enrich.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "capsearch/search.hpp"

namespace py = pybind11;

namespace capsearch::python {

namespace {

py::dict input_dict(const EnrichResult& r) {
    const EnrichInput& in = r.input;
    py::dict out;
    out["names"] = py::cast(in.names);
    out["resolved"] = py::cast(in.resolved);
    out["unresolved"] = py::cast(in.unresolved);
    out["ambiguous"] = py::cast(in.ambiguous);
    out["families"] = py::cast(in.families);
    out["outside_universe"] = py::cast(in.outside_universe);
    return out;
}

}  // namespace

void bind_enrich(py::module_& m, py::class_<Searcher>& searcher) {
    py::class_<EnrichHit>(m, "EnrichHit", "One figure enriched for the query genes.")
        .def_readonly("rank", &EnrichHit::rank, "1-based position in the whole ordered list.")
        .def_readonly("figid", &EnrichHit::figid)
        .def_readonly("title", &EnrichHit::title)
        .def_readonly("year", &EnrichHit::year, "The year, or None when unknown.")
        .def_readonly("organisms", &EnrichHit::organisms)
        .def_readonly("overlap", &EnrichHit::overlap, "k: query genes in the figure's gene set.")
        .def_readonly("set_size", &EnrichHit::set_size,
                      "K: genes in the figure's gene set (in the universe).")
        .def_readonly("overlap_genes", &EnrichHit::overlap_genes,
                      "The shared genes (official symbols), sorted.")
        .def_readonly(
            "pvalue", &EnrichHit::pvalue,
            "P(X >= k), one-sided hypergeometric (Fisher's exact); 0.0 below ~1e-308 (see log10_pvalue).")
        .def_readonly("log10_pvalue", &EnrichHit::log10_pvalue,
                      "log10 of the p-value, exact where pvalue underflows.")
        .def_readonly("fdr", &EnrichHit::fdr, "Benjamini-Hochberg FDR over the tested figures.")
        .def_readonly("odds_ratio", &EnrichHit::odds_ratio,
                      "Sample odds ratio (0.5 added to every cell when one is 0).")
        .def("__repr__", [](const EnrichHit& h) {
            return "<EnrichHit " + std::to_string(h.rank) + " " + h.figid + " " + std::to_string(h.overlap) +
                   "/" + std::to_string(h.set_size) + ">";
        });

    py::class_<EnrichResult>(m, "EnrichResult",
                             "What an enrichment returns; hits ordered by p-value, overlap, figid.")
        .def_property_readonly(
            "input", &input_dict,
            "How the names were understood: names, resolved, unresolved, ambiguous, families, "
            "outside_universe.")
        .def_readonly("genes", &EnrichResult::genes,
                      "The query genes used (resolved, inside the universe), sorted.")
        .def_readonly("query_size", &EnrichResult::query_size, "n")
        .def_readonly("universe", &EnrichResult::universe, "N")
        .def_readonly("tested", &EnrichResult::tested, "Figures tested (after the filters, with a gene set).")
        .def_readonly("total", &EnrichResult::total, "Hits before offset/limit (after min_overlap and fdr).")
        .def_readonly("offset", &EnrichResult::offset)
        .def_readonly("limit", &EnrichResult::limit)
        .def_readonly("hits", &EnrichResult::hits, "The hits of this page (list of EnrichHit).")
        .def_property_readonly(
            "facets", [](const EnrichResult& r) { return facets_dict(r.facets); },
            "Year and organism counts over the hits passing fdr; empty unless facets=True.")
        .def_readonly("partial", &EnrichResult::partial, "As SearchResult.partial.")
        .def_readonly("missing", &EnrichResult::missing, "As SearchResult.missing.")
        .def("to_json", &EnrichResult::to_json, "The result as `capsearch enrich --format json` prints it.")
        .def("to_tsv", &EnrichResult::to_tsv, "The result as `capsearch enrich --format tsv` prints it.")
        .def("__len__", [](const EnrichResult& r) { return r.hits.size(); })
        .def("__repr__", [](const EnrichResult& r) {
            return "<EnrichResult total=" + std::to_string(r.total) +
                   " hits=" + std::to_string(r.hits.size()) + " tested=" + std::to_string(r.tested) + ">";
        });

    py::class_<SimilarResult>(m, "SimilarResult", "Figures like one figure, by genes and by text.")
        .def_readonly("figid", &SimilarResult::figid)
        .def_readonly("title", &SimilarResult::title)
        .def_readonly("genes", &SimilarResult::genes, "An EnrichResult (by gene-set overlap), or None.")
        .def_readonly("text", &SimilarResult::text, "Hits by text (relevance feedback), a list of Hit.")
        .def_readonly("text_terms", &SimilarResult::text_terms, "The terms the text ranking used.")
        .def_readonly("partial", &SimilarResult::partial, "As SearchResult.partial.")
        .def_readonly("missing", &SimilarResult::missing, "As SearchResult.missing.")
        .def("to_json", &SimilarResult::to_json,
             "The result as `capsearch similar --format json` prints it.");

    py::class_<GeneSetEntry>(m, "GeneSet", "One figure's gene set (for GMT export).")
        .def_readonly("figid", &GeneSetEntry::figid)
        .def_readonly("title", &GeneSetEntry::title)
        .def_readonly("symbols", &GeneSetEntry::symbols, "Official symbols, sorted.")
        .def("__repr__", [](const GeneSetEntry& g) {
            return "<GeneSet " + g.figid + " " + std::to_string(g.symbols.size()) + " genes>";
        });

    // Searcher.gene_sets() turns it into capsearch.GeneSets, a list with .partial and .missing.
    py::class_<GeneSets>(m, "_GeneSets")
        .def_readonly("sets", &GeneSets::sets)
        .def_readonly("partial", &GeneSets::partial)
        .def_readonly("missing", &GeneSets::missing);

    m.def("to_gmt", &to_gmt, py::arg("sets"),
          "GMT text (figid, title, symbols; tab-separated) of gene sets.");

    searcher
        .def(
            "_enrich",
            [](const Searcher& s, std::vector<std::string> genes, bool expand_families,
               const std::string& query, std::optional<int> year_from, std::optional<int> year_to,
               std::vector<std::string> organisms, bool synonyms, std::size_t min_overlap,
               std::optional<double> fdr, std::optional<std::size_t> universe,
               std::vector<std::string> background, std::size_t limit, std::size_t offset, bool facets) {
                EnrichRequest request;
                request.genes = std::move(genes);
                request.expand_families = expand_families;
                request.query = query;
                set_filters(request, year_from, year_to, std::move(organisms));
                request.synonyms = synonyms;
                request.min_overlap = min_overlap;
                request.fdr = fdr;
                request.universe = universe;
                request.background = std::move(background);
                request.limit = limit;
                request.offset = offset;
                request.facets = facets;
                py::gil_scoped_release unlocked;
                return s.enrich(request);
            },
            py::arg("genes"), py::arg("expand_families"), py::arg("query"), py::arg("year_from"),
            py::arg("year_to"), py::arg("organisms"), py::arg("synonyms"), py::arg("min_overlap"),
            py::arg("fdr"), py::arg("universe"), py::arg("background"), py::arg("limit"), py::arg("offset"),
            py::arg("facets"))
        .def(
            "_similar",
            [](const Searcher& s, const std::string& figid, bool by_genes, bool by_text, std::size_t limit,
               std::optional<int> year_from, std::optional<int> year_to, std::vector<std::string> organisms) {
                SimilarRequest request;
                request.figid = figid;
                request.by_genes = by_genes;
                request.by_text = by_text;
                request.limit = limit;
                set_filters(request, year_from, year_to, std::move(organisms));
                py::gil_scoped_release unlocked;
                return s.similar(request);
            },
            py::arg("figid"), py::arg("by_genes"), py::arg("by_text"), py::arg("limit"), py::arg("year_from"),
            py::arg("year_to"), py::arg("organisms"))
        .def(
            "_gene_sets",
            [](const Searcher& s, const std::string& query, std::optional<int> year_from,
               std::optional<int> year_to, std::vector<std::string> organisms, bool synonyms) {
                SearchRequest request;
                request.query = query;
                set_filters(request, year_from, year_to, std::move(organisms));
                request.synonyms = synonyms;
                py::gil_scoped_release unlocked;
                return s.gene_sets(request);
            },
            py::arg("query"), py::arg("year_from"), py::arg("year_to"), py::arg("organisms"),
            py::arg("synonyms"));
}

}  // namespace capsearch::python
