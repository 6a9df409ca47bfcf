// Synonym-expansion benchmark (issue 3): scores eval/queries.tsv on the PFOCR corpus with the real
// engine (index_paths + Searcher), with and without expansion; results are recorded in bench/SYNONYMS.md.
//
// Relevance (the ground truth) is computed here, independently of the engine's analyzer and lexicon:
//   - Gene rows (kind alias, family, variant:GROUP): a figure is relevant when PFOCR's own gene list for
//     it (schema-jsonld keywords, or genes[].hgnc_symbol; Record::genes) holds one of the row's genes,
//     or its text names one of them. The text is the figure title, caption, paper title, keywords and
//     the gene words printed in the figure. The gene list counts as text only for the query as written
//     (a fly figure listing "Raf" is relevant to "Raf"): its symbols, often of other species, are not
//     matched against human aliases (a fly "Dif" is not TNF's alias DIF). The names are the query as written
//     and each gene's NCBI names read straight from org.Hs.eg.sqlite: official symbol, aliases and full name,
//     leaving out any alias or full name NCBI also gives a gene outside the row (official symbols are
//     unique). A name matches as whole words (or their plural in s), ignoring case, hyphens and spaces, and
//     Greek versus Latin spelling (α = alpha); a name that is a dictionary word must be capitalised, and a
//     name of one or two characters must match exactly. A bare number after a slash takes the letters
//     before it ("ERK1/2" names ERK2).
//   - Literal rows: a figure is relevant when its text or gene list contains the word itself (whole
//     word, any case; "ATP" is in "ATP-binding" but not in "ATP8A2").
// Scores: recall = found relevant / relevant, precision = found relevant / found, pooled over the rows of
// a kind (macro averages over rows are printed beside them); spelling agreement = Jaccard similarity of
// the result sets of the spellings in one variant group.
//
// Usage: synonym_eval [--lexicon FILE] [--corpus DIR] [--queries FILE] [--ncbi org.Hs.eg.sqlite]
//                     [--words FILE] [--format text|json] [--details]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzers/text.hpp"
#include "capsearch/error.hpp"
#include "capsearch/index.hpp"
#include "capsearch/lexicon.hpp"
#include "capsearch/record.hpp"
#include "capsearch/search.hpp"

namespace fs = std::filesystem;
namespace text = capsearch::analysis::text;

namespace {

struct Options {
    std::string lexicon;
    std::string corpus = "../shared/corpus/pfocr";
    std::string queries = "../shared/eval/queries.tsv";
    std::string ncbi = "third_party/data/org.Hs.eg.sqlite";
    std::string words = "/usr/share/dict/words";
    std::string format = "text";
    bool details = false;
};

struct Row {
    std::string kind;   // alias, family, variant, literal
    std::string group;  // variant group ("tnf"), else ""
    std::string query;
    std::vector<std::string> genes;
};

// ---- Text as whole-word atoms (the ground truth's own reading, not the engine's tokenizer) ----

struct Atom {
    std::string lower;   // Lower case, Greek letters spelled out.
    std::string orig;    // As written (Greek letters spelled out).
    bool greek = false;  // Only a Greek letter ("kappa" in "NF kappa B").
    char sep = '^';      // Before it: '-' hyphen, ' ' space, '/' slash, '|' other punctuation, '^' start.
};

std::vector<Atom> atoms_of(std::string_view s) {
    std::vector<Atom> out;
    Atom cur;
    char pending = '^';
    // Separators by strength: '-' hyphen or dash < ' ' space < '/' slash < '|' anything else.
    auto rank = [](char c) { return c == '-' ? 1 : c == ' ' ? 2 : c == '/' ? 3 : c == '|' ? 4 : 0; };
    auto flush = [&] {
        if (!cur.lower.empty()) {
            cur.sep = out.empty() ? '^' : pending;
            // "ERK1/2" names ERK2 too: a bare number after a slash takes the letters before it.
            if (cur.sep == '/' && !out.empty() &&
                cur.lower.find_first_not_of("0123456789") == std::string::npos) {
                const std::string& prev = out.back().lower;
                const std::size_t digits = prev.find_last_not_of("0123456789");
                if (digits != std::string::npos && digits + 1 < prev.size()) {
                    cur.lower = prev.substr(0, digits + 1) + cur.lower;
                    cur.orig = out.back().orig.substr(0, digits + 1) + cur.orig;
                }
            }
            out.push_back(cur);
            pending = 0;
        }
        cur = Atom{};
    };
    auto separator = [&](char kind) {
        flush();
        if (rank(kind) > rank(pending)) pending = kind;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            const char c = static_cast<char>(b);
            if (std::isalnum(b)) {
                cur.greek = false;
                cur.lower += text::lower_ascii(c);
                cur.orig += c;
            } else if (c == '-') {
                separator('-');
            } else if (c == ' ' || c == '\n' || c == '\t') {
                separator(' ');
            } else if (c == '/') {
                separator('/');
            } else {
                separator('|');
            }
            ++i;
            continue;
        }
        std::size_t next = i;
        const char32_t cp = text::next_code_point(s, next);
        const std::size_t len = next - i;
        if (const std::string_view g = text::greek_letter_name(cp); !g.empty()) {
            cur.greek = cur.lower.empty();
            cur.lower += g;
            cur.orig += g;
        } else if (cp == 0xA0) {
            separator(' ');
        } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            separator('-');
        } else if (cp == 0x2019 || cp == 0x2032 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xB7) {
            separator('|');
        } else {
            cur.lower.append(s.substr(i, len));  // Other letters (é, ...) stay part of the word.
            cur.orig.append(s.substr(i, len));
        }
        i += len;
    }
    flush();
    return out;
}

