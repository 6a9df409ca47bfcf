// Benchmark corpus generator: writes N PFOCR-shaped records (both layouts) by recombining the parts of
// the real records in a source folder, deterministically for a given seed.
//
// Usage: gencorpus --count N --seed S --source DIR --out DIR [--layout mixed|new|old] [--threads T]
//                  [--force]
//
// Every output record takes its layout and structure (gene list, chemicals, figure number ...) from a
// "template" source record and its text from independent random picks: caption sentences from the pool
// of all caption sentences, figure title, and per paper (three figures each) the paper title, citation,
// year, organisms and keywords. Each record is seeded from (seed, index) alone, so the output does not
// depend on the number of threads. Files go to DIR/NNN/<figid>.md with at most 10,000 per folder.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "analyzers/text.hpp"

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFilesPerFolder = 10000;
constexpr std::size_t kFiguresPerPaper = 3;
constexpr std::uint64_t kFirstPmc = 20000000;  // Beyond real PMC ids, so generated ids never collide.
constexpr std::size_t kWrapColumn = 80;        // Real records fold long strings near 80 columns.

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (std:: distributions differ between standard libraries).

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

class Rng {
  public:
    Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
        : state_(splitmix64(seed ^ splitmix64(stream * 0x100000001b3ULL ^ splitmix64(index)))) {}
    std::uint64_t next() { return splitmix64(state_ += 0x9e3779b97f4a7c15ULL); }
    // Uniform in [0, n); n > 0. Multiply-shift keeps the bias below 2^-32 for the small n used here.
    std::size_t below(std::size_t n) {
        return static_cast<std::size_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }

  private:
    std::uint64_t state_;
};

// Random streams, so that e.g. the paper fields do not depend on how many sentences a caption took.
enum Stream : std::uint64_t { kFigureStream = 1, kPaperStream = 2, kCaptionStream = 3 };

// ---------------------------------------------------------------------------------------------
// The parts of the source records.

struct GeneEntry {
    std::string word, symbol, source, hgnc_symbol, entrez;
};
struct Mention {  // chemicals:, diseases:, annotations: entries
    std::string word, source, identifier;
};
// A scalar or a list of scalars, as some fields come either way (keywords, organisms).
struct StrOrList {
    bool is_list = false;
    std::string scalar;
    std::vector<std::string> items;
};

struct SourceRecord {
    std::string path;
    bool old_layout = false;
    std::string filename_stem;  // "fimmu-14-1140749-g002"
    std::string figtype;
    std::string figtitle, papertitle, reftext, year;
    std::size_t caption_sentences = 1;
    StrOrList organisms;
    std::vector<std::string> organisms_ner;
    StrOrList keywords;
    std::string doi, journal_title, journal_nlm_ta, publisher_name;
    std::string score;  // automl_pathway (new) or pathway_score (old), as written
    std::string pmc_ranked_result_index;
    std::vector<std::string> jsonld_keywords;  // gene symbols
    std::vector<GeneEntry> genes;
    std::vector<Mention> chemicals, diseases, annotations;
};

struct Pools {
    std::vector<SourceRecord> records;
    std::vector<std::size_t> old_ids, new_ids;
    std::vector<std::string> sentences;
};

std::string scalar(const YAML::Node& n) {
    if (!n || n.IsNull()) return "";
    if (!n.IsScalar()) throw std::runtime_error("expected a scalar");
    return n.as<std::string>();
}

std::vector<std::string> scalar_list(const YAML::Node& n) {
    std::vector<std::string> out;
    if (!n || n.IsNull()) return out;
    if (n.IsScalar()) {
        out.push_back(n.as<std::string>());
        return out;
    }
    for (const auto& item : n) out.push_back(scalar(item));
    return out;
}

StrOrList str_or_list(const YAML::Node& n) {
    StrOrList v;
    if (n && n.IsSequence()) {
        v.is_list = true;
        v.items = scalar_list(n);
    } else {
        v.scalar = scalar(n);
    }
    return v;
}

