// Stored fields <-> document data as compact JSON (see stored.hpp).
#include "schema/stored.hpp"

#include <climits>
#include <nlohmann/json.hpp>

#include "capsearch/error.hpp"

namespace capsearch::index {
namespace {

using nlohmann::json;

// Data written before a format change must still decode, so keys are only ever added.
constexpr const char* kFigid = "figid";
constexpr const char* kTitle = "title";
constexpr const char* kYear = "year";
constexpr const char* kOrganisms = "organisms";
constexpr const char* kPmcid = "pmcid";
constexpr const char* kPaperTitle = "papertitle";
constexpr const char* kFiglink = "figlink";
constexpr const char* kCaption = "caption";
constexpr const char* kSourcePath = "source_path";
constexpr const char* kCaptionGenes = "caption_genes";  // [[begin, end, concept, ...], ...]
constexpr const char* kTitleGenes = "title_genes";

void put(json& out, const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
}

[[noreturn]] void malformed(const std::string& why) {
    throw DatabaseError("malformed stored document data: " + why);
}

std::string get_string(const json& in, const char* key) {
    auto it = in.find(key);
    if (it == in.end() || it->is_null()) return {};
    if (!it->is_string()) malformed(std::string("'") + key + "' is not a string");
    return it->get<std::string>();
}

json encode_spans(const std::vector<GeneSpan>& spans) {
    json out = json::array();
    for (const GeneSpan& g : spans) {
        json one = json::array({g.begin, g.end});
        for (const std::string& c : g.concepts) one.push_back(c);
        out.push_back(std::move(one));
    }
    return out;
}

std::optional<std::vector<GeneSpan>> get_spans(const json& in, const char* key) {
    auto it = in.find(key);
    if (it == in.end() || it->is_null()) return std::nullopt;
    const std::string what = std::string("'") + key + "'";
    if (!it->is_array()) malformed(what + " is not a list");
    std::vector<GeneSpan> spans;
    for (const json& one : *it) {
        if (!one.is_array() || one.size() < 3 || !one[0].is_number_unsigned() || !one[1].is_number_unsigned())
            malformed(what + " holds an entry that is not [begin, end, concept, ...]");
        GeneSpan g;
        g.begin = one[0].get<std::size_t>();
        g.end = one[1].get<std::size_t>();
        if (g.begin >= g.end) malformed(what + " holds an empty or reversed range");
        for (std::size_t i = 2; i < one.size(); ++i) {
            if (!one[i].is_string() || one[i].get_ref<const std::string&>().empty())
                malformed(what + " holds a concept that is not a non-empty string");
            g.concepts.push_back(one[i].get<std::string>());
        }
        spans.push_back(std::move(g));
    }
    return spans;
}

}  // namespace

std::string encode_stored(const StoredFields& f) {
    json out = json::object();
    put(out, kFigid, f.figid);
    put(out, kTitle, f.title);
    if (f.year) out[kYear] = *f.year;
    if (!f.organisms.empty()) out[kOrganisms] = f.organisms;
    put(out, kPmcid, f.pmcid);
    put(out, kPaperTitle, f.papertitle);
    put(out, kFiglink, f.figlink);
    put(out, kCaption, f.caption);
    put(out, kSourcePath, f.source_path);
    if (f.caption_genes) out[kCaptionGenes] = encode_spans(*f.caption_genes);
    if (f.title_genes) out[kTitleGenes] = encode_spans(*f.title_genes);
    // Records are validated UTF-8; a Record built in code may not be, and must not make dump() throw.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

StoredFields decode_stored(const std::string& data) {
    json in = json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (in.is_discarded()) malformed("not JSON");
    if (!in.is_object()) malformed("not a JSON object");
    StoredFields f;
    f.figid = get_string(in, kFigid);
    if (f.figid.empty()) malformed("no figid");
    f.title = get_string(in, kTitle);
    f.pmcid = get_string(in, kPmcid);
    f.papertitle = get_string(in, kPaperTitle);
    f.figlink = get_string(in, kFiglink);
    f.caption = get_string(in, kCaption);
    f.source_path = get_string(in, kSourcePath);
    if (auto it = in.find(kYear); it != in.end() && !it->is_null()) {
        if (!it->is_number_integer()) malformed("'year' is not an integer");
        const auto year = it->get<long long>();
        if (year < INT_MIN || year > INT_MAX) malformed("'year' is out of range");
        f.year = static_cast<int>(year);
    }
    if (auto it = in.find(kOrganisms); it != in.end() && !it->is_null()) {
        if (!it->is_array()) malformed("'organisms' is not a list");
        for (const json& o : *it) {
            if (!o.is_string()) malformed("'organisms' holds a non-string");
            f.organisms.push_back(o.get<std::string>());
        }
    }
    f.caption_genes = get_spans(in, kCaptionGenes);
    f.title_genes = get_spans(in, kTitleGenes);
    if (f.caption_genes) {
        for (const GeneSpan& g : *f.caption_genes) {
            if (g.end > f.caption.size()) malformed("'caption_genes' holds a range past the caption's end");
        }
    }
    return f;
}

void move_into_hit(StoredFields& stored, Hit& hit) {
    hit.figid = std::move(stored.figid);
    hit.title = std::move(stored.title);
    hit.year = stored.year;
    hit.organisms = std::move(stored.organisms);
    hit.pmcid = std::move(stored.pmcid);
    hit.papertitle = std::move(stored.papertitle);
    hit.figlink = std::move(stored.figlink);
}

}  // namespace capsearch::index
