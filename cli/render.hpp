// Text output for people: search hits with highlighted snippets, facet bar charts, sizes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "capsearch/enrich.hpp"
#include "capsearch/search.hpp"
#include "terminal.hpp"

namespace capsearch::cli {

/// Layout of the text output.
struct TextLayout {
    Style style{false};
    std::size_t wrap = 0;  ///< Wrap titles and snippets at this many columns; 0 = never.
};

/// The header ("3 figures match") and every hit: `rank. figid  year  organisms`, the title, and the
/// snippet with its highlights marked (only when the style has colour).
void render_hits(std::ostream& out, const SearchResult& result, const TextLayout& layout);

/// The breakdown of a hit's score under it: `score S = w1  part  [fields: matched]`, then `+ w2 ...`.
void render_explanation(std::ostream& out, const Hit& hit, const Style& style, const std::string& indent);

/// A bar of `█` blocks (in eighths) for `count` out of `max`, at most `width` columns; at least an
/// eighth when count > 0.
std::string bar(std::size_t count, std::size_t max, std::size_t width);

/// One labelled bar per entry, `█` blocks scaled to the largest count, counts right-aligned.
void render_bar_chart(std::ostream& out, const std::vector<std::pair<std::string, std::size_t>>& rows,
                      const Style& style, std::size_t bar_width = 30);

/// Rows of a bar chart: label and count.
using ChartRows = std::vector<std::pair<std::string, std::size_t>>;

/// Keeps the `size` rows with the largest counts (all when `size` is 0; ties keep the earlier row), in
/// their order, and returns how many it dropped.
std::size_t keep_top(ChartRows& rows, std::size_t size);

/// render_bar_chart of the `size` largest rows (0 = all), then "(+K more)" for the K left out.
void render_top_chart(std::ostream& out, ChartRows rows, const Style& style, std::size_t size);

/// Year facet (by year) and organism facet (by count, largest first) as bar charts of at most
/// `size` rows each (0 = all; `--facet-size`).
void render_facets(std::ostream& out, const Facets& facets, const Style& style, std::size_t size);

/// `text` with the byte ranges in `highlights` wrapped in `on`/`off`, and, when `wrap` > 0, broken
/// into lines of at most `wrap` columns (at spaces outside highlights) continued with `indent`.
std::string mark_and_wrap(const std::string& text,
                          std::vector<std::pair<std::size_t, std::size_t>> highlights, const std::string& on,
                          const std::string& off, std::size_t wrap, const std::string& indent);

/// Enrichment hits: the header (figures, genes, universe), then per hit `rank. figid  year  k/K  p  FDR`
/// with a bar of -log10 p, the title, and the overlapping genes (highlighted when the style has colour).
void render_enrichment(std::ostream& out, const EnrichResult& result, const TextLayout& layout);

/// `1.5 MiB`, `312 KiB`, `900 B`.
std::string human_size(std::uint64_t bytes);

/// `organisms` joined by ", ", or "-" when there are none.
std::string join_organisms(const std::vector<std::string>& organisms);

}  // namespace capsearch::cli