std::vector<Mention> mentions(const YAML::Node& n) {
    std::vector<Mention> out;
    if (!n || !n.IsSequence()) return out;
    for (const auto& m : n) {
        out.push_back({scalar(m["word"]), scalar(m["source"]), scalar(m["identifier"])});
    }
    return out;
}

// Splits a caption at sentence ends: ". " (or "? ", "! ") followed by an upper-case letter or "(".
std::vector<std::string> split_sentences(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '?' || c == '!') && text[i + 1] == ' ' &&
            ((text[i + 2] >= 'A' && text[i + 2] <= 'Z') || text[i + 2] == '(')) {
            out.push_back(text.substr(start, i + 1 - start));
            start = i + 2;
        }
    }
    if (start < text.size()) out.push_back(text.substr(start));
    std::erase_if(out, [](const std::string& s) { return s.size() < 3; });
    return out;
}

std::string read_front_matter(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    if (text.rfind("---\n", 0) != 0) throw std::runtime_error("no YAML front matter");
    const auto end = text.find("\n---", 3);
    if (end == std::string::npos) throw std::runtime_error("front matter not closed");
    return text.substr(4, end - 3);
}

SourceRecord parse_source(const fs::path& path, std::vector<std::string>& sentences) {
    const YAML::Node d = YAML::Load(read_front_matter(path));
    SourceRecord r;
    r.path = path.string();
    r.old_layout = static_cast<bool>(d["genes"]);
    std::string filename = scalar(d["filename"]);
    if (filename.empty()) filename = scalar(d["figid"]);
    r.filename_stem = fs::path(filename).stem().string();
    // Ids become file names: keep only characters that are safe everywhere.
    for (char& c : r.filename_stem) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
    }
    r.figtype = scalar(d["figtype"]);
    r.figtitle = scalar(d["figtitle"]);
    r.papertitle = scalar(d["papertitle"]);
    r.reftext = scalar(d["reftext"]);
    r.year = scalar(d["year"]);
    const auto caption = split_sentences(scalar(d["caption"]));
    r.caption_sentences = std::max<std::size_t>(1, caption.size());
    sentences.insert(sentences.end(), caption.begin(), caption.end());
    r.organisms = str_or_list(d["organisms"]);
    r.organisms_ner = scalar_list(d["organisms_ner"]);
    r.keywords = str_or_list(d["keywords"]);
    r.doi = scalar(d["doi"]);
    r.journal_title = scalar(d["journal_title"]);
    r.journal_nlm_ta = scalar(d["journal_nlm_ta"]);
    r.publisher_name = scalar(d["publisher_name"]);
    r.score = scalar(r.old_layout ? d["pathway_score"] : d["automl_pathway"]);
    r.pmc_ranked_result_index = scalar(d["pmc_ranked_result_index"]);
    r.jsonld_keywords = scalar_list(d["schema-jsonld"]["keywords"]);
    if (r.old_layout) {
        for (const auto& g : d["genes"]) {
            r.genes.push_back({scalar(g["word"]), scalar(g["symbol"]), scalar(g["source"]),
                               scalar(g["hgnc_symbol"]), scalar(g["entrez"])});
        }
        r.chemicals = mentions(d["chemicals"]);
        r.diseases = mentions(d["diseases"]);
        r.annotations = mentions(d["annotations"]);
    }
    return r;
}

Pools load_pools(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());  // directory order is not deterministic
    Pools p;
    for (const auto& f : files) {
        try {
            p.records.push_back(parse_source(f, p.sentences));
        } catch (const std::exception& e) {
            throw std::runtime_error(f.string() + ": " + e.what());
        }
        (p.records.back().old_layout ? p.old_ids : p.new_ids).push_back(p.records.size() - 1);
    }
    if (p.records.empty()) throw std::runtime_error(dir.string() + ": no .md records found");
    if (p.sentences.empty()) throw std::runtime_error(dir.string() + ": the records have no captions");
    return p;
}

// ---------------------------------------------------------------------------------------------
// YAML output that yaml-cpp (YAML 1.2) and PyYAML (YAML 1.1) both read back as the same strings.

