// Record -> Xapian document: text fields, gene concepts, filter terms, value slots and stored fields,
// spelled as schema/terms.hpp says so the searcher finds what the indexer wrote.
#include "indexer/document.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_set>

#include "analyzers/fnv1a.hpp"
#include "analyzers/gene_set.hpp"
#include "schema/terms.hpp"
#include "analyzers/tokenizer.hpp"
#include "analyzers/unicode.hpp"
#include "indexer/document_terms.hpp"
#include "indexer/facet_values.hpp"
#include "indexer/first_author.hpp"
#include "schema/fields.hpp"
#include "schema/stored.hpp"

namespace capsearch::index {
namespace {

// Organism names are search text like the others, with no boost of their own.
constexpr unsigned kWdfOrganismText = 1;

// Each string once, first occurrence first, across several lists.
std::vector<const std::string*> distinct(std::initializer_list<const std::vector<std::string>*> lists) {
    std::vector<const std::string*> out;
    std::unordered_set<std::string_view> seen;
    for (const auto* list : lists) {
        for (const std::string& s : *list) {
            if (!s.empty() && seen.insert(s).second) out.push_back(&s);
        }
    }
    return out;
}

// The figure's gene set, for enrichment: a term per gene (to filter by) and the whole set in a slot (so
// enrichment reads one value stream, no text).
void add_gene_set(Xapian::Document& doc, const analysis::GeneSet& set) {
    std::string joined;
    for (const std::string& symbol : set.symbols) {
        doc.add_boolean_term(std::string(terms::kGeneSet) + symbol);
        if (!joined.empty()) joined += terms::kGeneSep;
        joined += symbol;
    }
    if (!joined.empty()) doc.add_value(terms::kSlotGeneSet, joined);
    if (set.left_out > 0) doc.add_value(terms::kSlotGenesLeftOut, std::to_string(set.left_out));
}

class DocumentBuilder {
  public:
    DocumentBuilder(const analysis::Lexicon& lexicon, Xapian::Document& doc)
        : lexicon_(lexicon), writer_(doc) {}

    // One free-text field; returns its NFKC text. Gene names in it add concept terms, and are kept in
    // `spans` (when given) with what they were indexed as, for highlighting.
    std::string text(const std::string& raw, std::string_view prefix, unsigned wdf,
                     std::vector<GeneSpan>* spans = nullptr) {
        std::string normalized = analysis::nfkc(raw);
        const std::vector<analysis::Token> tokens = analysis::tokenize(normalized);
        writer_.add_field(tokens, prefix, wdf);
        for (const analysis::GeneMention& m : lexicon_.recognize(tokens, analysis::Context::text)) {
            std::vector<std::string> indexed = concepts(m);
            if (spans != nullptr && !indexed.empty()) spans->push_back({m.begin, m.end, std::move(indexed)});
        }
        return normalized;
    }

    // A list field, analysed as one text; `recognize` looks for gene names inside each item.
    void list(const std::vector<const std::string*>& items, std::string_view prefix, unsigned wdf,
              bool recognize) {
        if (items.empty()) return;
        const ItemText joined = join_items(items);
        const std::vector<analysis::Token> tokens = analysis::tokenize(joined.text);
        writer_.add_field(tokens, prefix, wdf, &joined);
        if (!recognize) return;
        for (const analysis::GeneMention& m : lexicon_.recognize(tokens, analysis::Context::text)) {
            // A name never runs from one keyword into the next.
            if (joined.item_at(tokens[m.first_token].begin) != joined.item_at(tokens[m.last_token].begin)) {
                continue;
            }
            concepts(m);
        }
    }

    void concept_of(std::string_view symbol) { writer_.add_concept(symbol); }

  private:
    // Adds the concept terms of `m`; returns what they were added as.
    std::vector<std::string> concepts(const analysis::GeneMention& m) {
        std::vector<std::string> added = terms::mention_concepts(m);
        for (const std::string& c : added) writer_.add_concept(c);
        return added;
    }

    const analysis::Lexicon& lexicon_;
    TermWriter writer_;
};

}  // namespace

Xapian::Document build_document(const Record& record, const analysis::Lexicon& lexicon,
                                const SourceInfo& source) {
    Xapian::Document doc;
    DocumentBuilder builder(lexicon, doc);

    std::vector<GeneSpan> title_genes, caption_genes;
    builder.text(record.title, terms::kTitle, terms::kWdfTitle, &title_genes);
    std::string caption = builder.text(record.caption, terms::kCaption, terms::kWdfCaption, &caption_genes);
    builder.text(record.papertitle, terms::kPaperTitle, terms::kWdfPaperTitle);
    builder.list(distinct({&record.keywords}), terms::kKeyword, terms::kWdfKeyword, true);
    builder.list(distinct({&record.genes, &record.gene_words}), terms::kGeneText, terms::kWdfGene, false);
    // A list of one, so the name adds no gene concepts: an author called "Ras" is not the gene.
    const std::vector<std::string> author{first_author(record.reftext)};
    builder.list(distinct({&author}), terms::kAuthor, terms::kWdfAuthor, false);
    builder.list(distinct({&record.organisms, &record.organisms_ner}), terms::kOrganismText, kWdfOrganismText,
                 false);
    // PFOCR's own gene list: the genes its curators mapped the figure's words to.
    for (const std::string& symbol : record.genes) builder.concept_of(symbol);

    doc.add_boolean_term(terms::figid_term(record.figid));
    doc.add_value(terms::kSlotFigid, record.figid);
    if (record.year) {
        const std::string year = std::to_string(*record.year);
        doc.add_boolean_term(std::string(terms::kYear) + year);
        doc.add_value(terms::kSlotYearSortable, Xapian::sortable_serialise(*record.year));
    }
    // Every facet of the schema: its slot, and for filter fields a term per value.
    for (const schema::Field* field : schema::facet_fields()) {
        const std::vector<std::string> values = facet_values(record, field->name);
        if (values.empty()) continue;
        if (field->kind == schema::FieldKind::filter) {
            for (const std::string& v : values) doc.add_boolean_term(std::string(field->prefix) + terms::filter_key(v));
        }
        doc.add_value(static_cast<Xapian::valueno>(field->slot), facet_slot_value(values));
    }
    if (!record.pmcid.empty()) doc.add_boolean_term(terms::pmcid_term(record.pmcid));
    if (!record.source_path.empty()) doc.add_boolean_term(std::string(terms::kPath) + record.source_path);

    add_gene_set(doc, analysis::resolve_gene_set(lexicon, record.genes));
    if (!source.content_hash.empty()) doc.add_value(terms::kSlotContentHash, source.content_hash);
    if (!source.file_stamp.empty()) doc.add_value(terms::kSlotFileStamp, source.file_stamp);

    StoredFields stored;
    stored.figid = record.figid;
    stored.title = record.title;
    stored.year = record.year;
    stored.organisms = record.organisms;
    stored.pmcid = record.pmcid;
    stored.papertitle = record.papertitle;
    stored.figlink = record.figlink;
    stored.caption = std::move(caption);
    stored.source_path = record.source_path;
    stored.caption_genes = std::move(caption_genes);
    stored.title_genes = std::move(title_genes);
    doc.set_data(encode_stored(stored));
    return doc;
}

std::string content_hash(std::string_view bytes) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(analysis::fnv1a64(bytes)));
    return hex;
}

}  // namespace capsearch::index
