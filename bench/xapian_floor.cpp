// What Xapian alone costs to write an index of capsearch's documents: every document of an existing
// index (terms with wdf and positions, values, data) is read into memory first, then written again
// the way a full build writes it (indexer/segment_merge.hpp: threads, segments of 256 documents,
// compaction in rounds of 64), and only the writing is timed. No YAML, no analysis: the floor under a
// full build (bench/INDEXING.md).
// Variants drop what a leaner index would not post, to size it before anyone writes it.
// The query mode times a phrase in an index such a build wrote: with --words-only, the least Xapian's
// positional phrase search can do for it.
//
// Usage: xapian_floor SOURCE_DB OUT_DIR [--threads N] [--without-unprefixed] [--without-positions]
//                     [--words-only] [--pairs] [--repeat N] [--add] [--verify]
//          --words-only: nothing but one term per word, with its positions in every field (and the
//                        values and data): the smallest index an unfielded phrase can be answered from
//          --repeat N:   every document N times (as a copy of the figure under another id), for a
//                        larger index of the same text
//          --add:        add_document instead of replace_document by the figure's id term
//          --verify:     afterwards, check that the index holds exactly the documents read (terms, wdf,
//                        positions, values, data; not with --repeat)
//          --pairs:      also a term per pair of adjacent words in a field ("XBcell cycle")
//        xapian_floor --query DB (--phrase "WORD WORD" | --pair "WORD WORD") [--rounds R] [--no-facet]
//          times OP_PHRASE of the words with BM25, an exact total (checkatleast = all documents) and
//          the year facet (a ValueCountMatchSpy on slot 1): median and p99 ms over R rounds; --pair
//          times the pair's term instead (an index written with --pairs).
#include <sys/resource.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/segment_merge.hpp"
#include "schema/terms.hpp"

namespace {

namespace fs = std::filesystem;
namespace terms = capsearch::terms;
namespace index = capsearch::index;

constexpr std::string_view kPairPrefix = "XB";  // Not a prefix capsearch uses (schema/terms.hpp).

struct Term {
    std::string name;
    Xapian::termcount wdf = 0;
    std::vector<Xapian::termpos> positions;
};

struct Doc {
    std::string data;
    std::vector<std::pair<Xapian::valueno, std::string>> values;
    std::vector<Term> terms;
    std::string id_term;
};

struct Options {
    unsigned threads = 2;
    bool without_unprefixed = false;
    bool without_positions = false;
    bool words_only = false;
    bool pairs = false;
    bool add = false;
    std::size_t repeat = 1;
    bool verify = false;
};

// An unprefixed word or its stem ("signaling", "Zsignal"): the copies step 2 of the lean index drops.
bool unprefixed_copy(std::string_view term) {
    if (terms::starts_unprefixed(term)) return true;
    return term.starts_with(terms::kStemmed) && terms::starts_unprefixed(term.substr(terms::kStemmed.size()));
}

// The word a free-text field term spells ("XCcell" -> "cell"), or "" for other terms.
std::string field_word(std::string_view term) {
    for (std::string_view p : terms::kFreeTextPrefixes) {
        if (term.starts_with(p) && term.size() > p.size() && terms::starts_unprefixed(term.substr(p.size())))
            return std::string(term.substr(p.size()));
    }
    return {};
}

// One term per word: the union of its field terms' positions (fields never share a position), and
// the figure's id term.
void keep_words_only(Doc& d) {
    std::map<std::string, Term> words;
    for (Term& t : d.terms) {
        const std::string w = field_word(t.name);
        if (w.empty()) continue;
        Term& into = words[w];
        into.name = w;
        into.wdf += t.wdf;
        into.positions.insert(into.positions.end(), t.positions.begin(), t.positions.end());
    }
    d.terms.clear();
    if (!d.id_term.empty()) d.terms.push_back({d.id_term, 0, {}});  // replace_document finds it
    for (auto& [w, t] : words) {
        std::sort(t.positions.begin(), t.positions.end());
        d.terms.push_back(std::move(t));
    }
}

// A term per pair of adjacent words ("XBcell cycle", wdf = how often), from the free-text field terms'
// positions: what a phrase of two words could be answered from without positions.
std::vector<Term> pairs_of(const Doc& d) {
    std::map<Xapian::termpos, std::string> at;
    for (const Term& t : d.terms) {
        const std::string w = field_word(t.name);
        if (w.empty()) continue;
        for (Xapian::termpos p : t.positions) at.emplace(p, w);
    }
    std::map<std::string, Xapian::termcount> pairs;
    for (auto it = at.begin(); it != at.end(); ++it) {
        const auto next = std::next(it);
        if (next != at.end() && next->first == it->first + 1)
            ++pairs[std::string(kPairPrefix) + it->second + " " + next->second];
    }
    std::vector<Term> out;
    for (const auto& [name, wdf] : pairs) out.push_back({name, wdf, {}});
    return out;
}

std::vector<Doc> read_all(const Xapian::Database& db, const Options& o) {
    std::vector<Doc> docs;
    docs.reserve(db.get_doccount());
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::Document d = db.get_document(*p);
        Doc out;
        out.data = d.get_data();
        for (auto v = d.values_begin(); v != d.values_end(); ++v)
            out.values.emplace_back(v.get_valueno(), *v);
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            const std::string name = *t;
            if (name.starts_with(terms::kFigid)) out.id_term = name;
            if (o.without_unprefixed && unprefixed_copy(name)) continue;
            Term term{name, t.get_wdf(), {}};
            if (!o.without_positions || o.pairs) {
                for (auto pos = t.positionlist_begin(); pos != t.positionlist_end(); ++pos)
                    term.positions.push_back(*pos);
            }
            out.terms.push_back(std::move(term));
        }
        std::vector<Term> pairs;
        if (o.pairs) pairs = pairs_of(out);
        if (o.words_only) keep_words_only(out);
        for (Term& t : pairs) out.terms.push_back(std::move(t));
        if (o.without_positions) {
            for (Term& t : out.terms) t.positions.clear();
        }
        docs.push_back(std::move(out));
    }
    return docs;
}

