// EnrichResult and SimilarResult as JSON (README "Gene-set enrichment"), TSV, and gene sets as GMT.
#include <cmath>
#include <cstdio>

#include "capsearch/enrich.hpp"
#include "searcher/result_json.hpp"

namespace capsearch {
namespace {

using json = nlohmann::ordered_json;

json input_json(const EnrichInput& in) {
    json j;
    j["names"] = in.names;
    j["resolved"] = json::object();
    // One gene as a string (HER2 -> "ERBB2"); a family expanded on request as the list of its members.
    for (const auto& [name, symbols] : in.resolved)
        j["resolved"][name] = symbols.size() == 1 ? json(symbols.front()) : json(symbols);
    j["unresolved"] = in.unresolved;
    j["ambiguous"] = json::object();
    for (const auto& [name, symbols] : in.ambiguous) j["ambiguous"][name] = symbols;
    j["families"] = json::object();
    for (const auto& [name, symbols] : in.families) j["families"][name] = symbols;
    j["outside_universe"] = in.outside_universe;
    return j;
}

json enrich_json(const EnrichResult& r) {
    json j;
    j["input"] = input_json(r.input);
    j["genes"] = r.genes;
    j["query_size"] = r.query_size;
    j["universe"] = r.universe;
    j["tested"] = r.tested;
    j["total"] = r.total;
    j["offset"] = r.offset;
    j["limit"] = r.limit;
    json hits = json::array();
    for (const EnrichHit& h : r.hits) {
        json hj;
        hj["rank"] = h.rank;
        hj["figid"] = h.figid;
        hj["title"] = h.title;
        hj["year"] = h.year ? json(*h.year) : json(nullptr);
        hj["organisms"] = h.organisms;
        hj["overlap"] = h.overlap;
        hj["set_size"] = h.set_size;
        hj["overlap_genes"] = h.overlap_genes;
        hj["pvalue"] = h.pvalue;
        hj["log10_pvalue"] = h.log10_pvalue;
        hj["fdr"] = h.fdr;
        hj["odds_ratio"] = h.odds_ratio;
        hits.push_back(std::move(hj));
    }
    j["hits"] = std::move(hits);
    if (r.facets) j["facets"] = search::facets_json(*r.facets);
    search::add_missing_shards(j, r.partial, r.missing);
    return j;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// Tabs and line breaks inside a field would break the row.
std::string field(std::string s) {
    for (char& c : s) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return s;
}

std::string joined(const std::vector<std::string>& items, char sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += sep;
        out += field(items[i]);
    }
    return out;
}

}  // namespace

std::string EnrichResult::to_json() const { return search::dump_line(enrich_json(*this)); }

std::string EnrichResult::to_tsv() const {
    std::string out =
        "rank\tfigid\tyear\torganisms\toverlap\tset_size\tquery_size\tuniverse\tpvalue\tlog10_pvalue\tfdr\t"
        "odds_ratio\toverlap_genes\ttitle\n";
    for (const EnrichHit& h : hits) {
        out += std::to_string(h.rank) + '\t' + field(h.figid) + '\t' + (h.year ? std::to_string(*h.year) : "") +
               '\t' + joined(h.organisms, ';') + '\t' + std::to_string(h.overlap) + '\t' +
               std::to_string(h.set_size) + '\t' + std::to_string(query_size) + '\t' + std::to_string(universe) +
               '\t' + number(h.pvalue) + '\t' + number(h.log10_pvalue) + '\t' + number(h.fdr) + '\t' +
               number(h.odds_ratio) + '\t' + joined(h.overlap_genes, ',') + '\t' + field(h.title) + '\n';
    }
    return out;
}

std::string to_gmt(const std::vector<GeneSetEntry>& sets) {
    std::string out;
    for (const GeneSetEntry& s : sets) {
        out += field(s.figid) + '\t' + field(s.title) + '\t' + joined(s.symbols, '\t') + '\n';
    }
    return out;
}

std::string SimilarResult::to_json() const {
    json j;
    j["figid"] = figid;
    j["title"] = title;
    if (genes) j["genes"] = enrich_json(*genes);
    json hits = json::array();
    for (const Hit& h : text) hits.push_back(search::hit_json(h));
    j["text"] = std::move(hits);
    j["text_terms"] = text_terms;
    search::add_missing_shards(j, partial, missing);
    return search::dump_line(j);
}

}  // namespace capsearch
