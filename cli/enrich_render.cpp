// Text rendering of enrichment results for the `capsearch enrich` and `similar` programs.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render.hpp"

namespace capsearch::cli {
namespace {

// "3.2e-08"; a p-value below double's range is shown from its logarithm ("1e-412").
std::string format_p(double p, double log10_p) {
    char buf[40];
    if (p > 0 || std::isinf(log10_p)) {
        std::snprintf(buf, sizeof buf, "%.2g", p);
    } else {
        std::snprintf(buf, sizeof buf, "1e%.0f", std::floor(log10_p));
    }
    return buf;
}

std::string joined(const std::vector<std::string>& items, const std::string& on, const std::string& off) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + on + printable(items[i]) + off;
    return out;
}

}  // namespace

void render_enrichment(std::ostream& out, const EnrichResult& r, const TextLayout& layout) {
    const Style& st = layout.style;
    out << r.total << (r.total == 1 ? " figure" : " figures") << " enriched";
    if (!r.hits.empty()) out << " (showing " << r.hits.front().rank << "-" << r.hits.back().rank << ")";
    out << "; " << r.query_size << " query genes, universe " << r.universe << " genes, " << r.tested
        << " figures tested\n";
    double max_score = 0;
    for (const EnrichHit& h : r.hits) max_score = std::max(max_score, -h.log10_pvalue);
    for (const EnrichHit& h : r.hits) {
        const auto score = static_cast<std::size_t>(std::llround(-h.log10_pvalue * 100));
        out << "\n" << st.bold << h.rank << "." << st.reset << " " << st.figid << printable(h.figid) << st.reset
            << "  " << (h.year ? std::to_string(*h.year) : std::string("-")) << "  " << h.overlap << "/"
            << h.set_size << "  p " << format_p(h.pvalue, h.log10_pvalue) << "  FDR " << format_p(h.fdr, 0) << "  "
            << bar(score, static_cast<std::size_t>(std::llround(max_score * 100)), 20) << "\n";
        out << "   " << mark_and_wrap(printable(h.title), {}, "", "", layout.wrap, "   ") << "\n";
        out << "   " << st.dim << "genes: " << st.reset << joined(h.overlap_genes, st.match, st.reset) << "\n";
    }
}

}  // namespace capsearch::cli