// PyYAML's printable set (it rejects anything else in a stream, even inside quotes); tab and line
// breaks are excluded too because a single-quoted scalar would fold them.
bool plain_printable(char32_t c) {
    return (c >= 0x20 && c <= 0x7e) || c == 0x85 || (c >= 0xa0 && c <= 0xd7ff) ||
           (c >= 0xe000 && c <= 0xfffd && c != 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
}

// Double-quoted form with escapes, for the rare strings a single-quoted scalar cannot carry.
std::string double_quoted(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t len = capsearch::analysis::text::decode_utf8(s, i, cp);
        if (len == 0) throw std::runtime_error("invalid UTF-8 in a source string");
        if (cp == '"' || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (plain_printable(cp) && cp != 0x85) {
            out.append(s.substr(i, len));
        } else {
            char buf[16];
            std::snprintf(buf, sizeof buf,
                          cp <= 0xff     ? "\\x%02X"
                          : cp <= 0xffff ? "\\u%04X"
                                         : "\\U%08X",
                          static_cast<unsigned>(cp));
            out += buf;
        }
        i += len;
    }
    return out + "\"";
}

// Appends `s` as a quoted scalar that starts at column `column`; long strings are folded at single
// spaces onto lines indented by `indent` (a single-quoted scalar reads such a break back as one space).
void put_quoted(std::string& out, std::string_view s, std::size_t column, std::size_t indent) {
    bool single_ok = s.empty() || (s.front() != ' ' && s.back() != ' ');
    for (std::size_t i = 0; single_ok && i < s.size();) {
        char32_t cp = 0;
        const std::size_t len = capsearch::analysis::text::decode_utf8(s, i, cp);
        if (len == 0) throw std::runtime_error("invalid UTF-8 in a source string");
        single_ok = plain_printable(cp) && cp != 0x85;
        i += len;
    }
    if (!single_ok) {
        out += double_quoted(s);
        return;
    }
    out += '\'';
    std::size_t col = column + 1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        // Fold only at a space between two non-spaces: folding eats the spaces around a break.
        if (c == ' ' && col >= kWrapColumn && i > 0 && s[i - 1] != ' ' && i + 1 < s.size() &&
            s[i + 1] != ' ') {
            out += '\n';
            out.append(indent, ' ');
            col = indent;
            continue;
        }
        if (c == '\'') {
            out += "''";
            col += 2;
        } else {
            out += c;
            if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++col;
        }
    }
    out += '\'';
}

class Writer {
  public:
    explicit Writer(std::string& out) : out_(out) {}
    // key: 'value'
    void str(std::string_view key, std::string_view value, std::size_t indent = 0) {
        out_.append(indent, ' ');
        out_.append(key);
        out_ += ": ";
        put_quoted(out_, value, indent + key.size() + 2, indent + 2);
        out_ += '\n';
    }
    // key: value, for numbers written as they were read
    void raw(std::string_view key, std::string_view value, std::size_t indent = 0) {
        out_.append(indent, ' ');
        out_.append(key);
        out_ += ": ";
        out_.append(value);
        out_ += '\n';
    }
    void list(std::string_view key, const std::vector<std::string>& items, std::size_t indent = 0) {
        out_.append(indent, ' ');
        out_.append(key);
        if (items.empty()) {
            out_ += ": []\n";
            return;
        }
        out_ += ":\n";
        for (const auto& item : items) {
            out_.append(indent, ' ');
            out_ += "- ";
            put_quoted(out_, item, indent + 2, indent + 2);
            out_ += '\n';
        }
    }
    void str_or_list(std::string_view key, const StrOrList& v) {
        if (v.is_list) {
            list(key, v.items);
        } else {
            str(key, v.scalar);
        }
    }
    void mentions(std::string_view key, const std::vector<Mention>& items) {
        if (items.empty()) {
            raw(key, "[]");
            return;
        }
        out_.append(key);
        out_ += ":\n";
        for (const auto& m : items) {
            out_ += "- ";
            str("word", m.word, 0);
            str("source", m.source, 2);
            str("identifier", m.identifier, 2);
        }
    }
    void genes(const std::vector<GeneEntry>& items) {
        if (items.empty()) {
            raw("genes", "[]");
            return;
        }
        out_ += "genes:\n";
        for (const auto& g : items) {
            out_ += "- ";
            str("word", g.word, 0);
            str("symbol", g.symbol, 2);
            str("source", g.source, 2);
            str("hgnc_symbol", g.hgnc_symbol, 2);
            str("entrez", g.entrez, 2);
        }
    }
    void line(std::string_view text) {
        out_.append(text);
        out_ += '\n';
    }

