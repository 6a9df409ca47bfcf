// Where an index's postings and positions go: per term prefix (schema/terms.hpp), the documents'
// postings, positions and term bytes, read from each document's termlist (bench/INDEXING.md).
// Usage: term_breakdown DB [--docs N]   (N: only the first N documents, for a quick look)
#include <xapian.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

#include "schema/terms.hpp"

namespace {

namespace terms = capsearch::terms;

// Every prefix terms.hpp defines, the longest first where one starts another.
constexpr std::array<std::string_view, 18> kPrefixes{
    terms::kCaption, terms::kPaperTitle, terms::kGeneText, terms::kOrganismText, terms::kAuthor,
    terms::kConcept, terms::kOrganism,   terms::kPmcid,    terms::kPath,         terms::kGeneSet,
    terms::kJournal, terms::kDisease,    terms::kChemical, terms::kPhrasePair,   terms::kTitle,
    terms::kKeyword, terms::kYear,       terms::kFigid};

// The class of a term: its prefix ("" for an unprefixed word, "Z" / "Z"+prefix for stems).
std::string class_of(std::string_view term) {
    if (terms::starts_unprefixed(term)) return "(none)";
    std::string out;
    if (term.starts_with(terms::kStemmed)) {
        const std::string_view rest = term.substr(terms::kStemmed.size());
        if (terms::starts_unprefixed(rest)) return std::string(terms::kStemmed);
        for (std::string_view p : terms::kFreeTextPrefixes) {
            if (rest.starts_with(p) && terms::starts_unprefixed(rest.substr(p.size())))
                return std::string(terms::kStemmed) + std::string(p);
        }
    }
    for (std::string_view p : kPrefixes) {
        if (term.starts_with(p)) return std::string(p);
    }
    return "(other)";
}

struct Tally {
    unsigned long long postings = 0;   // (document, term) pairs
    unsigned long long positions = 0;  // positions over those pairs
    unsigned long long bytes = 0;      // term bytes over those pairs (the termlist's raw size)
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: term_breakdown DB [--docs N]\n";
        return 2;
    }
    Xapian::doccount limit = 0;
    if (argc == 4 && std::string_view(argv[2]) == "--docs")
        limit = static_cast<Xapian::doccount>(std::atol(argv[3]));
    try {
        Xapian::Database db(argv[1]);
        std::map<std::string, Tally> by_class;
        Tally total;
        Xapian::doccount docs = 0;
        for (auto d = db.postlist_begin(""); d != db.postlist_end("") && (limit == 0 || docs < limit);
             ++d, ++docs) {
            for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
                const std::string term = *t;
                Tally& c = by_class[class_of(term)];
                const Xapian::termcount n = t.positionlist_count();
                for (Tally* x : {&c, &total}) {
                    ++x->postings;
                    x->positions += n;
                    x->bytes += term.size();
                }
            }
        }
        std::printf(
            "%u documents of %u\n\n| prefix | postings | per doc | positions | per doc | term bytes |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: |\n",
            docs, db.get_doccount());
        const double n = docs ? docs : 1;
        for (const auto& [name, c] : by_class) {
            std::printf("| %s | %llu | %.1f | %llu | %.1f | %llu |\n", name.c_str(), c.postings,
                        c.postings / n, c.positions, c.positions / n, c.bytes);
        }
        std::printf("| all | %llu | %.1f | %llu | %.1f | %llu |\n", total.postings, total.postings / n,
                    total.positions, total.positions / n, total.bytes);
    } catch (const Xapian::Error& e) {
        std::cerr << "term_breakdown: " << argv[1] << ": " << e.get_description() << "\n";
        return 1;
    }
    return 0;
}
