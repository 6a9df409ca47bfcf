// Enrichment statistics (see enrich_stats.hpp).
#include "searcher/enrich_stats.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

namespace capsearch::search {
namespace {

// Log-factorials in extended precision: the log-binomials of N = 100,000 are ~1e6 and cancel each
// other, so double's 1e-16 would leave ~1e-10 relative error in p; long double's 64-bit mantissa
// leaves ~1e-13. Each entry is lgammal's own (not a running sum, whose rounding would accumulate).
constexpr std::int64_t kMaxTable = std::int64_t{1} << 22;

std::shared_ptr<const std::vector<long double>> log_factorials(std::int64_t n) {
    static std::mutex mutex;
    static std::shared_ptr<const std::vector<long double>> table;
    std::lock_guard lock(mutex);
    if (!table || static_cast<std::int64_t>(table->size()) <= n) {
        auto grown = std::make_shared<std::vector<long double>>(table ? *table : std::vector<long double>{});
        const std::int64_t size = std::min(kMaxTable, std::max<std::int64_t>(n + 1, 2 * static_cast<std::int64_t>(grown->size())));
        for (std::int64_t i = static_cast<std::int64_t>(grown->size()); i < size; ++i)
            grown->push_back(std::lgammal(static_cast<long double>(i) + 1));
        table = std::move(grown);
    }
    return table;
}

}  // namespace

Hypergeom::Hypergeom(std::int64_t N) : N_(N) {
    if (N < kMaxTable) log_factorial_ = log_factorials(N);
}

long double Hypergeom::log_choose(std::int64_t a, std::int64_t b) const {
    if (log_factorial_) {
        const std::vector<long double>& lf = *log_factorial_;
        return lf[static_cast<std::size_t>(a)] - lf[static_cast<std::size_t>(b)] - lf[static_cast<std::size_t>(a - b)];
    }
    return std::lgammal(static_cast<long double>(a) + 1) - std::lgammal(static_cast<long double>(b) + 1) -
           std::lgammal(static_cast<long double>(a - b) + 1);
}

namespace {

// P(X = x + 1) / P(X = x).
long double up_ratio(std::int64_t x, std::int64_t N, std::int64_t K, std::int64_t n) {
    return static_cast<long double>(K - x) * static_cast<long double>(n - x) /
           (static_cast<long double>(x + 1) * static_cast<long double>(N - K - n + x + 1));
}

}  // namespace

PValue Hypergeom::upper_tail(std::int64_t k, std::int64_t K, std::int64_t n) const {
    const std::int64_t N = N_;

    const std::int64_t lo = std::max<std::int64_t>(0, n + K - N);
    const std::int64_t hi = std::min(K, n);
    if (k <= lo) return {1.0, 0.0};
    if (k > hi) return {0.0, -INFINITY};
    // Sum relative to the largest term of the tail (the mode, or k when k is past it), walking outwards
    // with the pmf's ratio recurrence: no term exceeds 1, so nothing overflows, and the tail's own
    // magnitude stays in the logarithm, so p < 1e-300 keeps its digits.
    const std::int64_t mode = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(std::floor((static_cast<double>(n) + 1) * (static_cast<double>(K) + 1) /
                                             (static_cast<double>(N) + 2))),
        lo, hi);
    const std::int64_t top = std::max(k, mode);
    long double sum = 1;
    long double term = 1;
    for (std::int64_t x = top; x < hi; ++x) {
        term *= up_ratio(x, N, K, n);
        sum += term;
        if (term < sum * 1e-21L) break;
    }
    term = 1;
    for (std::int64_t x = top; x > k; --x) {
        term /= up_ratio(x - 1, N, K, n);
        sum += term;
        if (term < sum * 1e-21L) break;
    }
    const long double log_p = std::min(0.0L, log_choose(K, top) + log_choose(N - K, n - top) - log_choose(N, n) + std::log(sum));
    return {static_cast<double>(std::exp(log_p)), static_cast<double>(log_p / std::log(10.0L))};
}

PValue hypergeom_upper_tail(std::int64_t k, std::int64_t N, std::int64_t K, std::int64_t n) {
    return Hypergeom(N).upper_tail(k, K, n);
}

double odds_ratio(std::int64_t k, std::int64_t N, std::int64_t K, std::int64_t n) {
    double a = static_cast<double>(k);
    double b = static_cast<double>(K - k);
    double c = static_cast<double>(n - k);
    double d = static_cast<double>(N - K - n + k);
    if (a == 0 || b == 0 || c == 0 || d == 0) {
        a += 0.5;
        b += 0.5;
        c += 0.5;
        d += 0.5;
    }
    return a * d / (b * c);
}

void benjamini_hochberg_sorted(std::vector<double>& p, std::size_t tested) {
    // The untested-here hypotheses (p = 1) rank last and adjust to 1, so the running minimum starts at 1.
    // Tied p-values get the same value in any order: the minimum runs over the last of them.
    double running = 1.0;
    const double m = static_cast<double>(tested);
    for (std::size_t r = p.size(); r-- > 0;) {
        running = std::min(running, p[r] * m / static_cast<double>(r + 1));
        p[r] = running;
    }
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p, std::size_t tested) {
    std::vector<std::size_t> order(p.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    std::vector<double> sorted(p.size());
    for (std::size_t r = 0; r < order.size(); ++r) sorted[r] = p[order[r]];
    benjamini_hochberg_sorted(sorted, tested);
    std::vector<double> q(p.size());
    for (std::size_t r = 0; r < order.size(); ++r) q[order[r]] = sorted[r];
    return q;
}

}  // namespace capsearch::search