std::string key_of(std::string_view name) {
    std::string k;
    for (const Atom& a : atoms_of(name)) k += a.lower;
    return k;
}

struct Name {
    std::string spelling;
    std::string key;
    std::vector<std::size_t> bounds;  // Key lengths where the name itself has a separator.
    std::string exact;                // Separator-free original, for short names.
    bool word = false;                // A dictionary word: must be capitalised in text.
};

// The words of `text` that name `name` ("" when none do).
std::string matches(const std::vector<Atom>& text, const Name& name) {
    if (name.key.empty()) return {};
    // A plural written with a lower-case s names the same thing: "STATs", "ERKs".
    const std::string plural = name.key.size() >= 3 ? name.key + "s" : std::string();
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string lower, orig;
        for (std::size_t j = i; j < text.size() && j < i + 6; ++j) {
            // Words join into one name across a hyphen; across a space or slash only where the name
            // itself is split, before a number or around a Greek letter ("HER 2", "NF kappa B"), so
            // "acts as" never spells ACTSA.
            if (j > i) {
                const Atom& a = text[j];
                const bool split_in_name =
                    std::find(name.bounds.begin(), name.bounds.end(), lower.size()) != name.bounds.end();
                if (a.sep == '|') break;
                if (a.sep != '-' && !split_in_name && !std::isdigit(static_cast<unsigned char>(a.lower[0])) &&
                    !a.greek && !text[j - 1].greek)
                    break;
            }
            lower += text[j].lower;
            orig += text[j].orig;
            const bool is_plural = lower == plural && orig.back() == 's' && name.key.back() != 's';
            if (!is_plural &&
                (lower.size() > name.key.size() || name.key.compare(0, lower.size(), lower) != 0))
                break;
            if (!is_plural && lower.size() < name.key.size()) continue;
            if (name.key.size() < 3 && orig != name.exact) break;
            if (name.word && !std::isupper(static_cast<unsigned char>(text[i].orig[0]))) break;
            return orig;
        }
    }
    return {};
}

// ---- NCBI names straight from org.Hs.eg.sqlite ----

struct Ncbi {
    std::unordered_map<std::string, std::vector<std::string>> names;  // Symbol -> names (incl. itself).
    std::unordered_map<std::string, std::set<std::string>> owners;    // Key -> symbols naming it.
};