  private:
    std::string& out_;
};

// A number as the source wrote it, or a quoted string when it does not look like one (never emitted
// plain, so it cannot turn into a boolean or a date under YAML 1.1).
std::string number_or_quoted(const std::string& v) {
    const bool numeric = !v.empty() && v.find_first_not_of("0123456789.eE+-") == std::string::npos &&
                         std::isdigit(static_cast<unsigned char>(v.front()));
    if (numeric) return v;
    std::string out;
    put_quoted(out, v, 0, 2);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Composing one record.

enum class Layout { mixed, newer, older };

struct Generated {
    std::string figid;
    std::string text;
    bool old_layout = false;
};

Generated compose(const Pools& pools, std::uint64_t seed, std::size_t index, Layout layout) {
    Rng fig(seed, kFigureStream, index);
    const std::size_t paper = index / kFiguresPerPaper;
    const std::size_t fig_in_paper = index % kFiguresPerPaper;
    Rng pap(seed, kPaperStream, paper);

    const std::vector<std::size_t>* ids = nullptr;
    if (layout == Layout::older) ids = &pools.old_ids;
    if (layout == Layout::newer) ids = &pools.new_ids;
    const SourceRecord& tmpl =
        ids ? pools.records[(*ids)[fig.below(ids->size())]] : pools.records[fig.below(pools.records.size())];
    const auto pick = [&](Rng& r) -> const SourceRecord& {
        return pools.records[r.below(pools.records.size())];
    };
    const auto pick_layout = [&](Rng& r, bool old) -> const SourceRecord& {
        const auto& v = old ? pools.old_ids : pools.new_ids;
        return v.empty() ? pick(r) : pools.records[v[r.below(v.size())]];
    };

    // Per paper: the same for the figures of one paper.
    const std::string& papertitle = pick(pap).papertitle;
    const std::string& reftext = pick(pap).reftext;
    const std::string& year = pick(pap).year;
    const SourceRecord& journal = pick_layout(pap, false);
    const SourceRecord& keywords = pick_layout(pap, false);
    const SourceRecord& organisms = pick_layout(pap, tmpl.old_layout);
    // Per figure.
    const std::string& figtitle = pick(fig).figtitle;
    const SourceRecord& genes = pick_layout(fig, tmpl.old_layout);
    const SourceRecord& ner = pick_layout(fig, false);
    std::string caption;
    Rng cap(seed, kCaptionStream, index);
    for (std::size_t k = 0; k < tmpl.caption_sentences; ++k) {
        if (k) caption += ' ';
        caption += pools.sentences[cap.below(pools.sentences.size())];
    }

    const std::string pmcid = "PMC" + std::to_string(kFirstPmc + paper);
    const std::string stem = tmpl.filename_stem + "-x" + std::to_string(fig_in_paper + 1);
    const std::string number = "F" + std::to_string(fig_in_paper + 1);
    Generated g;
    g.figid = pmcid + "__" + stem;
    g.old_layout = tmpl.old_layout;
    const std::string alias = pmcid + "__" + number;
    const std::string figlink = "/pmc/articles/" + pmcid + "/figure/" + number + "/";
    const std::string& figtype = tmpl.figtype.empty() ? std::string("Figure") : tmpl.figtype;

    std::string& out = g.text;
    out.reserve(8192);
    Writer w(out);
    w.line("---");
    const auto jsonld = [&] {
        w.line("seo: CreativeWork");
        w.line("schema-jsonld:");
        w.str("'@context'", "https://schema.org/", 2);
        w.str("'@id'", "https://pfocr.wikipathways.org/figures/" + g.figid + ".html", 2);
        w.str("'@type'", "Dataset", 2);
        w.str("description", caption, 2);
        w.str("license", "CC0", 2);
        w.str("name", "CreativeWork", 2);
        w.line("  creator:");
        w.str("'@type'", "Organization", 4);
        w.str("name", "WikiPathways", 4);
        w.list("keywords", genes.jsonld_keywords, 2);
    };
    if (tmpl.old_layout) {
        w.str("figid", g.figid);
        w.str("figlink", figlink);
        w.str("number", number);
        w.str("caption", caption);
        w.str("pmcid", pmcid);
        w.str("papertitle", papertitle);
        w.str("reftext", reftext);
        w.str("pmc_ranked_result_index", tmpl.pmc_ranked_result_index);
        if (!tmpl.score.empty()) w.raw("pathway_score", number_or_quoted(tmpl.score));
        w.str("filename", stem + ".jpg");
        w.str("figtitle", figtitle);
        w.str("year", year);
        w.str_or_list("organisms", organisms.organisms);
        w.str("ndex", "");
        w.mentions("annotations", tmpl.annotations);
        jsonld();
        w.genes(genes.genes);
        w.mentions("chemicals", tmpl.chemicals);
        w.mentions("diseases", tmpl.diseases);
        w.str("figid_alias", alias);
        w.str("redirect_from", "/figures/" + alias);
        w.str("figtype", figtype);
    } else {
        w.str("figid", g.figid);
        w.str("figtitle", figtitle);
        w.str_or_list("organisms", organisms.organisms);
        w.list("organisms_ner", ner.organisms_ner);
        w.str("pmcid", pmcid);
        w.str("filename", stem + ".jpg");
        w.str("figlink", figlink);
        w.str("number", number);
        w.str("caption", caption);
        w.str("papertitle", papertitle);
        w.str("reftext", reftext);
        w.str("year", year);
        w.str("doi", journal.doi.empty() ? "" : journal.doi + ".x" + std::to_string(paper));
        w.str("journal_title", journal.journal_title);
        w.str("journal_nlm_ta", journal.journal_nlm_ta);
        w.str("publisher_name", journal.publisher_name);
        w.str_or_list("keywords", keywords.keywords);
        if (!tmpl.score.empty()) w.raw("automl_pathway", number_or_quoted(tmpl.score));
        w.str("figid_alias", alias);
        w.str("figtype", figtype);
        w.str("redirect_from", "/figures/" + alias);
        w.str("ndex", "");
        jsonld();
    }
    w.line("---");
    return g;
}

// ---------------------------------------------------------------------------------------------

struct Options {
    std::size_t count = 0;
    std::uint64_t seed = 1;
    std::string source;
    std::string out;
    Layout layout = Layout::mixed;
    unsigned threads = 0;
    bool force = false;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "gencorpus: " << problem << "\n"
              << "usage: gencorpus --count N --seed S --source DIR --out DIR [--layout mixed|new|old]\n"
              << "                 [--threads T] [--force]\n";
    std::exit(2);
}

Options parse_args(int argc, char** argv) {
    Options o;
    bool have_count = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(a + " needs a value");
            return argv[++i];
        };
        const auto number = [&](const std::string& v) -> std::uint64_t {
            if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) {
                usage(a + ": not a number: " + v);
            }
            return std::stoull(v);
        };
        if (a == "--count") {
            o.count = number(value());
            have_count = true;
        } else if (a == "--seed") {
            o.seed = number(value());
        } else if (a == "--source") {
            o.source = value();
        } else if (a == "--out") {
            o.out = value();
        } else if (a == "--threads") {
            o.threads = static_cast<unsigned>(number(value()));
        } else if (a == "--force") {
            o.force = true;
        } else if (a == "--layout") {
            const std::string v = value();
            if (v == "mixed") {
                o.layout = Layout::mixed;
            } else if (v == "new") {
                o.layout = Layout::newer;
            } else if (v == "old") {
                o.layout = Layout::older;
            } else {
                usage("--layout must be mixed, new or old");
            }
        } else if (a == "-h" || a == "--help") {
            usage("writes N PFOCR-shaped records recombined from the records in --source");
        } else {
            usage("unknown argument " + a);
        }
    }
    if (!have_count || o.source.empty() || o.out.empty()) usage("--count, --source and --out are required");
    if (o.count > 100'000'000) usage("--count is limited to 100,000,000");
    return o;
}

