// The parts of the extension module, each binding one area of the public API.
#pragma once

#include <pybind11/pybind11.h>

namespace capsearch::python {

/// capsearch.Error and its subclasses, and the translation of C++ exceptions into them.
void bind_errors(pybind11::module_& m);
/// Searcher, SearchResult, Hit, IndexStats.
void bind_search(pybind11::module_& m);
/// Record, IndexReport, SkippedRecord, index(), update_lexicon(), IndexWriter.
void bind_index(pybind11::module_& m);

}  // namespace capsearch::python
