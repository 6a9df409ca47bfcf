// Text rendering of search results, facets and sizes for the `capsearch` program.
#include "render.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace capsearch::cli {

namespace {

// Eighths of a block, so that small counts remain visible next to large ones.
const char* const kPartialBlocks[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

}  // namespace

std::string bar(std::size_t count, std::size_t max, std::size_t width) {
    if (max == 0 || count == 0) return "";
    auto eighths = static_cast<std::size_t>(
        std::llround(static_cast<double>(count) * static_cast<double>(width * 8) / static_cast<double>(max)));
    eighths = std::max<std::size_t>(eighths, 1);
    std::string out;
    for (std::size_t i = 0; i < eighths / 8; ++i) out += "█";
    out += kPartialBlocks[eighths % 8];
    return out;
}

namespace {

std::string pad_right(const std::string& s, std::size_t width) {
    auto w = display_width(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string pad_left(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

// `s` cut to at most `width` columns, ending in "…" when cut.
std::string fit(const std::string& s, std::size_t width) {
    if (display_width(s) <= width || width == 0) return s;
    std::string out;
    std::size_t columns = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++columns > width - 1) break;
        out += s[i];
    }
    return out + "…";
}

}  // namespace

std::string mark_and_wrap(const std::string& text,
                          std::vector<std::pair<std::size_t, std::size_t>> highlights, const std::string& on,
                          const std::string& off, std::size_t wrap, const std::string& indent) {
    std::sort(highlights.begin(), highlights.end());
    // Drop empty, out-of-range and overlapping ranges rather than trusting them blindly.
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (auto [b, e] : highlights) {
        e = std::min(e, text.size());
        if (b >= e || (!ranges.empty() && b < ranges.back().second)) continue;
        ranges.emplace_back(b, e);
    }
    auto inside = [&](std::size_t pos) {
        return std::any_of(ranges.begin(), ranges.end(),
                           [&](auto r) { return pos >= r.first && pos < r.second; });
    };

    std::vector<bool> break_at(text.size(), false);
    if (wrap > 0) {
        std::size_t column = 0;
        std::size_t last_space = std::string::npos;
        for (std::size_t i = 0; i < text.size(); ++i) {
            auto c = static_cast<unsigned char>(text[i]);
            if ((c & 0xC0) == 0x80) continue;
            if (c == ' ' && !inside(i)) last_space = i;
            ++column;
            if (column > wrap && last_space != std::string::npos) {
                break_at[last_space] = true;
                column = display_width(text.substr(last_space + 1, i - last_space));
                last_space = std::string::npos;
            }
        }
    }

    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (next < ranges.size() && i == ranges[next].first) out += on;
        if (break_at[i]) {
            out += "\n" + indent;
        } else {
            out += text[i];
        }
        if (next < ranges.size() && i + 1 == ranges[next].second) {
            out += off;
            ++next;
        }
    }
    return out;
}

std::string join_organisms(const std::vector<std::string>& organisms) {
    if (organisms.empty()) return "-";
    std::string out;
    for (const auto& o : organisms) {
        if (!out.empty()) out += ", ";
        out += o;
    }
    return out;
}

void render_hits(std::ostream& out, const SearchResult& result, const TextLayout& layout) {
    const Style& st = layout.style;
    out << st.bold << result.total << (result.total == 1 ? " figure matches" : " figures match") << st.reset;
    if (!result.hits.empty() && result.hits.size() < result.total) {
        out << st.dim << " (showing " << result.hits.front().rank << "-" << result.hits.back().rank << ")"
            << st.reset;
    } else if (result.hits.empty() && result.total > 0 && result.limit == 0) {
        out << st.dim << " (none shown: --limit 0)" << st.reset;
    } else if (result.hits.empty() && result.total > 0) {
        out << st.dim << " (none after offset " << result.offset << ")" << st.reset;
    }
    out << "\n";
    if (result.suggestion) out << "Did you mean: " << st.bold << printable(*result.suggestion) << st.reset << "?\n";

    const std::string indent = "   ";
    std::size_t text_wrap = layout.wrap > indent.size() ? layout.wrap - indent.size() : 0;
    for (const auto& hit : result.hits) {
        std::string year = hit.year ? std::to_string(*hit.year) : "-";
        // The figid in its colour, as a highlight, so a long organism list wraps like the text below.
        const std::string rank = std::to_string(hit.rank) + ". ";
        const std::string header =
            rank + printable(hit.figid) + "  " + year + "  " + printable(join_organisms(hit.organisms));
        const std::pair<std::size_t, std::size_t> figid{rank.size(), rank.size() + hit.figid.size()};
        out << "\n" << mark_and_wrap(header, {figid}, st.figid, st.reset, text_wrap, indent) << "\n";
        if (!hit.title.empty()) {
            // Matched words in the match colour, then back to bold for the rest of the title.
            const std::string back = st.reset + st.bold;
            out << indent << st.bold
                << mark_and_wrap(printable(hit.title),
                                 st.match.empty() ? decltype(hit.title_highlights){} : hit.title_highlights,
                                 st.match, back, text_wrap, indent)
                << st.reset << "\n";
        }
        if (!hit.snippet.empty()) {
            out << indent
                << mark_and_wrap(printable(hit.snippet),
                                 st.match.empty() ? decltype(hit.highlights){} : hit.highlights, st.match,
                                 st.reset, text_wrap, indent)
                << "\n";
        }
        if (!hit.explanation.empty()) render_explanation(out, hit, st, indent);
    }
}

void render_explanation(std::ostream& out, const Hit& hit, const Style& style, const std::string& indent) {
    char number[32];
    std::snprintf(number, sizeof number, "%.3f", hit.score);
    const std::string lead = "score " + std::string(number) + " = ";
    for (std::size_t i = 0; i < hit.explanation.size(); ++i) {
        const ExplanationPart& p = hit.explanation[i];
        std::snprintf(number, sizeof number, "%.3f", p.weight);
        out << indent << style.dim << (i == 0 ? lead : std::string(lead.size() - 2, ' ') + "+ ") << number
            << style.reset << "  " << printable(p.part);
        if (!p.field.empty() || !p.matched.empty()) {
            std::string matched;
            for (const std::string& m : p.matched) matched += (matched.empty() ? "" : ", ") + m;
            out << style.dim << "  [" << printable(p.field) << (p.field.empty() ? "" : ": ") << style.reset
                << printable(matched) << style.dim << "]" << style.reset;
        }
        out << "\n";
    }
}

void render_bar_chart(std::ostream& out, const std::vector<std::pair<std::string, std::size_t>>& rows,
                      const Style& style, std::size_t bar_width) {
    std::size_t label_width = 0;
    std::size_t max = 0;
    for (const auto& [label, count] : rows) {
        label_width = std::max(label_width, display_width(label));
        max = std::max(max, count);
    }
    std::size_t count_width = std::to_string(max).size();
    // Fit the terminal: narrower bars first (down to 10 columns), then shorter labels.
    if (const std::size_t width = output_width()) {
        constexpr std::size_t kMinBar = 10;
        constexpr std::size_t kMinLabel = 12;
        const std::size_t fixed = 2 + 2 + count_width + 1;
        if (fixed + label_width + bar_width > width) {
            const std::size_t room = width > fixed ? width - fixed : 0;
            if (room >= label_width + kMinBar) {
                bar_width = room - label_width;
            } else {
                label_width = std::min(label_width, std::max(kMinLabel, room > kMinBar ? room - kMinBar : 0));
                bar_width = std::max<std::size_t>(room > label_width ? room - label_width : 0, 1);
            }
        }
    }
    for (const auto& [label, count] : rows) {
        std::string b = bar(count, max, bar_width);
        out << "  " << pad_right(fit(printable(label), label_width), label_width) << "  "
            << pad_left(std::to_string(count), count_width) << " " << style.figid << b << style.reset << "\n";
    }
}

std::size_t keep_top(ChartRows& rows, std::size_t size) {
    if (size == 0 || rows.size() <= size) return 0;
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rows[a].second > rows[b].second; });
    order.resize(size);
    std::sort(order.begin(), order.end());
    ChartRows kept;
    for (std::size_t i : order) kept.push_back(std::move(rows[i]));
    const std::size_t dropped = rows.size() - size;
    rows = std::move(kept);
    return dropped;
}

void render_top_chart(std::ostream& out, ChartRows rows, const Style& style, std::size_t size) {
    const std::size_t more = keep_top(rows, size);
    render_bar_chart(out, rows, style);
    if (more > 0) out << "  " << style.dim << "(+" << more << " more)" << style.reset << "\n";
}

// Each facet as a chart of its top `size` values: years in year order, the others most figures first.
void render_facets(std::ostream& out, const Facets& facets, const Style& style, std::size_t size) {
    for (const auto& [name, counts] : facets.fields) {
        ChartRows rows(counts.begin(), counts.end());
        if (name != "year") {
            std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        }
        out << "\n" << style.bold << "Figures by " << name << style.reset << "\n";
        if (rows.empty()) out << "  (no " << name << " known)\n";
        render_top_chart(out, std::move(rows), style, size);
    }
}

std::string human_size(std::uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char buf[32];
    if (unit == 0) {
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
    } else {
        std::snprintf(buf, sizeof buf, "%.1f %s", value, units[unit]);
    }
    return buf;
}

}  // namespace capsearch::cli