std::string folder_name(std::size_t folder) {
    std::string name = std::to_string(folder);
    return name.size() < 3 ? std::string(3 - name.size(), '0') + name : name;
}

// Only our own output is ever removed: numbered folders of .md files and the manifest.
void clear_output(const fs::path& out, bool force) {
    if (!fs::exists(out)) return;
    std::vector<fs::path> ours;
    for (const auto& e : fs::directory_iterator(out)) {
        const std::string name = e.path().filename().string();
        const bool numbered =
            e.is_directory() && name.size() >= 3 && name.find_first_not_of("0123456789") == std::string::npos;
        if (!numbered && name != ".gencorpus") {
            throw std::runtime_error(out.string() + ": holds " + name +
                                     ", which gencorpus did not write; choose an empty folder");
        }
        ours.push_back(e.path());
    }
    if (ours.empty()) return;
    if (!force) throw std::runtime_error(out.string() + ": not empty (--force replaces an earlier corpus)");
    for (const auto& p : ours) fs::remove_all(p);
}

void write_file(const fs::path& path, const std::string& text) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error(path.string() + ": " + std::strerror(errno));
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok) throw std::runtime_error(path.string() + ": write failed");
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parse_args(argc, argv);
    try {
        const auto t0 = std::chrono::steady_clock::now();
        const Pools pools = load_pools(opt.source);
        if (opt.layout == Layout::older && pools.old_ids.empty()) {
            throw std::runtime_error(opt.source + ": no older-layout records to use as templates");
        }
        if (opt.layout == Layout::newer && pools.new_ids.empty()) {
            throw std::runtime_error(opt.source + ": no newer-layout records to use as templates");
        }
        const fs::path out(opt.out);
        clear_output(out, opt.force);
        fs::create_directories(out);
        const std::size_t folders = (opt.count + kFilesPerFolder - 1) / kFilesPerFolder;
        for (std::size_t f = 0; f < folders; ++f) fs::create_directories(out / folder_name(f));

        unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
        threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, opt.count)));
        std::atomic<std::size_t> next{0};
        std::atomic<std::size_t> older{0};
        std::vector<std::string> errors(threads);
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                try {
                    constexpr std::size_t kChunk = 256;
                    for (std::size_t begin; (begin = next.fetch_add(kChunk)) < opt.count;) {
                        const std::size_t end = std::min(opt.count, begin + kChunk);
                        for (std::size_t i = begin; i < end; ++i) {
                            const Generated g = compose(pools, opt.seed, i, opt.layout);
                            if (g.old_layout) ++older;
                            write_file(out / folder_name(i / kFilesPerFolder) / (g.figid + ".md"), g.text);
                        }
                    }
                } catch (const std::exception& e) {
                    errors[t] = e.what();
                    next = opt.count;  // stop the others
                }
            });
        }
        for (auto& w : workers) w.join();
        for (const auto& e : errors) {
            if (!e.empty()) throw std::runtime_error(e);
        }
        const char* layout_name = opt.layout == Layout::mixed   ? "mixed"
                                  : opt.layout == Layout::newer ? "new"
                                                                : "old";
        std::ostringstream manifest;
        manifest << "count " << opt.count << "\nseed " << opt.seed << "\nlayout " << layout_name
                 << "\nsource " << fs::absolute(opt.source).string() << "\nsource_records "
                 << pools.records.size() << "\nolder_layout " << older.load() << "\n";
        write_file(out / ".gencorpus", manifest.str());
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cerr << "gencorpus: wrote " << opt.count << " records (" << older.load()
                  << " older layout) from " << pools.records.size() << " sources (" << pools.sentences.size()
                  << " caption sentences) to " << opt.out << " in " << secs << " s\n";
    } catch (const std::exception& e) {
        std::cerr << "gencorpus: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
