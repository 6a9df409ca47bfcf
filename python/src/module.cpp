// The `capsearch._capsearch` extension module: Python bindings of the public C++ API (searching,
// indexing, records, errors). The friendlier Python surface is capsearch/__init__.py.
#include <pybind11/pybind11.h>

#include "bindings.hpp"

PYBIND11_MODULE(_capsearch, m) {
    m.doc() = "Low-level bindings of libcapsearch; use the `capsearch` package instead.";
    capsearch::python::bind_errors(m);
    auto searcher = capsearch::python::bind_search(m);
    capsearch::python::bind_enrich(m, searcher);
    capsearch::python::bind_index(m);
}