Ncbi read_ncbi(const std::string& path) {
    Ncbi n;
    sqlite3* db = nullptr;
    if (!fs::is_regular_file(path) ||
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw std::runtime_error(path + ": cannot open (run scripts/fetch-gene-data.sh, or pass --ncbi)");
    const char* sql =
        "SELECT i.symbol, i.gene_name, a.alias_symbol FROM gene_info i LEFT JOIN alias a ON a._id = i._id";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error(path + ": not an org.Hs.eg.db database");
    }
    auto text = [&](int c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
    };
    std::unordered_set<std::string> seen_full;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const std::string symbol = text(0), full = text(1), alias = text(2);
        auto& list = n.names[symbol];
        if (list.empty()) list.push_back(symbol);
        if (!alias.empty() && alias != symbol) list.push_back(alias);
        if (seen_full.insert(symbol).second && !full.empty()) list.push_back(full);
        n.owners[key_of(symbol)].insert(symbol);
        if (!alias.empty()) n.owners[key_of(alias)].insert(symbol);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

std::unordered_set<std::string> read_words(const std::string& path) {
    std::unordered_set<std::string> words;
    std::ifstream in(path);
    for (std::string w; std::getline(in, w);)
        if (w.size() >= 3 && w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos)
            words.insert(w);
    return words;
}

Name make_name(const std::string& spelling, const std::unordered_set<std::string>& words) {
    Name n;
    n.spelling = spelling;
    n.key = key_of(spelling);
    for (const Atom& a : atoms_of(spelling)) {
        if (!n.exact.empty()) n.bounds.push_back(n.exact.size());
        n.exact += a.orig;
    }
    n.word = words.count(n.key) > 0;
    return n;
}

// The names that stand for a row's genes in text.
std::vector<Name> row_names(const Row& row, const Ncbi& ncbi, const std::unordered_set<std::string>& words) {
    std::vector<Name> out{make_name(row.query, words)};
    const std::set<std::string> genes(row.genes.begin(), row.genes.end());
    for (const std::string& g : row.genes) {
        const auto it = ncbi.names.find(g);
        if (it == ncbi.names.end()) continue;
        for (const std::string& spelling : it->second) {
            Name n = make_name(spelling, words);
            // An official symbol names its gene (symbols are unique); other names only when NCBI gives
            // them to no gene outside the row.
            const auto owners = ncbi.owners.find(n.key);
            bool shared = false;
            if (owners != ncbi.owners.end() && spelling != g)
                for (const std::string& o : owners->second) shared = shared || !genes.count(o);
            if (!shared) out.push_back(std::move(n));
        }
    }
    return out;
}

// ---- The corpus ----

struct Doc {
    std::string figid;
    std::set<std::string> genes;  // Upper-cased.
    std::vector<Atom> text;
    std::vector<Atom> list;  // The gene list as words: a literal word may be in it.
};

std::vector<Doc> read_corpus(const std::string& dir, std::size_t& skipped) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Doc> docs;
    for (const fs::path& f : files) {
        try {
            const capsearch::Record r = capsearch::read_record_file(f.string());
            Doc d;
            d.figid = r.figid;
            for (const std::string& g : r.genes) d.genes.insert(text::upper_ascii(g));
            std::string text = r.title + " | " + r.caption + " | " + r.papertitle;
            for (const std::string& k : r.keywords) text += " | " + k;
            for (const std::string& w : r.gene_words) text += " | " + w;
            d.text = atoms_of(text);
            std::string list;
            for (const std::string& g : r.genes) list += g + " | ";
            d.list = atoms_of(list);
            docs.push_back(std::move(d));
        } catch (const capsearch::Error&) {
            ++skipped;
        }
    }
    return docs;
}

std::vector<Row> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::vector<Row> rows;
    bool header = false;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, '\t');) cells.push_back(c);
        if (!header) {
            header = true;
            if (!cells.empty() && cells[0] == "kind") continue;
        }
        if (cells.size() < 2) throw std::runtime_error(path + ": a row needs kind and query: " + line);
        Row r;
        r.kind = cells[0];
        if (r.kind.rfind("variant:", 0) == 0) {
            r.group = r.kind.substr(8);
            r.kind = "variant";
        }
        r.query = cells[1];
        if (cells.size() > 2) {
            std::stringstream gs(cells[2]);
            for (std::string g; gs >> g;) r.genes.push_back(g);
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

// ---- Scoring ----

struct Score {
    std::size_t relevant = 0, found = 0, hits = 0;
    double recall_sum = 0, precision_sum = 0;
    std::size_t rows = 0;
    void add(std::size_t rel, std::size_t fnd, std::size_t hit) {
        relevant += rel;
        found += fnd;
        hits += hit;
        recall_sum += rel ? double(hit) / rel : 1.0;
        precision_sum += fnd ? double(hit) / fnd : 1.0;
        ++rows;
    }
    double recall() const { return relevant ? double(hits) / relevant : 1.0; }
    double precision() const { return found ? double(hits) / found : 1.0; }
};

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() && b.empty()) return 1.0;
    std::size_t common = 0;
    for (const std::string& x : a) common += b.count(x);
    return double(common) / double(a.size() + b.size() - common);
}

