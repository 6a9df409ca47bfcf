// The parts of the extension module, each binding one area of the public API.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capsearch/search.hpp"

namespace capsearch::python {

/// The year and organism filters every request type has (SearchRequest, EnrichRequest, SimilarRequest).
template <typename Request>
void set_filters(Request& request, std::optional<int> year_from, std::optional<int> year_to,
                 std::vector<std::string> organisms) {
    request.year_from = year_from;
    request.year_to = year_to;
    request.organisms = std::move(organisms);
}
/// Facet counts as the dict Python results show: {'year': {...}, 'organism': {...}}, {} when none.
pybind11::dict facets_dict(const std::optional<Facets>& facets);
/// capsearch.Error and its subclasses, and the translation of C++ exceptions into them.
void bind_errors(pybind11::module_& m);
/// Searcher, SearchResult, Hit, IndexStats; returns the Searcher class for the other parts' methods.
pybind11::class_<Searcher> bind_search(pybind11::module_& m);
/// EnrichResult, EnrichHit, SimilarResult, GeneSet, to_gmt(), and Searcher's enrichment methods.
void bind_enrich(pybind11::module_& m, pybind11::class_<Searcher>& searcher);
/// Record, IndexReport, SkippedRecord, index(), update_lexicon(), IndexWriter.
void bind_index(pybind11::module_& m);

}  // namespace capsearch::python
