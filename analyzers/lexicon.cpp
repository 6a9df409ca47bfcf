// The compiled gene lexicon: parsing the compiled text into concepts and names, the name index, and
// the lexicon's identity; the policy is in lexicon_policy.cpp, recognition in lexicon_recognize.cpp.
#include "analyzers/lexicon.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "analyzers/durable_file.hpp"
#include "analyzers/fnv1a.hpp"
#include "analyzers/lexicon_data.hpp"
#include "analyzers/lexicon_image.hpp"
#include "analyzers/lexicon_sources.hpp"
#include "analyzers/unicode.hpp"
#include "capsearch/error.hpp"

namespace capsearch::analysis {

extern const std::string_view kCuratedYaml;

namespace lexicon_detail {

bool is_sep_ascii(char c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t'; }

bool is_sep_cp(char32_t cp) {
    return cp == ' ' || cp == '-' || cp == '.' || cp == '/' || cp == '\t' || cp == 0xA0 ||
           (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

// Removes separators from non-ASCII text, code point by code point.
void append_without_seps(std::string& out, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        const char32_t cp = text::next_code_point(s, i);
        if (!is_sep_cp(cp)) out.append(s.substr(start, i - start));
    }
}

void append_key(std::string& out, std::string_view name) {
    if (is_ascii(name)) {
        for (char c : name) {
            if (is_sep_ascii(c)) continue;
            out += text::lower_ascii(c);
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

Shape shape_of(std::string_view surface) {
    Shape sh;
    sh.form = case_form(surface);
    bool first_letter = true;
    bool rest_lower = true;
    bool first_upper = false;
    std::size_t i = 0;
    while (i < surface.size()) {
        const char32_t cp = text::next_code_point(surface, i);
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

std::string fnv_id(std::string_view text, std::uint64_t basis) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "lex1-%016llx", static_cast<unsigned long long>(fnv1a64(text, basis)));
    return buf;
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

}  // namespace lexicon_detail

using namespace lexicon_detail;

namespace {

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
        case name_source::series:
            return "ncbi-series";
        default:
            return "unknown";
    }
}

void Parsed::add_name(std::uint32_t concept_index, std::string_view spelling, char source, bool exact,
                             bool word, std::uint8_t tier) {
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

void Parsed::parse(const std::string& origin) {
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
            if (std::string_view("cahpHNe").find(src) == std::string_view::npos)
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
        if (c.kind == ConceptKind::family) families.push_back(i);
    }
}

Lexicon::Lexicon(std::unique_ptr<Data> data) : data_(std::move(data)) {}
Lexicon::~Lexicon() = default;

namespace {

std::shared_ptr<const Lexicon> from_owned_image(std::string image, const std::string& origin) {
    auto data = std::make_unique<Lexicon::Data>();
    data->owned = std::move(image);
    data->attach(data->owned, origin);
    return std::make_shared<const Lexicon>(std::move(data));
}

bool is_image(std::string_view bytes) {
    return bytes.size() >= sizeof kImageMagic && std::memcmp(bytes.data(), kImageMagic, sizeof kImageMagic) == 0;
}

}  // namespace

std::shared_ptr<const Lexicon> Lexicon::parse(std::string_view compiled, const std::string& origin) {
    Parsed parsed;
    parsed.text.assign(compiled);
    parsed.parse(origin);
    return from_owned_image(build_image(parsed, fnv_id(parsed.text)), origin);
}

std::shared_ptr<const Lexicon> Lexicon::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path + ": cannot open the lexicon file");
    char head[sizeof kImageMagic] = {};
    in.read(head, sizeof head);
    if (is_image(std::string_view(head, static_cast<std::size_t>(in.gcount())))) return open_image(path);
    in.clear();
    in.seekg(0);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw Error(ErrorCode::io, path + ": cannot read the lexicon file");
    return parse(buf.str(), path);
}

std::shared_ptr<const Lexicon> Lexicon::open_image(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::io, path + ": cannot open the lexicon image: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw Error(ErrorCode::io, path + ": cannot read the lexicon image: " + std::strerror(err));
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    void* at = size == 0 ? nullptr : ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (at == MAP_FAILED) throw Error(ErrorCode::io, path + ": cannot map the lexicon image: " + std::strerror(errno));
    auto data = std::make_unique<Data>();
    data->mapping = std::shared_ptr<const void>(at, [size](const void* p) {
        if (p) ::munmap(const_cast<void*>(p), size);
    });
    data->attach(std::string_view(static_cast<const char*>(at), size), path);
    return std::make_shared<const Lexicon>(std::move(data));
}

std::shared_ptr<const Lexicon> Lexicon::from_image(std::string image, const std::string& origin) {
    return from_owned_image(std::move(image), origin);
}

void Lexicon::save_image(const std::string& path) const {
    write_file_durably(path, data_->bytes, "the lexicon image");
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

std::string_view Lexicon::serialized() const { return data_->text(); }
std::string_view Lexicon::image() const { return data_->bytes; }
const std::string& Lexicon::id() const { return data_->id; }
std::size_t Lexicon::size() const { return data_->name_count; }

std::string Lexicon::key(std::string_view name) {
    std::string out;
    append_key(out, name);
    return out;
}

std::vector<std::pair<std::string, std::string>> Lexicon::names_of(const std::string& symbol) const {
    std::vector<std::pair<std::string, std::string>> out;
    const Data& d = *data_;
    // The concepts `symbol` leads to: genes with that symbol (their symbol is one of their names, so
    // the key table finds them) and families of that name. Only their names are looked at.
    std::vector<std::uint32_t> targets;
    for (const std::uint32_t i : d.candidates(key(symbol))) {
        const std::uint32_t ci = d.name_at(i).concept_index;
        const Concept c = d.concept_at(ci);
        if (c.kind == ConceptKind::gene && text::iequal_ascii(c.name, symbol)) targets.push_back(ci);
    }
    for (const std::uint32_t f : d.families)
        if (d.concept_at(f).name == symbol) targets.push_back(f);
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    for (const std::uint32_t ci : targets) {
        const Concept c = d.concept_at(ci);
        for (const std::uint32_t i : d.names_of_concept(ci)) {
            const Name n = d.name_at(i);
            // Greek forms of aliases are spelling variants, not names anyone is shown.
            if (n.source == kSrcGreek &&
                !text::iequal_ascii(n.spelling.substr(0, c.name.size() - 1), c.name.substr(0, c.name.size() - 1)))
                continue;
            // Only names that really lead there (an ambiguous alias does not), with the source that decides.
            const Resolution r = resolve(n.spelling, Context::query);
            if (!r.expands()) continue;
            bool hits = false;
            if (r.kind == Resolution::Kind::family) {
                hits = r.concept_name == symbol;
            } else {
                for (const std::string& s : r.symbols) hits = hits || text::iequal_ascii(s, symbol);
            }
            if (!hits) continue;
            out.emplace_back(std::string(n.spelling), std::string(source_name(n.source)));
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(
        std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
        out.end());
    return out;
}

std::vector<std::string> Lexicon::families_covered(std::string_view family) const {
    const Data& d = *data_;
    std::vector<std::string> members;
    for (const std::uint32_t f : d.families) {
        if (d.concept_at(f).name == family) members = split_members(d.concept_at(f).members);
    }
    if (members.empty()) return {};
    auto is_member = [&](std::string_view s) {
        return std::any_of(members.begin(), members.end(),
                           [&](const std::string& m) { return text::iequal_ascii(m, s); });
    };
    std::vector<std::string> out{std::string(family)};
    for (const std::uint32_t f : d.families) {
        const Concept c = d.concept_at(f);
        if (c.name == family) continue;
        const std::vector<std::string> inner = split_members(c.members);
        if (!inner.empty() && std::all_of(inner.begin(), inner.end(), is_member)) out.emplace_back(c.name);
    }
    return out;
}

std::vector<std::string> Lexicon::families_of(std::string_view symbol) const {
    const Data& d = *data_;
    std::vector<std::string> out;
    for (const std::uint32_t f : d.families) {
        const std::vector<std::string> members = split_members(d.concept_at(f).members);
        if (std::any_of(members.begin(), members.end(),
                        [&](const std::string& m) { return text::iequal_ascii(m, symbol); }))
            out.emplace_back(d.concept_at(f).name);
    }
    return out;
}

std::string Lexicon::official_symbol(std::string_view name) const {
    const Data& d = *data_;
    for (const std::uint32_t i : d.candidates(key(name))) {
        const Concept c = d.concept_at(d.name_at(i).concept_index);
        if (c.kind == ConceptKind::gene && text::iequal_ascii(c.name, name)) return std::string(c.name);
    }
    return {};
}

LexiconCounts count_lexicon(std::string_view compiled, const std::string& origin) {
    const auto lexicon = Lexicon::parse(compiled, origin);
    const Lexicon::Data& d = *lexicon->data_;
    LexiconCounts counts;
    counts.id = lexicon->id();
    counts.concepts = d.concept_count;
    for (std::uint32_t i = 0; i < d.concept_count; ++i) {
        switch (d.concept_at(i).kind) {
            case ConceptKind::gene:
                ++counts.genes;
                break;
            case ConceptKind::family:
                ++counts.families;
                break;
            case ConceptKind::stop:
                ++counts.stops;
                break;
        }
    }
    counts.names = d.name_count;
    for (const std::uint32_t head : d.key_heads()) {
        if (resolve_key(d, d.name_at(head).spelling, Context::query).kind == Resolution::Kind::ambiguous)
            ++counts.ambiguous;
    }
    return counts;
}

}  // namespace capsearch::analysis
