// Figures for the year, organism and facet tests of the code filters (facet_filter.hpp) on one index
// and on shards: years 1995..2024 and some with none; one, two or no organisms, written as people
// write them (case, spacing); "apoptosis" in every third caption, "kinase" in every fifth, a journal
// in every fourth figure; then FF7 removed, a gap in the document ids.
#pragma once

#include <string>
#include <vector>

#include "capsearch/index.hpp"

namespace capsearch::test {

/// Puts figures FF0 .. FF<count - 1> through `w` and commits.
inline void put_filter_figures(IndexWriter& w, int count = 120) {
    static const std::vector<std::vector<std::string>> kOrganisms = {
        {"Homo sapiens"}, {"Mus musculus"},          {"homo  Sapiens", "Rattus norvegicus"}, {},
        {"Danio rerio"},  {"Escherichia coli K-12"}, {"Mus musculus", "Homo sapiens"}};
    for (int i = 0; i < count; ++i) {
        Record r;
        r.figid = "FF" + std::to_string(i);
        r.title = "Figure " + std::to_string(i);
        r.caption = std::string(i % 3 == 0 ? "apoptosis " : "") + (i % 5 == 0 ? "kinase " : "") + "pathway";
        if (i % 11 != 0) r.year = 1995 + i % 30;
        r.organisms = kOrganisms[static_cast<std::size_t>(i) % kOrganisms.size()];
        if (i % 4 == 0) r.journal = i % 8 == 0 ? "Frontiers in Immunology" : "Cell";
        w.put(r);
    }
    w.commit();
    if (w.remove("FF7")) w.commit();
}

}  // namespace capsearch::test
