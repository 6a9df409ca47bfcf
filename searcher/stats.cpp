// capsearch stats: whole-index counts through the facet spies, sizes from the file system, and JSON.
#include "searcher/stats.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>
#include <unordered_set>

#include "schema/terms.hpp"
#include "schema/layout.hpp"
#include "searcher/facets.hpp"
#include "searcher/result_json.hpp"

namespace capsearch::search {
namespace fs = std::filesystem;
namespace {

// Sums the local databases a stub lists; a listed stub file is followed, remote ones are skipped.
std::uint64_t stub_bytes(const std::string& stub, const fs::path& base) {
    std::uint64_t total = 0;
    for (const fs::path& p : index::stub_databases(stub, base)) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            total += index::folder_bytes(p);
        } else if (fs::is_regular_file(p, ec)) {
            total += stub_bytes(index::read_stub(p), p.parent_path());
        }
    }
    return total;
}

}  // namespace

std::uint64_t index_size_bytes(const std::string& path) {
    std::error_code ec;
    fs::path p(path);
    if (fs::is_directory(p, ec)) {
        if (fs::is_regular_file(p / index::kStubName, ec)) return stub_bytes(index::read_stub(p), p);
        return index::folder_bytes(p);
    }
    if (fs::is_regular_file(p, ec)) return stub_bytes(index::read_stub(p), p.parent_path());
    return 0;
}

std::vector<IndexStats::Shard> shard_stats(const std::vector<index::StubLine>& specs,
                                           const std::vector<Xapian::Database>& opened,
                                           const std::vector<std::string>& missing) {
    std::vector<IndexStats::Shard> out;
    if (specs.size() < 2) return out;
    std::size_t next = 0;  // In `opened`.
    for (const index::StubLine& spec : specs) {
        if (std::find(missing.begin(), missing.end(), spec.name) != missing.end()) continue;
        if (next == opened.size()) break;
        IndexStats::Shard shard;
        shard.path = spec.name;
        shard.documents = opened[next++].get_doccount();
        shard.size_bytes = spec.host.empty() ? index_size_bytes(spec.path) : 0;
        out.push_back(std::move(shard));
    }
    return out;
}

namespace {

// Gene-set counts from the slots the indexer fills (terms::kSlotGeneSet, kSlotGenesLeftOut).
void count_gene_sets(const Xapian::Database& db, IndexStats& st) {
    std::unordered_set<std::string> genes;
    for (auto it = db.valuestream_begin(terms::kSlotGeneSet); it != db.valuestream_end(terms::kSlotGeneSet); ++it) {
        const std::string value = *it;
        if (value.empty()) continue;
        ++st.figures_with_genes;
        std::size_t start = 0;
        while (start < value.size()) {
            std::size_t end = value.find(terms::kGeneSep, start);
            if (end == std::string::npos) end = value.size();
            if (end > start) genes.insert(value.substr(start, end - start));
            start = end + 1;
        }
    }
    st.genes = genes.size();
    for (auto it = db.valuestream_begin(terms::kSlotGenesLeftOut); it != db.valuestream_end(terms::kSlotGenesLeftOut);
         ++it)
        st.gene_entries_left_out += std::stoul(*it);
}

}  // namespace

IndexStats compute_stats(const Xapian::Database& db, const std::vector<std::string>& paths,
                         const analysis::Lexicon& lexicon, const std::string& lexicon_id) {
    IndexStats st;
    st.documents = db.get_doccount();
    FacetSpies spies(choose_facets({}));
    if (st.documents > 0) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(std::string()));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        spies.attach(enquire);
        enquire.get_mset(0, 0, db.get_doccount());
    }
    st.facets = spies.collect();
    for (const auto& [name, counts] : st.facets.fields)
        st.figures_without[name] = st.documents - spies.figures_with(name);
    for (const auto& [year, n] : st.facets["year"]) {
        int y = std::stoi(year);
        if (!st.year_min || y < *st.year_min) st.year_min = y;
        if (!st.year_max || y > *st.year_max) st.year_max = y;
    }
    st.organisms = st.facets["organism"];
    st.figures_without_year = st.figures_without["year"];
    st.figures_without_organism = st.figures_without["organism"];
    count_gene_sets(db, st);
    for (const std::string& p : paths) st.size_bytes += index_size_bytes(p);
    st.lexicon_id = lexicon_id;
    st.lexicon_names = lexicon.size();
    for (std::size_t i = 0; i < paths.size(); ++i) st.path += (i > 0 ? "," : "") + paths[i];
    return st;
}

}  // namespace capsearch::search

namespace capsearch {

std::string IndexStats::to_json() const {
    nlohmann::ordered_json j;
    j["documents"] = documents;
    j["year_min"] = year_min ? nlohmann::ordered_json(*year_min) : nlohmann::ordered_json(nullptr);
    j["year_max"] = year_max ? nlohmann::ordered_json(*year_max) : nlohmann::ordered_json(nullptr);
    j["organisms"] = nlohmann::ordered_json::object();
    for (const auto& [name, n] : organisms) j["organisms"][name] = n;
    j["figures_without_year"] = figures_without_year;
    j["figures_without_organism"] = figures_without_organism;
    j["facets"] = nlohmann::ordered_json::object();
    for (const auto& [name, counts] : facets.fields) {
        auto& field = j["facets"][name] = nlohmann::ordered_json::object();
        for (const auto& [value, n] : counts) field[value] = n;
    }
    j["figures_without"] = nlohmann::ordered_json::object();
    for (const auto& [name, counts] : facets.fields) {
        auto it = figures_without.find(name);
        j["figures_without"][name] = it == figures_without.end() ? 0 : it->second;
    }
    j["figures_with_genes"] = figures_with_genes;
    j["genes"] = genes;
    j["gene_entries_left_out"] = gene_entries_left_out;
    j["size_bytes"] = size_bytes;
    j["lexicon_id"] = lexicon_id;
    j["lexicon_names"] = lexicon_names;
    j["phrase_pairs"] = phrase_pairs;
    j["vocabulary_listed"] = vocabulary_listed;
    j["path"] = path;
    j["shards"] = nlohmann::ordered_json::array();
    for (const Shard& s : shards) {
        j["shards"].push_back({{"path", s.path}, {"documents", s.documents}, {"size_bytes", s.size_bytes}});
    }
    search::add_missing_shards(j, partial, missing);
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace capsearch