int usage(const char* msg) {
    std::cerr << "synonym_eval: " << msg
              << "\nusage: synonym_eval [--lexicon FILE] [--corpus DIR] [--queries FILE] [--ncbi FILE] "
                 "[--words FILE]"
                 " [--format text|json] [--details]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        bool ok = true;
        if (a == "--lexicon")
            ok = value(opt.lexicon);
        else if (a == "--corpus")
            ok = value(opt.corpus);
        else if (a == "--queries")
            ok = value(opt.queries);
        else if (a == "--ncbi")
            ok = value(opt.ncbi);
        else if (a == "--words")
            ok = value(opt.words);
        else if (a == "--format")
            ok = value(opt.format) && (opt.format == "text" || opt.format == "json");
        else if (a == "--details")
            opt.details = true;
        else
            return usage(("unknown option " + a).c_str());
        if (!ok) return usage(("bad value for " + a).c_str());
    }
    try {
        const std::vector<Row> rows = read_queries(opt.queries);
        const Ncbi ncbi = read_ncbi(opt.ncbi);
        const auto words = read_words(opt.words);
        std::size_t unreadable = 0;
        const std::vector<Doc> docs = read_corpus(opt.corpus, unreadable);

        // The real engine: a fresh index of the corpus, then one search per row and setting.
        const fs::path tmp = fs::temp_directory_path() / ("synonym_eval-" + std::to_string(::getpid()));
        fs::create_directories(tmp);
        capsearch::IndexOptions io;
        io.lexicon_path = opt.lexicon;
        const auto t0 = std::chrono::steady_clock::now();
        const capsearch::IndexReport ir = capsearch::index_paths((tmp / "db").string(), {opt.corpus}, io);
        const double index_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        capsearch::Searcher searcher((tmp / "db").string());
        const capsearch::IndexStats stats = searcher.stats();

        std::map<std::string, std::map<bool, Score>> scores;  // kind -> expansion -> score
        std::map<std::string, std::map<bool, std::vector<std::set<std::string>>>> groups;
        nlohmann::json details = nlohmann::json::array();
        double search_ms = 0;
        std::size_t searches = 0;
        for (const Row& row : rows) {
            std::set<std::string> relevant;
            std::map<std::string, std::string> why;  // Figid -> what made it relevant.
            const std::vector<Name> names =
                row.kind == "literal" ? std::vector<Name>{Name{row.query, key_of(row.query), {}, "", false}}
                                      : row_names(row, ncbi, words);
            for (const Doc& d : docs) {
                std::string reason;
                for (const std::string& g : row.genes)
                    if (reason.empty() && d.genes.count(text::upper_ascii(g))) reason = "gene list has " + g;
                for (const Name& n : names) {
                    if (!reason.empty()) break;
                    const std::string words = matches(d.text, n);
                    if (!words.empty()) reason = "text names " + n.spelling + ": " + words;
                }
                if (reason.empty() && !matches(d.list, names.front()).empty())
                    reason = "gene list holds the word";
                if (reason.empty()) continue;
                relevant.insert(d.figid);
                why[d.figid] = reason;
            }
            nlohmann::json dj = {{"kind", row.kind}, {"query", row.query}, {"relevant", relevant.size()}};
            for (const bool expand : {true, false}) {
                capsearch::SearchRequest req;
                req.query = row.query;
                req.limit = docs.size() + 10;
                req.synonyms = expand;
                const auto s0 = std::chrono::steady_clock::now();
                const capsearch::SearchResult res = searcher.search(req);
                search_ms +=
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count();
                ++searches;
                std::set<std::string> found;
                for (const capsearch::Hit& h : res.hits) found.insert(h.figid);
                std::size_t hit = 0;
                std::vector<std::string> missed, wrong;
                for (const std::string& f : found) {
                    if (relevant.count(f))
                        ++hit;
                    else
                        wrong.push_back(f);
                }
                for (const std::string& f : relevant)
                    if (!found.count(f)) missed.push_back(f + " (" + why[f] + ")");
                scores[row.kind][expand].add(relevant.size(), found.size(), hit);
                if (!row.group.empty()) {
                    auto& g = groups[row.group][expand];
                    g.push_back(found);
                }
                dj[expand ? "expanded" : "exact"] = {
                    {"found", found.size()}, {"hits", hit}, {"missed", missed}, {"wrong", wrong}};
            }
            details.push_back(dj);
        }
        fs::remove_all(tmp);

        // Spelling agreement: mean pairwise Jaccard within each variant group.
        std::map<bool, std::vector<double>> agreement;
        nlohmann::json group_json = nlohmann::json::object();
        for (const auto& [name, by] : groups)
            for (const auto& [expand, sets] : by) {
                double sum = 0;
                int pairs = 0;
                for (std::size_t a = 0; a < sets.size(); ++a)
                    for (std::size_t b = a + 1; b < sets.size(); ++b, ++pairs)
                        sum += jaccard(sets[a], sets[b]);
                const double j = pairs ? sum / pairs : 1.0;
                agreement[expand].push_back(j);
                group_json[name][expand ? "expanded" : "exact"] = j;
            }
        auto mean = [](const std::vector<double>& v) {
            double s = 0;
            for (double x : v) s += x;
            return v.empty() ? 1.0 : s / v.size();
        };
        auto minimum = [](const std::vector<double>& v) {
            return v.empty() ? 1.0 : *std::min_element(v.begin(), v.end());
        };

        const std::vector<std::string> kinds = {"alias", "family", "variant", "literal"};
        if (opt.format == "json") {
            nlohmann::json j;
            j["corpus"] = {{"records", docs.size()}, {"unreadable", unreadable}, {"indexed", ir.documents}};
            j["lexicon"] = {{"id", stats.lexicon_id}, {"names", stats.lexicon_names}, {"path", opt.lexicon}};
            j["index_seconds"] = index_seconds;
            j["mean_search_ms"] = searches ? search_ms / searches : 0.0;
            for (const std::string& k : kinds) {
                if (!scores.count(k)) continue;
                for (const bool expand : {true, false}) {
                    const Score& s = scores[k][expand];
                    j["kinds"][k][expand ? "expanded" : "exact"] = {
                        {"queries", s.rows},
                        {"relevant", s.relevant},
                        {"found", s.found},
                        {"hits", s.hits},
                        {"recall", s.recall()},
                        {"precision", s.precision()},
                        {"macro_recall", s.recall_sum / s.rows},
                        {"macro_precision", s.precision_sum / s.rows}};
                }
            }
            j["spelling_agreement"] = {
                {"expanded", {{"mean", mean(agreement[true])}, {"min", minimum(agreement[true])}}},
                {"exact", {{"mean", mean(agreement[false])}, {"min", minimum(agreement[false])}}},
                {"groups", group_json}};
            if (opt.details) j["queries"] = details;
            std::cout << j.dump() << "\n";
            return 0;
        }
        std::printf("synonym_eval: %zu records (%zu indexed), %zu queries, lexicon %s (%zu names)\n",
                    docs.size(), ir.documents, rows.size(), stats.lexicon_id.c_str(), stats.lexicon_names);
        std::printf("index %.2f s, mean search %.2f ms\n\n", index_seconds,
                    searches ? search_ms / searches : 0.0);
        std::printf("%-8s %7s  %-9s %7s %9s   %9s %9s   %8s %6s %5s\n", "kind", "queries", "expansion",
                    "recall", "precision", "macro-rec", "macro-pre", "relevant", "found", "hits");
        for (const std::string& k : kinds) {
            if (!scores.count(k)) continue;
            for (const bool expand : {true, false}) {
                const Score& s = scores[k][expand];
                std::printf("%-8s %7zu  %-9s %7.3f %9.3f   %9.3f %9.3f   %8zu %6zu %5zu\n", k.c_str(), s.rows,
                            expand ? "on" : "off", s.recall(), s.precision(), s.recall_sum / s.rows,
                            s.precision_sum / s.rows, s.relevant, s.found, s.hits);
            }
        }
        std::printf(
            "\nspelling agreement (Jaccard, %zu variant groups): on mean %.3f min %.3f; off mean %.3f min "
            "%.3f\n",
            agreement[true].size(), mean(agreement[true]), minimum(agreement[true]), mean(agreement[false]),
            minimum(agreement[false]));
        if (opt.details) {
            std::printf("\n%-8s %-14s %8s   %-22s   %-22s\n", "kind", "query", "relevant", "on: found/hits",
                        "off: found/hits");
            for (const auto& d : details) {
                std::printf("%-8s %-14s %8zu   %5zu / %-14zu   %5zu / %-14zu\n",
                            d["kind"].get<std::string>().c_str(), d["query"].get<std::string>().c_str(),
                            d["relevant"].get<std::size_t>(), d["expanded"]["found"].get<std::size_t>(),
                            d["expanded"]["hits"].get<std::size_t>(), d["exact"]["found"].get<std::size_t>(),
                            d["exact"]["hits"].get<std::size_t>());
                for (const char* which : {"expanded", "exact"}) {
                    for (const auto& f : d[which]["missed"])
                        std::printf("    %s missed %s\n", which, f.get<std::string>().c_str());
                    for (const auto& f : d[which]["wrong"])
                        std::printf("    %s wrong  %s\n", which, f.get<std::string>().c_str());
                }
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "synonym_eval: " << e.what() << "\n";
        return 1;
    }
}
