// The statistics of gene-set enrichment: the one-sided hypergeometric upper tail (Fisher's exact test)
// computed in log space so tiny p-values stay exact, the odds ratio, and Benjamini-Hochberg FDR.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace capsearch::search {

/// A p-value kept both ways: `p` underflows to 0 below ~1e-308, `log10_p` does not.
struct PValue {
    double p = 1.0;
    double log10_p = 0.0;
};

/// Hypergeometric tails in a universe of N items, reading log-factorials from a process-wide table
/// (filled once with lgammal, so repeated tests cost additions, not lgamma calls). Thread-safe.
class Hypergeom {
  public:
    explicit Hypergeom(std::int64_t N);
    /// P(X >= k) for `n` draws from this universe of which `K` are marked.
    PValue upper_tail(std::int64_t k, std::int64_t K, std::int64_t n) const;

  private:
    long double log_choose(std::int64_t a, std::int64_t b) const;
    std::int64_t N_;
    std::shared_ptr<const std::vector<long double>> log_factorial_;  ///< Null: too large, use lgammal.
};

/// P(X >= k) for X hypergeometric: `n` draws without replacement from `N` items of which `K` are
/// marked (scipy.stats.hypergeom.sf(k - 1, N, K, n)). Requires K <= N and n <= N.
PValue hypergeom_upper_tail(std::int64_t k, std::int64_t N, std::int64_t K, std::int64_t n);

/// The sample odds ratio of the 2x2 table (k, K-k, n-k, N-K-n+k); when a cell is 0, with 0.5 added to
/// every cell (Haldane-Anscombe) so that it stays finite.
double odds_ratio(std::int64_t k, std::int64_t N, std::int64_t K, std::int64_t n);

/// Benjamini-Hochberg adjusted p-values of `sorted_p` (ascending), in place, out of `tested` in all
/// (the rest taken to have p = 1).
void benjamini_hochberg_sorted(std::vector<double>& sorted_p, std::size_t tested);

/// Benjamini-Hochberg adjusted p-values of `p` (in the same order) when `tested` hypotheses were
/// tested in all; the ones not in `p` are taken to have p = 1. Requires tested >= p.size().
std::vector<double> benjamini_hochberg(const std::vector<double>& p, std::size_t tested);

}  // namespace capsearch::search
