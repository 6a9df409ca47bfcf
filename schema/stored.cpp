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
