// Organisms as people write them: common names and plurals, a genus, a species with its strains,
// abbreviations, and the closest names when a name stands for none.
#include <catch2/catch.hpp>

#include "searcher/organisms.hpp"

using capsearch::search::closest_organisms;
using capsearch::search::resolve_organism;
using Names = std::vector<std::string>;

namespace {

// Index organisms as their filter terms spell them (folded), sorted.
const Names kKnown{"arabidopsis lyrata",      "arabidopsis thaliana",    "danio rerio",
                   "drosophila melanogaster", "drosophila simulans",     "escherichia coli",
                   "escherichia coli bl21de3", "escherichia coli str. k-12", "escherichia phage t7",
                   "homo sapiens",            "human metapneumovirus",   "mus musculus",
                   "rattus norvegicus",       "saccharomyces cerevisiae", "severe acute respiratory syndrome coronavirus 2",
                   "staphylococcus aureus"};

}  // namespace

TEST_CASE("common names stand for their species, singular and plural", "[organisms]") {
    for (const char* name : {"human", "humans", "Human", "HUMANS"}) CHECK(resolve_organism(name, kKnown) == Names{"homo sapiens"});
    for (const char* name : {"mouse", "mice", "Mice"}) CHECK(resolve_organism(name, kKnown) == Names{"mus musculus"});
    CHECK(resolve_organism("rats", kKnown) == Names{"rattus norvegicus"});
    CHECK(resolve_organism("flies", kKnown) == Names{"drosophila melanogaster"});
    CHECK(resolve_organism("fruit fly", kKnown) == Names{"drosophila melanogaster"});
    CHECK(resolve_organism("yeast", kKnown) == Names{"saccharomyces cerevisiae"});
    CHECK(resolve_organism("zebrafish", kKnown) == Names{"danio rerio"});
    CHECK(resolve_organism("SARS-CoV-2", kKnown) == Names{"severe acute respiratory syndrome coronavirus 2"});
}

TEST_CASE("a genus means its species, a species its strains, never a longer word", "[organisms]") {
    CHECK(resolve_organism("Drosophila", kKnown) == Names{"drosophila melanogaster", "drosophila simulans"});
    CHECK(resolve_organism("arabidopsis", kKnown) == Names{"arabidopsis lyrata", "arabidopsis thaliana"});
    const Names coli{"escherichia coli", "escherichia coli bl21de3", "escherichia coli str. k-12"};
    CHECK(resolve_organism("Escherichia coli", kKnown) == coli);
    CHECK(resolve_organism("Escherichia  coli ", kKnown) == coli);
    CHECK(resolve_organism("Escherichia coli BL21DE3", kKnown) == Names{"escherichia coli bl21de3"});
    CHECK(resolve_organism("Homo sapiens", kKnown) == Names{"homo sapiens"});
    // "Hum" is no word of any name; "human" the common name, not Human metapneumovirus.
    CHECK(resolve_organism("Hum", kKnown).empty());
    CHECK(resolve_organism("Escherichia col", kKnown).empty());
}

TEST_CASE("abbreviated genus names and run-together forms", "[organisms]") {
    const Names coli{"escherichia coli", "escherichia coli bl21de3", "escherichia coli str. k-12"};
    for (const char* name : {"E. coli", "E.coli", "e coli", "ecoli"}) CHECK(resolve_organism(name, kKnown) == coli);
    CHECK(resolve_organism("S. cerevisiae", kKnown) == Names{"saccharomyces cerevisiae"});
    CHECK(resolve_organism("S. aureus", kKnown) == Names{"staphylococcus aureus"});
    CHECK(resolve_organism("D. melanogaster", kKnown) == Names{"drosophila melanogaster"});
    CHECK(resolve_organism("X. coli", kKnown).empty());
}

TEST_CASE("closest_organisms names the nearest known organisms for display", "[organisms]") {
    CHECK(closest_organisms("mices", kKnown, 1) == Names{"Mus musculus"});
    CHECK(closest_organisms("zebrafsh", kKnown, 1) == Names{"Danio rerio"});
    CHECK(closest_organisms("Drosofila", kKnown, 2) ==
          Names{"Drosophila melanogaster", "Drosophila simulans"});
    CHECK(closest_organisms("anything", {}, 3).empty());
    CHECK(closest_organisms("homo", kKnown, 5).size() == 5);
}
