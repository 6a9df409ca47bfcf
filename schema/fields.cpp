// Lookups over the field table (fields.hpp).
#include "schema/fields.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace capsearch::schema {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

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
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kPinned{{
        {"3", "45d8256813c76914"},  // title ... pmcid, year and organism the only facets
        {"4", "4459cbc68edcbb6e"},  // + journal, keyword, disease, chemical facets
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
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a 64-bit over a text form of each row.
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;  // field separator
        h *= 1099511628211ULL;
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
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace capsearch::schema
