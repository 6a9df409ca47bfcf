// The compiled gene lexicon: parsing the compiled text into a name index, the ambiguity policy that
// decides what a name means (resolve), and gene-name recognition in token streams (recognize).
#include "analyzers/lexicon.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>

#include "analyzers/lexicon_sources.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"

namespace capsearch::analysis {

extern const std::string_view kCuratedYaml;

namespace {

enum class ConceptKind : std::uint8_t { gene, family, stop };

struct Concept {
    ConceptKind kind = ConceptKind::gene;
    char type = '-';           // Gene type (p, r, s, o, -).
    std::string_view name;     // Official symbol, family or stop name.
    std::string_view id;       // NCBI Gene ID.
    std::string_view about;    // Full name or description.
    std::string_view members;  // Family members, comma-separated.
    std::string_view tax;
};

// Tiers of the policy: a lower tier that has a usable name decides.
enum Tier : std::uint8_t { kCurated = 0, kSymbol = 1, kAlias = 2, kDerived = 3 };

// Internal source codes beyond the compiled format's: how a gene's own symbol and derived names came.
constexpr char kSrcSymbolNcbi = 'S';
constexpr char kSrcSymbolHgnc = 'T';
constexpr char kSrcSymbolCurated = 'C';
constexpr char kSrcGreek = 'g';
constexpr char kSrcFullName = 'f';

struct Name {
    std::uint32_t concept_index = 0;
    std::uint32_t key_off = 0;
    std::uint32_t key_len = 0;
    std::uint32_t next = UINT32_MAX;  // Next name with the same key.
    std::string_view spelling;
    char source = 'c';
    bool case_exact = false;
    bool word = false;
    std::uint8_t tier = kAlias;
};

bool is_sep_ascii(char c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t'; }

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Decodes one UTF-8 code point at s[i] (advancing i); malformed bytes decode as U+FFFD.
char32_t next_cp(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

bool is_sep_cp(char32_t cp) {
    return cp == ' ' || cp == '-' || cp == '.' || cp == '/' || cp == '\t' || cp == 0xA0 ||
           (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

// Removes separators from non-ASCII text, code point by code point.
void append_without_seps(std::string& out, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        const char32_t cp = next_cp(s, i);
        if (!is_sep_cp(cp)) out.append(s.substr(start, i - start));
    }
}

void append_key(std::string& out, std::string_view name) {
    if (is_ascii(name)) {
        for (char c : name) {
            if (is_sep_ascii(c)) continue;
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        return;
    }
    append_without_seps(out, spell_greek(fold_case(nfkc(name))));
}

// The name as written but without separators: what "exactly as spelled" compares.
std::string case_form(std::string_view s) {
    std::string out;
    if (is_ascii(s)) {
        for (char c : s)
            if (!is_sep_ascii(c)) out += c;
        return out;
    }
    append_without_seps(out, nfkc(s));
    return out;
}

// How a surface is written, for the case rules.
struct Shape {
    std::string form;         // case_form()
    bool single_word = true;  // No space inside.
    bool has_letter = false;
    bool has_digit = false;
    bool has_upper = false;
    bool has_lower = false;
    bool title = false;  // First letter upper, every other letter lower.
    bool lower_word() const { return single_word && has_letter && !has_digit && !has_upper; }
    bool all_lower() const { return has_letter && !has_upper; }
    bool all_caps() const { return has_letter && !has_lower; }
};

Shape shape_of(std::string_view surface) {
    Shape sh;
    sh.form = case_form(surface);
    bool first_letter = true;
    bool rest_lower = true;
    bool first_upper = false;
    std::size_t i = 0;
    while (i < surface.size()) {
        const char32_t cp = next_cp(surface, i);
        if (cp == ' ' || cp == '\t') {
            sh.single_word = false;
            continue;
        }
        const auto c = static_cast<UChar32>(cp);
        if (u_isdigit(c)) {
            sh.has_digit = true;
        } else if (u_isalpha(c)) {
            sh.has_letter = true;
            const bool upper = u_isupper(c) || u_istitle(c);
            const bool lower = u_islower(c);
            sh.has_upper = sh.has_upper || upper;
            sh.has_lower = sh.has_lower || lower;
            if (first_letter) {
                first_upper = upper;
                first_letter = false;
            } else if (upper) {
                rest_lower = false;
            }
        }
    }
    sh.title = first_upper && rest_lower;
    return sh;
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

std::vector<std::string> split_members(std::string_view csv) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= csv.size()) {
        std::size_t comma = csv.find(',', start);
        if (comma == std::string_view::npos) comma = csv.size();
        if (comma > start) out.emplace_back(csv.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::string fnv_id(std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "lex1-%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// The Latin letter HGNC symbols use for a Greek letter at their end ("GSK3B" = GSK-3β).
std::string_view greek_of_code(char c) {
    switch (c) {
        case 'A':
            return "alpha";
        case 'B':
            return "beta";
        case 'G':
            return "gamma";
        case 'D':
            return "delta";
        case 'E':
            return "epsilon";
        case 'Z':
            return "zeta";
        case 'H':
            return "eta";
        case 'Q':
            return "theta";
        case 'I':
            return "iota";
        default:
            return {};
    }
}

// "GSK3B" -> "GSK3beta", "PLCG1" -> "PLCgamma1", "HIF1A" -> "HIF1alpha"; "" when the name has no
// such ending (the code letter must follow a capital or digit, and may be followed by digits).
std::string greek_form(std::string_view s) {
    if (s.size() < 3 || !is_ascii(s)) return {};
    std::size_t end = s.size();
    while (end > 0 && s[end - 1] >= '0' && s[end - 1] <= '9') --end;
    if (end < 3 || s.size() - end > 2) return {};
    const char code = s[end - 1];
    const char before = s[end - 2];
    const std::string_view greek = greek_of_code(code);
    if (greek.empty()) return {};
    if (!((before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9'))) return {};
    std::string out(s.substr(0, end - 1));
    out += greek;
    out += s.substr(end);
    return out;
}

// Full names worth matching: two to four plain words ("caspase 3", "androgen receptor").
bool usable_full_name(std::string_view full) {
    if (full.empty() || full.size() > 60) return false;
    int words = 1;
    for (char c : full) {
        if (c == ' ') ++words;
        if (c == ',' || c == '(' || c == ')' || c == ';' || c == '[' || c == ':') return false;
    }
    if (words < 2 || words > 4) return false;
    return full.find("uncharacterized") == std::string_view::npos &&
           full.find("putative") == std::string_view::npos &&
           full.find("pseudogene") == std::string_view::npos && full.find("family") == std::string_view::npos;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += sep;
        out += v[i];
    }
    return out;
}

}  // namespace

std::string_view source_name(char code) {
    switch (code) {
        case name_source::curated:
            return "curated";
        case name_source::ncbi_alias:
            return "ncbi-alias";
        case name_source::hgnc_alias:
            return "hgnc-alias";
        case name_source::hgnc_prev:
            return "hgnc-prev";
        case name_source::hgnc_symbol:
            return "hgnc-symbol";
        case name_source::ncbi_symbol:
            return "ncbi-symbol";
        case kSrcSymbolNcbi:
            return "ncbi-symbol";
        case kSrcSymbolHgnc:
            return "hgnc-symbol";
        case kSrcSymbolCurated:
            return "curated-symbol";
        case kSrcGreek:
            return "greek-form";
        case kSrcFullName:
            return "full-name";
        default:
            return "unknown";
    }
}

struct Lexicon::Data {
    std::string text;
    std::string id;
    std::vector<Concept> concepts;
    std::vector<Name> names;
    std::deque<std::string> derived;  // Spellings of derived names (stable addresses).
    std::string keys;                 // All keys, back to back.
    // Open-addressing table: key hash and the first name with that key (a std::unordered_map of
    // string_views was half the load time, all cache misses).
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t head = UINT32_MAX;
    };
    std::vector<Slot> slots;
    std::size_t mask = 0;
    std::size_t distinct_keys = 0;

    std::string_view key_of(const Name& n) const {
        return std::string_view(keys).substr(n.key_off, n.key_len);
    }

    void add_name(std::uint32_t concept_index, std::string_view spelling, char source, bool exact, bool word,
                  std::uint8_t tier) {
        Name n;
        n.concept_index = concept_index;
        n.spelling = spelling;
        n.source = source;
        n.case_exact = exact;
        n.word = word;
        n.tier = tier;
        n.key_off = static_cast<std::uint32_t>(keys.size());
        append_key(keys, spelling);
        n.key_len = static_cast<std::uint32_t>(keys.size() - n.key_off);
        if (n.key_len == 0) return;
        names.push_back(n);
    }

    void parse(const std::string& origin);
    void build_index();
    std::vector<std::uint32_t> candidates(std::string_view key) const;
};

namespace {

[[noreturn]] void fail(const std::string& origin, std::size_t line, const std::string& what) {
    throw Error(ErrorCode::lexicon, origin + ":" + std::to_string(line) + ": " + what);
}

void split_tabs(std::string_view line, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            out.push_back(line.substr(start));
            return;
        }
        out.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

}  // namespace

void Lexicon::Data::parse(const std::string& origin) {
    const std::string_view all(text);
    std::size_t pos = 0;
    std::size_t line_no = 0;
    std::string_view tax = "9606";
    std::vector<std::string_view> f;
    names.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\t')) / 2 + 1024);
    keys.reserve(text.size() / 2);
    bool seen_magic = false;
    while (pos < all.size()) {
        std::size_t nl = all.find('\n', pos);
        if (nl == std::string_view::npos) nl = all.size();
        std::string_view line = all.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!seen_magic) {
            if (line != kLexiconMagic)
                fail(origin, line_no,
                     "not a capsearch lexicon (the first line must be \"" + std::string(kLexiconMagic) +
                         "\")");
            seen_magic = true;
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        split_tabs(line, f);
        const std::string_view type = f[0];
        std::size_t first_entry = 0;
        const auto index = static_cast<std::uint32_t>(concepts.size());
        Concept c;
        if (type == "o") {
            if (f.size() != 2 || f[1].empty()) fail(origin, line_no, "an 'o' line holds one tax id");
            tax = f[1];
            continue;
        } else if (type == "s") {
            if (f.size() < 3 || f[1].empty())
                fail(origin, line_no, "an 's' line needs a name and a description");
            c.kind = ConceptKind::stop;
            c.name = f[1];
            c.about = f[2];
            first_entry = 3;
        } else if (type == "f") {
            if (f.size() < 4 || f[1].empty() || f[2].empty())
                fail(origin, line_no, "an 'f' line needs a name, members and a description");
            c.kind = ConceptKind::family;
            c.name = f[1];
            c.members = f[2];
            c.about = f[3];
            first_entry = 4;
        } else if (type == "g") {
            if (f.size() < 5 || f[1].empty() || f[3].size() < 2)
                fail(origin, line_no, "a 'g' line needs a symbol, an id, attributes and a full name");
            c.kind = ConceptKind::gene;
            c.name = f[1];
            c.id = f[2];
            c.type = f[3][0];
            c.about = f[4];
            c.tax = tax;
            if (std::string_view("prso-").find(c.type) == std::string_view::npos)
                fail(origin, line_no, "unknown gene type '" + std::string(1, c.type) + "'");
            const char src = f[3][1];
            const char code = src == 'n'   ? kSrcSymbolNcbi
                              : src == 'h' ? kSrcSymbolHgnc
                              : src == 'c' ? kSrcSymbolCurated
                                           : 0;
            if (code == 0) fail(origin, line_no, "unknown symbol source '" + std::string(1, src) + "'");
            bool word = false;
            for (char flag : f[3].substr(2)) {
                if (flag == name_flag::word)
                    word = true;
                else
                    fail(origin, line_no, "unknown symbol flag '" + std::string(1, flag) + "'");
            }
            first_entry = 5;
            concepts.push_back(c);
            add_name(index, c.name, code, false, word, kSymbol);
        } else {
            fail(origin, line_no, "unknown record type \"" + std::string(type) + "\"");
        }
        if (c.kind != ConceptKind::gene) concepts.push_back(c);
        for (std::size_t k = first_entry; k < f.size(); ++k) {
            const std::string_view entry = f[k];
            const std::size_t colon = entry.find(':');
            if (colon == std::string_view::npos || colon == 0 || colon + 1 >= entry.size())
                fail(origin, line_no, "malformed name entry \"" + std::string(entry) + "\"");
            const char src = entry[0];
            if (std::string_view("cahpHN").find(src) == std::string_view::npos)
                fail(origin, line_no, "unknown name source '" + std::string(1, src) + "'");
            bool exact = false, word = false;
            for (char flag : entry.substr(1, colon - 1)) {
                if (flag == name_flag::case_exact)
                    exact = true;
                else if (flag == name_flag::word)
                    word = true;
                else
                    fail(origin, line_no, "unknown name flag '" + std::string(1, flag) + "'");
            }
            const std::uint8_t tier = src == name_source::curated ? kCurated : kAlias;
            add_name(index, entry.substr(colon + 1), src, exact, word, tier);
        }
    }
    if (!seen_magic) fail(origin, 1, "empty lexicon");

    // Derived names: Greek forms of symbols and aliases, and short full names of protein-coding genes.
    const std::size_t imported = names.size();
    for (std::size_t i = 0; i < imported; ++i) {
        const Name& n = names[i];
        if (n.tier != kSymbol && n.tier != kAlias) continue;
        std::string g = greek_form(n.spelling);
        if (g.empty()) continue;
        derived.push_back(std::move(g));
        const Name copy = n;
        add_name(copy.concept_index, derived.back(), kSrcGreek, false, false, kDerived);
    }
    for (std::uint32_t i = 0; i < concepts.size(); ++i) {
        const Concept& c = concepts[i];
        if (c.kind == ConceptKind::gene && c.type == 'p' && usable_full_name(c.about))
            add_name(i, c.about, kSrcFullName, false, false, kDerived);
    }
    build_index();
}

namespace {

std::uint32_t key_hash(std::string_view key) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

}  // namespace

void Lexicon::Data::build_index() {
    std::size_t size = 1024;
    while (size < names.size() * 2) size *= 2;
    slots.assign(size, Slot{});
    mask = size - 1;
    // Backwards, so each chain lists names in file order.
    for (std::uint32_t i = static_cast<std::uint32_t>(names.size()); i-- > 0;) {
        const std::string_view key = key_of(names[i]);
        const std::uint32_t h = key_hash(key);
        for (std::size_t at = h & mask;; at = (at + 1) & mask) {
            Slot& slot = slots[at];
            if (slot.head == UINT32_MAX) {
                slot.hash = h;
                slot.head = i;
                ++distinct_keys;
                break;
            }
            if (slot.hash == h && key_of(names[slot.head]) == key) {
                names[i].next = slot.head;
                slot.head = i;
                break;
            }
        }
    }
}

std::vector<std::uint32_t> Lexicon::Data::candidates(std::string_view key) const {
    std::vector<std::uint32_t> out;
    const std::uint32_t h = key_hash(key);
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
        const Slot& slot = slots[at];
        if (slot.head == UINT32_MAX) return out;
        if (slot.hash == h && key_of(names[slot.head]) == key) {
            for (std::uint32_t i = slot.head; i != UINT32_MAX; i = names[i].next) out.push_back(i);
            return out;
        }
    }
}

Lexicon::Lexicon(std::unique_ptr<Data> data) : data_(std::move(data)) {}
Lexicon::~Lexicon() = default;

std::shared_ptr<const Lexicon> Lexicon::parse(std::string_view compiled, const std::string& origin) {
    auto data = std::make_unique<Data>();
    data->text.assign(compiled);
    data->id = fnv_id(data->text);
    data->parse(origin);
    return std::make_shared<const Lexicon>(std::move(data));
}

std::shared_ptr<const Lexicon> Lexicon::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path + ": cannot open the lexicon file");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw Error(ErrorCode::io, path + ": cannot read the lexicon file");
    return parse(buf.str(), path);
}

std::shared_ptr<const Lexicon> Lexicon::builtin() {
    static std::once_flag once;
    static std::shared_ptr<const Lexicon> lexicon;
    std::call_once(once, [] {
        LexiconDraft draft;
        draft.add_curated(kCuratedYaml, "curated.yaml (built in)");
        lexicon = parse(draft.compile(), "built-in lexicon");
    });
    return lexicon;
}

const std::string& Lexicon::serialized() const { return data_->text; }
const std::string& Lexicon::id() const { return data_->id; }
std::size_t Lexicon::size() const { return data_->names.size(); }

std::string Lexicon::key(std::string_view name) {
    std::string out;
    append_key(out, name);
    return out;
}

namespace {

// The pieces of a name between separators, as key text, with what separated them: where a space may
// be dropped or added decides whether "acts as" may spell ACTSA (it may not) or "HER 2" HER2 (it may).
struct Split {
    std::string key;
    std::vector<std::pair<std::size_t, char>> seps;          // Key offset -> ' ' (a space) or '-' (other).
    std::vector<std::pair<std::size_t, std::size_t>> greek;  // Key ranges of pieces that are a Greek letter.
};

bool is_greek_word(std::string_view w) {
    static const char* const names[] = {"alpha",   "beta",  "gamma", "delta", "epsilon", "zeta",
                                        "eta",     "theta", "iota",  "kappa", "lambda",  "mu",
                                        "nu",      "xi",    "pi",    "rho",   "sigma",   "tau",
                                        "upsilon", "phi",   "chi",   "psi",   "omega"};
    for (const char* n : names)
        if (w == n) return true;
    return false;
}

Split split_of(std::string_view s) {
    Split out;
    std::size_t i = 0;
    char pending = 0;
    while (i < s.size()) {
        std::size_t j = i;
        char sep = 0;
        // A run of separators.
        while (j < s.size()) {
            std::size_t k = j;
            const char32_t cp = next_cp(s, k);
            if (!is_sep_cp(cp)) break;
            if (cp == ' ' || cp == '\t' || cp == 0xA0)
                sep = ' ';
            else if (sep == 0)
                sep = '-';
            j = k;
        }
        if (j > i) {
            pending = sep == ' ' || pending == ' ' ? ' ' : '-';
            i = j;
            continue;
        }
        // A piece.
        while (j < s.size()) {
            std::size_t k = j;
            if (is_sep_cp(next_cp(s, k))) break;
            j = k;
        }
        const std::size_t at = out.key.size();
        if (pending && at > 0) out.seps.emplace_back(at, pending);
        pending = 0;
        append_key(out.key, s.substr(i, j - i));
        if (is_greek_word(std::string_view(out.key).substr(at))) out.greek.emplace_back(at, out.key.size());
        i = j;
    }
    return out;
}

char sep_at(const Split& sp, std::size_t pos) {
    for (const auto& [at, c] : sp.seps)
        if (at == pos) return c;
    return 0;
}

bool greek_next_to(const Split& sp, std::size_t pos) {
    for (const auto& [b, e] : sp.greek)
        if (b == pos || e == pos) return true;
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A space may be added or dropped only between a letter and a digit ("HER 2", "MLN19") or beside a
// Greek letter ("NF kappa B"); elsewhere the name and the text must split alike.
bool splits_agree(std::string_view surface, std::string_view name) {
    if (surface.find(' ') == std::string_view::npos && name.find(' ') == std::string_view::npos) return true;
    const Split a = split_of(surface);
    const Split b = split_of(name);
    if (a.key != b.key) return true;  // Compared by key only when they share one.
    auto check = [&](const Split& with, const Split& without) {
        for (const auto& [pos, c] : with.seps) {
            if (c != ' ' || sep_at(without, pos) != 0) continue;
            const char l = with.key[pos - 1], r = with.key[pos];
            if (is_digit(l) != is_digit(r)) continue;
            if (greek_next_to(with, pos) || greek_next_to(without, pos)) continue;
            return false;
        }
        return true;
    };
    return check(a, b) && check(b, a);
}

// "NPs", "APCs", "DEGs": an abbreviation's plural is not the symbol ending in S (NPS, APCS, DEGS1).
bool plural_of_caps(std::string_view surface, std::string_view spelling) {
    if (surface.size() < 3 || surface.back() != 's' || spelling.empty() || spelling.back() != 'S')
        return false;
    const char before = surface[surface.size() - 2];
    return (before >= 'A' && before <= 'Z') || is_digit(before);
}

// An all-lower-case word inside a phrase ("at 2", "alpha chain"): the phrase is ordinary text.
bool has_lower_word(std::string_view surface) {
    if (surface.find(' ') == std::string_view::npos) return false;
    std::size_t start = 0;
    while (start <= surface.size()) {
        std::size_t end = surface.find(' ', start);
        if (end == std::string_view::npos) end = surface.size();
        const std::string_view w = surface.substr(start, end - start);
        const Shape sh = shape_of(w);
        if (sh.lower_word() && !is_greek_word(Lexicon::key(w))) return true;
        start = end + 1;
    }
    return false;
}

// "ldhA", "ispD", "aceE": bacterial gene names (three lower-case letters and a capital) are not the
// human symbols LDHA, ISPD or ACHE's alias ACEE.
bool bacterial_style(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
    if (i < 3 || i >= s.size() || !(s[i] >= 'A' && s[i] <= 'Z')) return false;
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i == s.size();
}

// Why an imported name of a gene of `type` may not be used for this surface, or "" when it may.
std::string imported_block(const Name& n, char type, std::string_view surface, std::size_t key_len,
                           const Shape& sh, bool exact, Context ctx) {
    if (!splits_agree(surface, n.spelling)) return "its words are split differently";
    if (plural_of_caps(surface, n.spelling)) return "a plural abbreviation is not a symbol ending in S";
    if (key_len < 3) {
        if (n.tier != kSymbol) return "names shorter than three characters expand only as official symbols";
        if (type != 'p' && type != '-')
            return "a short symbol of a locus that is not a gene product is not expanded";
        if (ctx == Context::text && !exact) return "a short symbol matches in text only written exactly";
        return {};
    }
    if (ctx == Context::text) {
        if (sh.lower_word()) return "an all-lower-case word in text is read as a word, not a gene name";
        if (!exact && bacterial_style(surface)) return "it is written as a bacterial gene name";
        if (n.source != kSrcFullName && has_lower_word(surface))
            return "a phrase with a lower-case word in text is read as words, not a gene name";
        if (n.word && !exact && !sh.all_caps())
            return "it is a common English word: in text it names the gene only in capitals";
    } else if (n.word && sh.all_lower()) {
        return "it is a common English word: typed in lower case it is not expanded";
    }
    return {};
}

std::string curated_block(const Name& n, std::string_view surface, const Shape& sh, bool exact) {
    if (!splits_agree(surface, n.spelling)) return "its words are split differently";
    if (n.case_exact) return exact ? std::string() : "it matches only written exactly";
    if (n.word && !(exact || sh.all_caps() || sh.title))
        return "it is an English word: it names the gene only capitalised";
    return {};
}

}  // namespace

namespace {

struct Resolver {
    const Lexicon::Data& d;

    const Concept& concept_of(const Name& n) const { return d.concepts[n.concept_index]; }

    Resolution from_name(const Name& n, std::string reason) const {
        const Concept& c = concept_of(n);
        Resolution r;
        r.concept_name = std::string(c.name);
        r.matched = std::string(n.spelling);
        r.source = std::string(source_name(n.source));
        switch (c.kind) {
            case ConceptKind::gene:
                r.kind = Resolution::Kind::gene;
                r.symbols = {std::string(c.name)};
                break;
            case ConceptKind::family:
                r.kind = Resolution::Kind::family;
                r.symbols = split_members(c.members);
                break;
            case ConceptKind::stop:
                r.kind = Resolution::Kind::stop;
                break;
        }
        r.reason = std::move(reason);
        return r;
    }

    std::string describe(const Concept& c) const {
        std::string s(c.name);
        if (!c.about.empty()) s += " (" + std::string(c.about) + ")";
        return s;
    }

    Resolution curated_result(const Name& n) const {
        const Concept& c = concept_of(n);
        const std::string m = quoted(n.spelling);
        switch (c.kind) {
            case ConceptKind::stop:
                return from_name(n, m + " is a curated stop name (" + std::string(c.about) +
                                        "): it is never expanded to a gene");
            case ConceptKind::family: {
                const std::size_t k = split_members(c.members).size();
                return from_name(n, m + " is a curated name of the family " + describe(c) +
                                        ", which expands to its " + std::to_string(k) + " members");
            }
            case ConceptKind::gene:
                break;
        }
        return from_name(n, m + " is a curated name of " + describe(c));
    }

    Resolution resolve_key(std::string_view surface, Context ctx) const {
        Resolution none;
        const std::string key = Lexicon::key(surface);
        if (key.empty()) {
            none.reason = "it has no letters or digits";
            return none;
        }
        std::vector<std::uint32_t> cands = d.candidates(key);
        if (cands.empty()) {
            none.reason = "no name in the lexicon has the key \"" + key + "\"";
            return none;
        }
        std::sort(cands.begin(), cands.end());
        const Shape sh = shape_of(surface);
        auto exact_of = [&](const Name& n) { return case_form(n.spelling) == sh.form; };

        // Tier 0: curated names decide first.
        std::vector<const Name*> curated, usable;
        std::string blocked_why;
        bool has_case_exact = false;
        for (std::uint32_t i : cands) {
            const Name& n = d.names[i];
            if (n.tier != kCurated) continue;
            curated.push_back(&n);
            has_case_exact = has_case_exact || n.case_exact;
            const std::string why = curated_block(n, surface, sh, exact_of(n));
            if (why.empty())
                usable.push_back(&n);
            else if (blocked_why.empty())
                blocked_why = quoted(n.spelling) + " is curated, but " + why;
        }
        if (!usable.empty()) {
            // An exactly spelled name wins over a case-insensitive one (cAMP vs a CAMP curated entry).
            // Prefer the name spelled as written, then one equal but for separators.
            const Name* best = usable.front();
            for (const Name* n : usable)
                if (exact_of(*n)) {
                    best = n;
                    break;
                }
            for (const Name* n : usable)
                if (n->spelling == surface) {
                    best = n;
                    break;
                }
            for (const Name* n : usable) {
                if (n->concept_index != best->concept_index && !exact_of(*best)) {
                    Resolution r;
                    r.kind = Resolution::Kind::ambiguous;
                    for (const Name* u : usable) r.symbols.emplace_back(concept_of(*u).name);
                    std::sort(r.symbols.begin(), r.symbols.end());
                    r.symbols.erase(std::unique(r.symbols.begin(), r.symbols.end()), r.symbols.end());
                    r.matched = std::string(best->spelling);
                    r.source = "curated";
                    r.reason = quoted(surface) + " is a curated name of several concepts (" +
                               join(r.symbols, ", ") + "): not expanded";
                    return r;
                }
            }
            return curated_result(*best);
        }
        if (!curated.empty()) {
            bool imported_exact = false;
            for (std::uint32_t i : cands)
                if (d.names[i].tier != kCurated && exact_of(d.names[i])) imported_exact = true;
            if (!(has_case_exact && imported_exact)) {
                Resolution r;
                r.reason = blocked_why;
                if (has_case_exact) {
                    r.kind = Resolution::Kind::ambiguous;
                    std::vector<std::string> spellings;
                    for (std::uint32_t i : cands) {
                        const Name& n = d.names[i];
                        if (n.tier == kCurated || n.tier == kSymbol) {
                            spellings.push_back(quoted(n.spelling) + " is " + describe(concept_of(n)));
                            if (concept_of(n).kind == ConceptKind::gene)
                                r.symbols.emplace_back(concept_of(n).name);
                        }
                    }
                    std::sort(r.symbols.begin(), r.symbols.end());
                    r.symbols.erase(std::unique(r.symbols.begin(), r.symbols.end()), r.symbols.end());
                    r.reason = "case decides here and " + quoted(surface) +
                               " matches no spelling exactly: " + join(spellings, "; ");
                }
                return r;
            }
        }

        // Tiers 1-3: official symbols, then aliases and previous symbols, then derived names.
        std::string first_block;
        for (std::uint8_t tier = kSymbol; tier <= kDerived; ++tier) {
            std::vector<const Name*> ok;
            for (std::uint32_t i : cands) {
                const Name& n = d.names[i];
                if (n.tier != tier) continue;
                const std::string why =
                    imported_block(n, concept_of(n).type, surface, key.size(), sh, exact_of(n), ctx);
                if (why.empty())
                    ok.push_back(&n);
                else if (first_block.empty())
                    first_block = quoted(n.spelling) + " (" + std::string(source_name(n.source)) + " of " +
                                  std::string(concept_of(n).name) + ") is not used: " + why;
            }
            if (ok.empty()) continue;
            return decide(surface, tier, ok, cands);
        }
        none.reason = first_block.empty() ? "no usable name" : first_block;
        return none;
    }

    // One tier's usable names: one gene (by upper-cased symbol) expands; several are ambiguous.
    Resolution decide(std::string_view surface, std::uint8_t tier, const std::vector<const Name*>& ok,
                      const std::vector<std::uint32_t>& cands) const {
        std::vector<std::pair<std::string, const Name*>> groups;  // Upper symbol -> representative name.
        // Concept terms are human symbols: a name some human gene carries means that gene, not a mouse
        // gene with another symbol (mouse Trp53's alias p53 does not make p53 ambiguous).
        const bool any_human = std::any_of(ok.begin(), ok.end(), [&](const Name* n) {
            return concept_of(*n).kind != ConceptKind::gene || concept_of(*n).tax == "9606";
        });
        for (const Name* n : ok) {
            if (any_human && concept_of(*n).kind == ConceptKind::gene && concept_of(*n).tax != "9606")
                continue;
            const std::string up = upper_ascii(concept_of(*n).name);
            auto it =
                std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == up; });
            if (it == groups.end()) {
                groups.emplace_back(up, n);
            } else if (concept_of(*n).tax == "9606" && concept_of(*it->second).tax != "9606") {
                it->second = n;  // Prefer the human gene as the representative.
            }
        }
        const std::string m = quoted(surface);
        if (groups.size() == 1) {
            const Name& n = *groups.front().second;
            const Concept& c = concept_of(n);
            std::string reason;
            if (tier == kSymbol) {
                reason = m + " is the official symbol of " + describe(c);
                std::vector<std::string> others;
                for (std::uint32_t i : cands) {
                    const Name& o = d.names[i];
                    if (o.tier > kSymbol && !iequal(concept_of(o).name, c.name))
                        others.emplace_back(concept_of(o).name);
                }
                std::sort(others.begin(), others.end());
                others.erase(std::unique(others.begin(), others.end()), others.end());
                if (!others.empty())
                    reason += "; it is also a name of " + join(others, ", ") +
                              ", but an official symbol beats aliases";
            } else if (tier == kAlias) {
                reason = m + " is an alias (" + std::string(source_name(n.source)) + ") of " + describe(c) +
                         " and of no other gene";
            } else {
                reason = m + " is the " + std::string(source_name(n.source)) + " " + quoted(n.spelling) +
                         " of " + describe(c);
            }
            return from_name(n, reason);
        }
        // Captions name proteins: one protein-coding gene among pseudogenes and non-coding genes wins.
        const Name* coding = nullptr;
        int coding_count = 0;
        for (const auto& g : groups)
            if (concept_of(*g.second).type == 'p') {
                coding = g.second;
                ++coding_count;
            }
        std::vector<std::string> symbols;
        for (const auto& g : groups) symbols.emplace_back(concept_of(*g.second).name);
        std::sort(symbols.begin(), symbols.end());
        if (coding_count == 1) {
            return from_name(*coding, m + " names " + std::to_string(groups.size()) + " genes (" +
                                          join(symbols, ", ") + ") but only " +
                                          std::string(concept_of(*coding).name) +
                                          " is protein-coding, so it means " + describe(concept_of(*coding)));
        }
        Resolution r;
        r.kind = Resolution::Kind::ambiguous;
        r.symbols = symbols;
        r.matched = std::string(ok.front()->spelling);
        r.source = std::string(source_name(ok.front()->source));
        const char* what = tier == kSymbol  ? "the official symbol"
                           : tier == kAlias ? "a name"
                                            : "a derived name";
        r.reason = m + " is " + what + " of " + std::to_string(groups.size()) + " genes (" +
                   join(symbols, ", ") + ") and is not expanded to any one of them";
        return r;
    }
};

}  // namespace

Resolution Lexicon::resolve(std::string_view surface, Context ctx) const {
    Resolver res{*data_};
    Resolution r = res.resolve_key(surface, ctx);
    // Plurals of family names: "ERKs", "SMADs", "STATs".
    if (r.kind == Resolution::Kind::none && surface.size() >= 4 && surface.back() == 's' &&
        surface[surface.size() - 2] != 's') {
        Resolution p = res.resolve_key(surface.substr(0, surface.size() - 1), ctx);
        if (p.kind == Resolution::Kind::family) {
            p.reason = quoted(surface) + " is the plural of a family name: " + p.reason;
            return p;
        }
    }
    return r;
}

namespace {

// Where each part of a compound token sits in its surface; false when they cannot all be found.
bool locate_parts(const Token& t, std::vector<std::pair<std::size_t, std::size_t>>& where) {
    where.clear();
    std::size_t from = 0;
    for (const TokenPart& p : t.parts) {
        const std::size_t at = t.surface.find(p.surface, from);
        if (p.surface.empty() || at == std::string::npos) return false;
        where.emplace_back(at, at + p.surface.size());
        from = at + p.surface.size();
    }
    return true;
}

}  // namespace

std::vector<GeneMention> Lexicon::recognize(const std::vector<Token>& tokens, Context ctx) const {
    std::vector<GeneMention> out;
    const std::size_t n = tokens.size();
    constexpr std::size_t kMaxSpan = 6;  // "receptor activator of nuclear factor-κB ligand" is six.

    // The last token of the slash list each token belongs to ("p42/44 MAPK": p42 -> p44).
    std::vector<std::size_t> list_end(n);
    for (std::size_t i = n; i-- > 0;)
        list_end[i] = (i + 1 < n && tokens[i + 1].sep_before == '/') ? list_end[i + 1] : i;

    // Words of one name are separated by one character at most ("p38 MAPK", "HER-2/neu"), never by
    // punctuation and a space ("ERK. MAPK").
    auto adjacent = [&](std::size_t k) { return tokens[k].begin <= tokens[k - 1].end + 1; };

    auto emit = [&](const Resolution& r, std::size_t first, std::size_t last, std::size_t begin,
                    std::size_t end) {
        if (!r.expands()) return;
        GeneMention m;
        m.first_token = first;
        m.last_token = last;
        m.begin = begin;
        m.end = end;
        m.resolution = r;
        out.push_back(std::move(m));
    };

    std::vector<std::pair<std::size_t, std::size_t>> where;
    std::size_t i = 0;
    while (i < n) {
        const Token& t = tokens[i];
        bool done = false;

        // An item of a slash list followed by words takes those words too: "p42/44 MAPK" -> p42 MAPK.
        const std::size_t last = list_end[i];
        if (last > i) {
            for (std::size_t len = std::min(kMaxSpan - 1, n - 1 - last); len >= 1 && !done; --len) {
                std::string surface = t.surface;
                bool ok = true;
                for (std::size_t k = last + 1; k <= last + len; ++k) {
                    if (tokens[k].sep_before == '/' || tokens[k].synthetic || !adjacent(k)) ok = false;
                    surface += ' ';
                    surface += tokens[k].surface;
                }
                if (!ok) continue;
                Resolution r = resolve(surface, ctx);
                if (r.kind == Resolution::Kind::none) continue;
                emit(r, i, i, t.begin, t.end);
                done = true;
            }
            if (done) {
                ++i;
                continue;
            }
        }

        // Spans of up to six tokens, longest first; synthetic tokens stand alone.
        for (std::size_t len = std::min(kMaxSpan, n - i); len >= 1 && !done; --len) {
            if (len > 1) {
                bool ok = true;
                for (std::size_t k = i + 1; k < i + len && ok; ++k) ok = !tokens[k].synthetic && adjacent(k);
                if (!ok) continue;
            }
            std::string surface = t.surface;
            for (std::size_t k = i + 1; k < i + len; ++k) {
                surface += tokens[k].sep_before == '/' ? '/' : ' ';
                surface += tokens[k].surface;
            }
            Resolution r = resolve(surface, ctx);
            if (r.kind == Resolution::Kind::none) continue;
            emit(r, i, i + len - 1, t.begin, tokens[i + len - 1].end);
            i += len;
            done = true;
        }
        if (done) continue;

        // A charge sign is not part of a gene name: "CD4+ T cells" name CD4 (Ca2+ was a stop above).
        if (t.parts.empty() && t.surface.size() > 1 && t.surface.back() == '+') {
            std::size_t end = t.surface.size();
            while (end > 0 && t.surface[end - 1] == '+') --end;
            const Resolution r = resolve(std::string_view(t.surface).substr(0, end), ctx);
            emit(r, i, i, t.begin, t.begin + end);
        }
        // Runs of a compound token's parts between connectors: "anti-HER2" -> HER2, "NF-κB-dependent".
        if (t.parts.size() > 1 && !t.synthetic && locate_parts(t, where)) {
            const std::size_t m = t.parts.size();
            auto boundary_before = [&](std::size_t k) {
                return k == 0 || where[k].first > where[k - 1].second;
            };
            auto boundary_after = [&](std::size_t k) {
                return k + 1 == m || where[k + 1].first > where[k].second;
            };
            std::size_t s = 0;
            while (s < m) {
                bool matched = false;
                if (boundary_before(s)) {
                    for (std::size_t e = m; e-- > s && !matched;) {
                        if (!boundary_after(e)) continue;
                        const std::size_t b = where[s].first;
                        const std::size_t end = where[e].second;
                        // A charge sign belongs to the name before it: "Ca2+-dependent" holds Ca2+.
                        std::size_t plus_end = end;
                        while (plus_end < t.surface.size() && t.surface[plus_end] == '+') ++plus_end;
                        for (const std::size_t stop_at : {plus_end, end}) {
                            if (matched) break;
                            if (b == 0 && stop_at == t.surface.size()) continue;  // Tried whole above.
                            // Inside a word, a connector between parts counts as a space: a name
                            // must split there too ("SK-N-SH" cells do not name SKN; "NF-κB-" does
                            // name NF-κB, and "IL-6-" IL6).
                            std::string sub;
                            for (std::size_t k = s; k <= e; ++k) {
                                if (k > s && where[k].first > where[k - 1].second) sub += ' ';
                                sub += t.surface.substr(where[k].first, where[k].second - where[k].first);
                            }
                            sub += t.surface.substr(end, stop_at - end);
                            const Resolution r = resolve(sub, ctx);
                            if (r.kind == Resolution::Kind::none) continue;
                            emit(r, i, i, t.begin + b, t.begin + stop_at);
                            matched = true;
                        }
                        if (matched) s = e + 1;
                    }
                }
                if (!matched) ++s;
            }
        }
        ++i;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> Lexicon::names_of(const std::string& symbol) const {
    std::vector<std::pair<std::string, std::string>> out;
    const Data& d = *data_;
    for (const Name& n : d.names) {
        const Concept& c = d.concepts[n.concept_index];
        bool leads = false;
        if (c.kind == ConceptKind::gene) {
            leads = iequal(c.name, symbol);
        } else if (c.kind == ConceptKind::family) {
            leads = c.name == symbol;
            for (const std::string& m : split_members(c.members)) leads = leads || iequal(m, symbol);
        }
        // Greek forms of aliases are spelling variants, not names anyone is shown.
        if (!leads || (n.source == kSrcGreek &&
                       !iequal(n.spelling.substr(0, c.name.size() - 1), c.name.substr(0, c.name.size() - 1))))
            continue;
        // Only names that really lead there (an ambiguous alias does not), with the source that decides.
        const Resolution r = resolve(n.spelling, Context::query);
        if (!r.expands()) continue;
        bool hits = r.kind == Resolution::Kind::family && r.concept_name == symbol;
        for (const std::string& s : r.symbols) hits = hits || iequal(s, symbol);
        if (!hits) continue;
        const std::string source = r.kind == Resolution::Kind::family && r.concept_name != symbol
                                       ? "family " + r.concept_name
                                       : std::string(source_name(n.source));
        out.emplace_back(std::string(n.spelling), source);
    }
    std::sort(out.begin(), out.end());
    out.erase(
        std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
        out.end());
    return out;
}

LexiconCounts count_lexicon(std::string_view compiled, const std::string& origin) {
    Lexicon::Data d;
    d.text.assign(compiled);
    d.parse(origin);
    LexiconCounts counts;
    counts.id = fnv_id(d.text);
    counts.concepts = d.concepts.size();
    counts.names = d.names.size();
    const Resolver res{d};
    for (const auto& slot : d.slots) {
        if (slot.head != UINT32_MAX &&
            res.resolve_key(d.names[slot.head].spelling, Context::query).kind == Resolution::Kind::ambiguous)
            ++counts.ambiguous;
    }
    return counts;
}

}  // namespace capsearch::analysis
