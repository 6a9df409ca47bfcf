// Lookups over the field table (fields.hpp).
#include "schema/fields.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "analyzers/fnv1a.hpp"
#include "analyzers/text.hpp"

namespace capsearch::schema {
namespace {

bool same_name(std::string_view a, std::string_view b) { return analysis::text::iequal_ascii(a, b); }

const std::vector<const Field*>& facet_rows() {
    static const std::vector<const Field*> rows = [] {
        std::vector<const Field*> out;
        for (const Field& f : kFields) {
            if (f.facet) out.push_back(&f);
        }
        return out;
    }();
    return rows;
}

}  // namespace

std::span<const std::pair<std::string_view, std::string_view>> pinned_digests() {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kPinned{{
        {"3", "45d8256813c76914"},  // title ... pmcid, year and organism the only facets
        {"4", "4459cbc68edcbb6e"},  // + journal, keyword, disease, chemical facets
        {"5", "aa1fdc85cf2fa01e"},  // + author (text, from reftext)
        {"6", "aa1fdc85cf2fa01e"},  // the table unchanged; positions on the field terms only
        {"7", "aa1fdc85cf2fa01e"},  // the table unchanged; gene spans in the stored data
        {"8", "aa1fdc85cf2fa01e"},  // the table unchanged; phrase pair terms
    }};
    return kPinned;
}

const Field* find_field(std::string_view name) {
    for (const Field& f : kFields) {
        if (same_name(f.name, name)) return &f;
    }
    return nullptr;
}

std::span<const Field* const> facet_fields() { return facet_rows(); }

std::string table_digest() {
    // FNV-1a 64-bit over a text form of each row, every column followed by a 0xff separator.
    std::string form;
    auto mix = [&form](std::string_view s) {
        form += s;
        form += '\xff';
    };
    for (const Field& f : kFields) {
        mix(f.name);
        mix(f.prefix);
        mix(std::to_string(static_cast<int>(f.kind)));
        mix(std::to_string(f.wdf));
        mix(std::to_string(f.slot));
        mix(f.facet ? "facet" : "-");
        mix(f.stored ? "stored" : "-");
    }
    const std::uint64_t h = analysis::fnv1a64(form);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace capsearch::schema
