// Searcher, SearchResult, Hit and IndexStats. The GIL is released while the library works, so
// threads sharing one Searcher search in parallel (the C++ Searcher is thread-safe).
#include "capsearch/search.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "capsearch/error.hpp"

namespace py = pybind11;

namespace capsearch::python {

namespace {

SortOrder parse_sort(const std::string& sort) {
    if (sort == "relevance") return SortOrder::relevance;
    if (sort == "year") return SortOrder::year;
    throw Error(ErrorCode::invalid_argument, "sort must be \"relevance\" or \"year\", not \"" + sort + "\"");
}

// How the Searcher reaches remote shards: timeout=None is Xapian's 10 s (the library checks the range).
SearchOptions search_options(std::optional<double> timeout, bool allow_partial) {
    SearchOptions options;
    options.timeout_seconds = timeout;
    options.allow_partial = allow_partial;
    return options;
}

}  // namespace

py::dict facets_dict(const std::optional<Facets>& facets) {
    py::dict out;
    if (facets) {
        for (const auto& [field, counts] : facets->fields) out[py::str(field)] = py::cast(counts);
    }
    return out;
}

py::class_<Searcher> bind_search(py::module_& m) {
    py::class_<Hit>(m, "Hit", "One matching figure.")
        .def_readonly("rank", &Hit::rank, "1-based position in the whole result list.")
        .def_readonly("figid", &Hit::figid)
        .def_readonly("score", &Hit::score, "BM25 score.")
        .def_readonly("title", &Hit::title)
        .def_readonly("title_highlights", &Hit::title_highlights,
                      "Byte ranges (begin, end) of matched words in the UTF-8 title.")
        .def_readonly("year", &Hit::year, "The year, or None when unknown.")
        .def_readonly("organisms", &Hit::organisms)
        .def_readonly("pmcid", &Hit::pmcid)
        .def_readonly("papertitle", &Hit::papertitle)
        .def_readonly("figlink", &Hit::figlink)
        .def_readonly("snippet", &Hit::snippet, "Part of the caption around the matched words.")
        .def_readonly("highlights", &Hit::highlights,
                      "Byte ranges (begin, end) of matched words in the UTF-8 snippet.")
        .def_property_readonly(
            "explanation",
            [](const Hit& h) {
                py::list parts;
                for (const ExplanationPart& p : h.explanation) {
                    py::dict d;
                    d["part"] = p.part;
                    d["field"] = p.field;
                    d["matched"] = py::cast(p.matched);
                    d["weight"] = p.weight;
                    parts.append(std::move(d));
                }
                return parts;
            },
            "With search(explain=True): dicts part, field, matched, weight; the weights add up to score.")
        .def("__repr__", [](const Hit& h) {
            return "<Hit " + std::to_string(h.rank) + " " + h.figid +
                   ">";  // No title: a cut could split UTF-8.
        });

    py::class_<SearchResult>(m, "SearchResult", "What a search returns.")
        .def_readonly("query", &SearchResult::query)
        .def_property_readonly(
            "query_note",
            [](const SearchResult& r) -> std::optional<std::string> {
                if (r.query_note.empty()) return std::nullopt;
                return r.query_note;
            },
            "How a query with syntax slips was read (one line), or None.")
        .def_readonly("total", &SearchResult::total, "The exact number of matching figures.")
        .def_readonly("offset", &SearchResult::offset)
        .def_readonly("limit", &SearchResult::limit)
        .def_readonly("hits", &SearchResult::hits, "The hits of this page (list of Hit).")
        .def_property_readonly(
            "facets", [](const SearchResult& r) { return facets_dict(r.facets); },
            "Counts over all matches by facet name: {'year': {...}, 'organism': {...}}; "
            "empty unless facets=True.")
        .def_readonly(
            "suggestion", &SearchResult::suggestion,
            "Did you mean: the query with misspelt words corrected, or None (README \"Did you mean\").")
        .def_readonly("partial", &SearchResult::partial,
                      "True when shards could not be reached and allow_partial left them out.")
        .def_readonly("missing", &SearchResult::missing, "The shards left out (\"host:port\" or path).")
        .def("to_json", &SearchResult::to_json, "The result as `capsearch search --format json` prints it.")
        .def("__len__", [](const SearchResult& r) { return r.hits.size(); })
        .def("__repr__", [](const SearchResult& r) {
            return "<SearchResult total=" + std::to_string(r.total) +
                   " hits=" + std::to_string(r.hits.size()) + ">";
        });

    py::class_<IndexStats>(m, "IndexStats", "Summary of an index.").def("to_json", &IndexStats::to_json);

    py::class_<Searcher> searcher(m, "Searcher", "An open index; may be shared by threads.");
    searcher
        .def(py::init([](const std::string& path, std::optional<double> timeout, bool allow_partial) {
                 return Searcher(path, search_options(timeout, allow_partial));
             }),
             py::arg("path"), py::kw_only(), py::arg("timeout") = py::none(),
             py::arg("allow_partial") = false, py::call_guard<py::gil_scoped_release>())
        .def(py::init(
                 [](const std::vector<std::string>& shards, std::optional<double> timeout,
                    bool allow_partial) { return Searcher(shards, search_options(timeout, allow_partial)); }),
             py::arg("shards"), py::kw_only(), py::arg("timeout") = py::none(),
             py::arg("allow_partial") = false, py::call_guard<py::gil_scoped_release>())
        .def(
            "_search",
            [](const Searcher& s, const std::string& query, std::size_t limit, std::size_t offset,
               std::optional<int> year_from, std::optional<int> year_to, std::vector<std::string> organisms,
               bool facets, const std::string& sort, bool synonyms, std::size_t snippet_length, bool suggest,
               bool strict, bool explain, std::vector<std::string> facet_names) {
                SearchRequest request;
                request.query = query;
                request.limit = limit;
                request.offset = offset;
                set_filters(request, year_from, year_to, std::move(organisms));
                request.facets = facets;
                request.facet_names = std::move(facet_names);
                request.sort = parse_sort(sort);
                request.synonyms = synonyms;
                request.snippet_length = snippet_length;
                request.suggest = suggest;
                request.strict = strict;
                request.explain = explain;
                py::gil_scoped_release unlocked;
                return s.search(request);
            },
            py::arg("query"), py::arg("limit"), py::arg("offset"), py::arg("year_from"), py::arg("year_to"),
            py::arg("organisms"), py::arg("facets"), py::arg("sort"), py::arg("synonyms"),
            py::arg("snippet_length"), py::arg("suggest"), py::arg("strict"), py::arg("explain"),
            py::arg("facet_names"))
        .def("_stats", &Searcher::stats, py::call_guard<py::gil_scoped_release>())
        .def("_explain_json", &Searcher::explain_json, py::arg("name"),
             py::call_guard<py::gil_scoped_release>())
        .def("explain", &Searcher::explain_text, py::arg("name"), py::call_guard<py::gil_scoped_release>(),
             "How `name` is analysed and expanded with this index's lexicon, as text (`capsearch synonyms`).")
        .def("reopen", &Searcher::reopen, py::call_guard<py::gil_scoped_release>(),
             "Makes later searches see the latest committed revision of the index.");
    return searcher;
}

}  // namespace capsearch::python
