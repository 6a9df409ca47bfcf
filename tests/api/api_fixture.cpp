// Writes the API tests' record collection (see api_fixture.hpp).
#include "api/api_fixture.hpp"

#include "support/test_support.hpp"

namespace capsearch::test {

std::vector<std::string> write_api_fixture(const std::filesystem::path& dir) {
    auto records = dir / "records";
    write_file(records / "wnt.md", R"(---
figid: APITEST01__f1
figtitle: Wnt signaling in zebrafish fin regeneration
organisms:
- Danio rerio
pmcid: PMC9000001
caption: Wnt ligands stabilise beta-catenin, which drives blastema formation during fin regeneration.
papertitle: Regeneration of the zebrafish fin
year: '2015'
keywords:
- regeneration
- Wnt
---
)");
    write_file(records / "nested" / "insulin.md", R"(---
figid: APITEST02__f1
figtitle: Insulin receptor signaling
organisms:
- Homo sapiens
- Mus musculus
pmcid: PMC9000002
caption: Insulin binds its receptor; IRS1 recruits PI3K, and Akt promotes glucose uptake.
papertitle: Insulin action in liver and muscle
year: '2010'
keywords: insulin | metabolism
---
)");
    write_file(records / "notch.md", R"(---
figid: APITEST03__f1
figtitle: Notch and Wnt crosstalk in the mouse intestine
organisms: Mus musculus
pmcid: PMC9000003
caption: Notch signaling restrains secretory fate while Wnt maintains intestinal stem cells.
papertitle: Intestinal stem cell niches
year: '2018'
---
)");
    write_file(broken_record(dir), "---\nfigtitle: A record without a figid\nyear: '2012'\n---\n");
    return {(source_dir() / "corpus" / "000_43706fd92f3d35c3.txt").string(),
            (source_dir() / "corpus" / "004_63a7e1b5dc9271c3.txt").string(), records.string()};
}

std::filesystem::path broken_record(const std::filesystem::path& dir) {
    return dir / "records" / "broken.md";
}

std::set<std::string> figids(const SearchResult& r) {
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.figid);
    return out;
}

}  // namespace capsearch::test
