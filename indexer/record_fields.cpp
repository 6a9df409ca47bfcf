// Field-by-field conversion of PFOCR front matter into a Record (see record_fields.hpp).
#include "indexer/record_fields.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "capsearch/error.hpp"
#include "indexer/yaml_tree.hpp"

namespace capsearch::index {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Keyword strings are line-wrapped by PFOCR's YAML writer ("reaction\nmechanism" in block scalars).
std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (char c : trim(s)) {
        if (is_space(c)) {
            pending = true;
            continue;
        }
        if (pending) out.push_back(' ');
        pending = false;
        out.push_back(c);
    }
    return out;
}

// A value quoted in an error message: one line, and short.
std::string excerpt(std::string_view value) {
    constexpr std::size_t kMax = 40;
    std::string out;
    for (char c : value) {
        if (out.size() >= kMax && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            out += "...";
            break;
        }
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
    return out;
}

void append_unique(std::vector<std::string>& list, std::string value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

const char* kind_of(const yaml::Node& node) {
    switch (node.kind()) {
        case yaml::Kind::sequence:
            return "a list";
        case yaml::Kind::mapping:
            return "a mapping";
        case yaml::Kind::scalar:
            return "a string";
        default:
            return "empty";
    }
}

// The fields read from the file; a second occurrence of one of them is ambiguous, so an error.
constexpr std::array<std::string_view, 18> kKnownFields = {
    "figid",         "figtitle",      "caption", "papertitle",    "pmcid",     "reftext",
    "doi",           "journal_title", "figlink", "filename",      "year",      "organisms",
    "organisms_ner", "keywords",      "genes",   "schema-jsonld", "chemicals", "diseases"};

class FieldReader {
  public:
    FieldReader(const std::string& path, int first_line) : path_(path), first_line_(first_line) {}

    int line(const yaml::Node& node) const { return node.line() + first_line_; }

    [[noreturn]] void fail(const yaml::Node& node, const std::string& reason) const {
        throw InputError(path_, line(node), reason);
    }

    // A scalar field kept as written; numbers and booleans are accepted as their text. Errors about
    // a whole field point at its name (`at`): a block list or mapping starts on the next line.
    std::string text(const yaml::Node& node, std::string_view field, const yaml::Node& at) const {
        if (node.is_null()) return {};
        if (!node.is_scalar()) {
            fail(at, "field '" + std::string(field) + "' must be a string, not " + kind_of(node));
        }
        const std::string& value = node.scalar();
        return is_unknown_value(value) ? std::string() : value;
    }

    // A string, a list of strings, or (split_bars) a " | "-joined string; unknown items dropped.
    void names(const yaml::Node& node, std::string_view field, const yaml::Node& at, bool split_bars,
               std::vector<std::string>& out) const {
        if (node.is_null()) return;
        if (node.is_scalar()) {
            add_name(node.scalar(), split_bars, out);
            return;
        }
        if (!node.is_sequence()) {
            fail(at, "field '" + std::string(field) + "' must be a string or a list of strings, not " +
                         kind_of(node));
        }
        for (const yaml::Node& item : node.items()) {
            if (item.is_null()) continue;
            if (!item.is_scalar()) {
                fail(item, "field '" + std::string(field) + "' must list strings, not " + kind_of(item));
            }
            add_name(item.scalar(), false, out);
        }
    }

    std::optional<int> year(const yaml::Node& node, const yaml::Node& at) const {
        if (node.is_null()) return std::nullopt;
        if (!node.is_scalar()) fail(at, "field 'year' must be a year, not " + std::string(kind_of(node)));
        std::string_view value = trim(node.scalar());
        if (is_unknown_value(value)) return std::nullopt;
        bool digits = value.size() == 4 &&
                      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        int y = digits ? std::stoi(std::string(value)) : 0;
        if (y < kMinYear || y > kMaxYear) {
            fail(node, "field 'year' is not a year: '" + excerpt(node.scalar()) + "' (expected " +
                           std::to_string(kMinYear) + ".." + std::to_string(kMaxYear) + ")");
        }
        return y;
    }

    // Older layout: genes: [{word, symbol, source, hgnc_symbol, entrez}, ...].
    void genes(const yaml::Node& node, const yaml::Node& at, std::vector<std::string>& symbols,
               std::vector<std::string>& words) const {
        if (node.is_null() || (node.is_scalar() && is_unknown_value(node.scalar()))) return;
        if (!node.is_sequence()) fail(at, "field 'genes' must be a list, not " + std::string(kind_of(node)));
        for (const yaml::Node& gene : node.items()) {
            if (gene.is_null()) continue;
            if (!gene.is_mapping())
                fail(gene, "field 'genes' must list mappings, not " + std::string(kind_of(gene)));
            std::string word, symbol, hgnc;
            for (const auto kv : gene.entries()) {
                if (!kv.key.is_scalar()) continue;
                const std::string& key = kv.key.scalar();
                if (key == "word")
                    word = text(kv.value, "genes.word", kv.key);
                else if (key == "symbol")
                    symbol = text(kv.value, "genes.symbol", kv.key);
                else if (key == "hgnc_symbol")
                    hgnc = text(kv.value, "genes.hgnc_symbol", kv.key);
            }
            add_name(hgnc, false, symbols);
            add_name(word, false, words);
            add_name(symbol, false, words);
        }
    }

    // Older layout: chemicals/diseases [{word, source, identifier}]: the disease and chemical facets,
    // and what tells the genes in schema-jsonld.keywords from the chemicals and diseases listed there
    // with them. Other shapes are ignored rather than rejected (PFOCR's text mining, not curation).
    static void other_words(const yaml::Node& node, std::vector<std::string>& out) {
        if (!node.is_sequence()) return;
        for (const yaml::Node& item : node.items()) {
            if (!item.is_mapping()) continue;
            for (const auto kv : item.entries()) {
                if (kv.key.is_scalar() && kv.key.scalar() == "word" && kv.value.is_scalar()) {
                    add_name(kv.value.scalar(), false, out);
                }
            }
        }
    }

    // Newer layout (and older too): schema-jsonld.keywords lists the official symbols.
    void schema_genes(const yaml::Node& node, const yaml::Node& at, std::vector<std::string>& symbols) const {
        if (node.is_null()) return;
        if (!node.is_mapping()) {
            fail(at, "field 'schema-jsonld' must be a mapping, not " + std::string(kind_of(node)));
        }
        for (const auto kv : node.entries()) {
            if (kv.key.is_scalar() && kv.key.scalar() == "keywords") {
                names(kv.value, "schema-jsonld.keywords", kv.key, false, symbols);
            }
        }
    }

    static constexpr int kMinYear = 1000;
    static constexpr int kMaxYear = 2999;

  private:
    static void add_name(std::string_view raw, bool split_bars, std::vector<std::string>& out) {
        std::string value = collapse_spaces(raw);
        if (!split_bars) {
            if (!is_unknown_value(value)) append_unique(out, std::move(value));
            return;
        }
        std::string_view rest = value;
        while (true) {
            std::size_t bar = rest.find(" | ");
            std::string_view piece = trim(rest.substr(0, bar));
            if (!is_unknown_value(piece)) append_unique(out, std::string(piece));
            if (bar == std::string_view::npos) break;
            rest.remove_prefix(bar + 3);
        }
    }

    const std::string& path_;
    int first_line_;
};

}  // namespace

bool is_unknown_value(std::string_view value) {
    value = trim(value);
    return value.empty() || value == "NA" || value == ".na.character";
}

Record record_from_yaml(const yaml::Node& front, const std::string& path, int first_line) {
    FieldReader reader(path, first_line);
    Record r;
    std::vector<std::string> schema_symbols, listed_symbols;
    std::vector<std::string_view> seen;
    const yaml::Node* figid_node = nullptr;

    for (const auto kv : front.entries()) {
        if (!kv.key.is_scalar()) continue;  // Not a field name capsearch reads.
        const std::string& key = kv.key.scalar();
        if (std::find(kKnownFields.begin(), kKnownFields.end(), key) == kKnownFields.end()) continue;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            reader.fail(kv.key, "duplicate field '" + key + "'");
        }
        seen.push_back(*std::find(kKnownFields.begin(), kKnownFields.end(), key));

        const yaml::Node& k = kv.key;
        const yaml::Node& v = kv.value;
        if (key == "figid") {
            r.figid = reader.text(v, key, k);
            figid_node = &k;
        } else if (key == "figtitle") {
            r.title = reader.text(v, key, k);
        } else if (key == "caption") {
            r.caption = reader.text(v, key, k);
        } else if (key == "papertitle") {
            r.papertitle = reader.text(v, key, k);
        } else if (key == "pmcid") {
            r.pmcid = reader.text(v, key, k);
        } else if (key == "reftext") {
            r.reftext = reader.text(v, key, k);
        } else if (key == "doi") {
            r.doi = reader.text(v, key, k);
        } else if (key == "journal_title") {
            r.journal = reader.text(v, key, k);
        } else if (key == "figlink") {
            r.figlink = reader.text(v, key, k);
        } else if (key == "filename") {
            r.filename = reader.text(v, key, k);
        } else if (key == "year") {
            r.year = reader.year(v, k);
        } else if (key == "organisms") {
            reader.names(v, key, k, false, r.organisms);
        } else if (key == "organisms_ner") {
            reader.names(v, key, k, false, r.organisms_ner);
        } else if (key == "keywords") {
            reader.names(v, key, k, true, r.keywords);
        } else if (key == "genes") {
            reader.genes(v, k, listed_symbols, r.gene_words);
        } else if (key == "schema-jsonld") {
            reader.schema_genes(v, k, schema_symbols);
        } else if (key == "chemicals") {
            FieldReader::other_words(v, r.chemicals);
        } else if (key == "diseases") {
            FieldReader::other_words(v, r.diseases);
        }
    }

    if (!figid_node) throw InputError(path, 0, "no 'figid' field");
    if (trim(r.figid).empty()) reader.fail(*figid_node, "field 'figid' is empty");
    // A YAML escape ("\0") can put a NUL in a key that every tool downstream would cut short.
    if (r.figid.find('\0') != std::string::npos)
        reader.fail(*figid_node, "field 'figid' contains a NUL character");

    // schema-jsonld.keywords also lists the figure's chemicals and diseases ("Glucose", "Cancer"); the
    // older layout names them, so drop those unless genes[] maps a word to that very symbol.
    std::vector<std::string> not_genes = r.chemicals;
    not_genes.insert(not_genes.end(), r.diseases.begin(), r.diseases.end());
    if (!not_genes.empty()) {
        std::erase_if(schema_symbols, [&](const std::string& s) {
            return std::find(not_genes.begin(), not_genes.end(), s) != not_genes.end() &&
                   std::find(listed_symbols.begin(), listed_symbols.end(), s) == listed_symbols.end();
        });
    }
    r.genes = std::move(schema_symbols);
    for (std::string& s : listed_symbols) append_unique(r.genes, std::move(s));
    return r;
}

}  // namespace capsearch::index