Xapian::Document make_document(const Doc& d) {
    Xapian::Document doc;
    doc.set_data(d.data);
    for (const auto& [slot, value] : d.values) doc.add_value(slot, value);
    for (const Term& t : d.terms) {
        if (t.positions.empty()) {
            doc.add_term(t.name, t.wdf);
            continue;
        }
        // add_posting adds 1 to the wdf per position; the rest is the field weight's share.
        for (Xapian::termpos p : t.positions) doc.add_posting(t.name, p, 0);
        doc.add_term(t.name, t.wdf);
    }
    return doc;
}

// What a document of the written index holds, in the form Doc keeps it (terms sorted by name).
Doc read_back(const Xapian::Document& d) {
    Doc out;
    out.data = d.get_data();
    for (auto v = d.values_begin(); v != d.values_end(); ++v) out.values.emplace_back(v.get_valueno(), *v);
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
        Term term{*t, t.get_wdf(), {}};
        for (auto pos = t.positionlist_begin(); pos != t.positionlist_end(); ++pos)
            term.positions.push_back(*pos);
        out.terms.push_back(std::move(term));
    }
    return out;
}

// Empty when `index` holds exactly `docs`, in order; else what differs first.
std::string differences(const Xapian::Database& index, std::vector<Doc> docs) {
    if (index.get_doccount() != docs.size())
        return "the index holds " + std::to_string(index.get_doccount()) + " documents, not " +
               std::to_string(docs.size());
    std::size_t k = 0;
    for (auto p = index.postlist_begin(""); p != index.postlist_end(""); ++p, ++k) {
        Doc& want = docs[k];
        std::sort(want.terms.begin(), want.terms.end(),
                  [](const Term& a, const Term& b) { return a.name < b.name; });
        const Doc got = read_back(index.get_document(*p));
        const std::string where = "document " + std::to_string(*p) + ": ";
        if (got.data != want.data) return where + "its data differs";
        if (got.values != want.values) return where + "its values differ";
        if (got.terms.size() != want.terms.size())
            return where + std::to_string(got.terms.size()) + " terms, not " +
                   std::to_string(want.terms.size());
        for (std::size_t i = 0; i < got.terms.size(); ++i) {
            const Term& g = got.terms[i];
            const Term& w = want.terms[i];
            if (g.name != w.name || g.wdf != w.wdf || g.positions != w.positions)
                return where + "term " + g.name + " (wdf " + std::to_string(g.wdf) + ", " +
                       std::to_string(g.positions.size()) + " positions) differs from " + w.name + " (wdf " +
                       std::to_string(w.wdf) + ", " + std::to_string(w.positions.size()) + " positions)";
        }
    }
    return {};
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void usage() {
    std::cerr << "usage: xapian_floor SOURCE_DB OUT_DIR [--threads N] [--without-unprefixed] "
                 "[--without-positions]\n"
                 "                    [--words-only] [--pairs] [--repeat N] [--add] [--verify]\n"
                 "       xapian_floor --query DB (--phrase|--pair) \"WORD WORD\" [--rounds R] [--no-facet]\n";
    std::exit(2);
}

int time_phrase(const std::string& path, const std::string& phrase, int rounds, bool facet, bool pair) {
    Xapian::Database db(path);
    std::vector<std::string> words;
    for (std::size_t b = 0; b < phrase.size();) {
        const std::size_t e = std::min(phrase.find(' ', b), phrase.size());
        if (e > b) words.push_back(phrase.substr(b, e - b));
        b = e + 1;
    }
    const Xapian::Query query = pair ? Xapian::Query(std::string(kPairPrefix) + phrase)
                                     : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                                     static_cast<Xapian::termcount>(words.size()));
    std::vector<double> ms;
    Xapian::doccount total = 0;
    for (int r = -3; r < rounds; ++r) {  // three rounds of warm-up
        const auto t0 = std::chrono::steady_clock::now();
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        Xapian::ValueCountMatchSpy years(terms::kSlotYear);
        if (facet) enquire.add_matchspy(&years);
        const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
        total = mset.get_matches_estimated();
        std::size_t seen = 0;
        for (auto v = years.values_begin(); v != years.values_end(); ++v) ++seen;
        if (facet && seen == 0 && total > 0) throw std::runtime_error("no year facet: slot 1 is empty");
        if (r >= 0)
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    std::printf(
        "{\"db\": \"%s\", \"documents\": %u, \"%s\": \"%s\", \"year_facet\": %s, \"total\": %u, "
        "\"rounds\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f}\n",
        path.c_str(), db.get_doccount(), pair ? "pair" : "phrase", phrase.c_str(), facet ? "true" : "false",
        total, rounds, at(0.5), at(0.99));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) usage();
    if (std::string_view(argv[1]) == "--query") {
        std::string phrase;
        int rounds = 100;
        bool facet = true;
        bool pair = false;
        for (int i = 3; i < argc; ++i) {
            const std::string_view a = argv[i];
            if ((a == "--phrase" || a == "--pair") && i + 1 < argc) {
                pair = a == "--pair";
                phrase = argv[++i];
            } else if (a == "--rounds" && i + 1 < argc) {
                rounds = std::max(1, std::atoi(argv[++i]));
            } else if (a == "--no-facet") {
                facet = false;
            } else {
                usage();
            }
        }
        if (phrase.empty()) usage();
        try {
            return time_phrase(argv[2], phrase, rounds, facet, pair);
        } catch (const Xapian::Error& e) {
            std::cerr << "xapian_floor: " << e.get_description() << "\n";
        } catch (const std::exception& e) {
            std::cerr << "xapian_floor: " << e.what() << "\n";
        }
        return 1;
    }
    const std::string source = argv[1];
    const fs::path out = argv[2];
    Options o;
    for (int i = 3; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--threads" && i + 1 < argc) {
            o.threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
        } else if (a == "--without-unprefixed") {
            o.without_unprefixed = true;
        } else if (a == "--without-positions") {
            o.without_positions = true;
        } else if (a == "--repeat" && i + 1 < argc) {
            o.repeat = static_cast<std::size_t>(std::max(1, std::atoi(argv[++i])));
        } else if (a == "--verify") {
            o.verify = true;
        } else if (a == "--pairs") {
            o.pairs = true;
        } else if (a == "--words-only") {
            o.words_only = true;
        } else if (a == "--add") {
            o.add = true;
        } else {
            usage();
        }
    }
    try {
        if (fs::exists(out)) {
            std::cerr << "xapian_floor: " << out << " exists; give a new folder\n";
            return 2;
        }
        const std::vector<Doc> docs = read_all(Xapian::Database(source), o);
        std::size_t postings = 0, positions = 0;
        for (const Doc& d : docs) {
            postings += d.terms.size();
            for (const Term& t : d.terms) positions += t.positions.size();
        }
        fs::create_directories(out);

        const auto wall0 = std::chrono::steady_clock::now();
        const double cpu0 = cpu_seconds();
        // Contiguous parts per thread, as a full build splits its file list; segments of 256.
        // Document k of the written index is docs[k % docs.size()], copy k / docs.size().
        const std::size_t written = docs.size() * o.repeat;
        std::vector<std::pair<std::size_t, std::size_t>> segments;
        for (std::size_t b = 0; b < written; b += index::kSegmentDocs)
            segments.emplace_back(b, std::min(b + index::kSegmentDocs, written));
        std::vector<fs::path> paths(segments.size());
        for (std::size_t s = 0; s < segments.size(); ++s) paths[s] = out / ("seg-" + std::to_string(s));
        index::run_parallel(segments.size(), o.threads, [&](std::size_t s) {
            Xapian::WritableDatabase db(paths[s].string(),
                                        Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
            db.begin_transaction();
            for (std::size_t k = segments[s].first; k < segments[s].second; ++k) {
                const Doc& d = docs[k % docs.size()];
                const std::size_t copy = k / docs.size();
                std::string id = d.id_term;
                if (copy > 0 && !id.empty()) id += "#" + std::to_string(copy);
                Xapian::Document doc = make_document(d);
                if (copy > 0 && !id.empty()) {
                    doc.remove_term(d.id_term);
                    doc.add_boolean_term(id);
                }
                if (o.add || id.empty()) {
                    db.add_document(doc);
                } else {
                    db.replace_document(id, doc);
                }
            }
            db.commit_transaction();
            db.close();
        });
        const double index_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        const std::vector<fs::path> level = index::merge_rounds(paths, out, o.threads, "merge");
        const fs::path final_db = out / "index";
        index::compact_into(level, final_db);
        for (const fs::path& p : level) fs::remove_all(p);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        const double cpu = cpu_seconds() - cpu0;

        std::uintmax_t bytes = 0;
        for (const auto& e : fs::recursive_directory_iterator(final_db))
            if (e.is_regular_file()) bytes += e.file_size();
        std::printf(
            "{\"documents\": %zu, \"written\": %zu, \"postings\": %zu, \"positions\": %zu, \"threads\": %u, "
            "\"without_unprefixed\": %s, \"without_positions\": %s, \"words_only\": %s, \"pairs\": %s, "
            "\"add\": %s, "
            "\"segments_s\": %.2f, \"wall_s\": %.2f, \"cpu_s\": %.2f, \"index_bytes\": %ju}\n",
            docs.size(), written, postings * o.repeat, positions * o.repeat, o.threads,
            o.without_unprefixed ? "true" : "false", o.without_positions ? "true" : "false",
            o.words_only ? "true" : "false", o.pairs ? "true" : "false", o.add ? "true" : "false", index_s,
            wall, cpu, bytes);
        for (const auto& e : fs::directory_iterator(final_db)) {
            if (e.is_regular_file())
                std::printf("  %-20s %12ju\n", e.path().filename().c_str(), e.file_size());
        }
        if (o.verify) {
            if (o.repeat != 1) {
                std::cerr << "xapian_floor: --verify does not check an index written with --repeat\n";
                return 2;
            }
            const std::string diff = differences(Xapian::Database(final_db.string()), docs);
            if (!diff.empty()) {
                std::cerr << "xapian_floor: the index differs from the documents read: " << diff << "\n";
                return 1;
            }
            std::printf("verified: %zu documents as read\n", docs.size());
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_floor: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "xapian_floor: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
