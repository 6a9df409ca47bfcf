// Checks capsearch's enrichment statistics against the scipy oracle written by hypergeom_cases.py:
// every p-value within 1e-9 relative error (in log space where scipy's sf underflows), every
// Benjamini-Hochberg value within 1e-12. Prints the worst errors; exit 1 when a bound is broken.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "searcher/enrich_stats.hpp"

namespace {

std::vector<double> numbers(const std::string& csv) {
    std::vector<double> out;
    std::stringstream in(csv);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::strtod(item.c_str(), nullptr));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hypergeom_check CASES\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << argv[1] << ": cannot open\n";
        return 2;
    }
    constexpr double kMaxRel = 1e-9;
    double worst = 0, worst_tiny = 0, worst_bh = 0;
    std::size_t cases = 0, tiny = 0, bh_cases = 0, bad = 0;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        std::istringstream f(line);
        std::string kind;
        f >> kind;
        if (kind == "hg") {
            std::int64_t k, N, K, n;
            std::string sf_text, logsf_text;
            f >> k >> N >> K >> n >> sf_text >> logsf_text;
            // strtod, not stod: scipy writes subnormals (1e-323), which stod rejects as out of range.
            const double sf = std::strtod(sf_text.c_str(), nullptr);
            const double logsf = logsf_text == "-inf" ? -INFINITY : std::strtod(logsf_text.c_str(), nullptr);
            const capsearch::search::PValue ours = capsearch::search::hypergeom_upper_tail(k, N, K, n);
            double err;
            if (std::isinf(logsf)) {
                err = ours.p == 0 ? 0 : 1;
            } else if (sf >= 1e-300) {
                err = std::fabs(ours.p - sf) / sf;
                worst = std::max(worst, err);
            } else {
                // Relative error of p is the absolute error of ln p.
                err = std::fabs(ours.log10_p * std::log(10.0) - logsf);
                worst_tiny = std::max(worst_tiny, err);
                ++tiny;
            }
            ++cases;
            if (!(err <= kMaxRel)) {
                if (++bad <= 10)
                    std::cerr << "line " << line_no << ": k=" << k << " N=" << N << " K=" << K << " n=" << n
                              << " scipy " << sf_text << " (log " << logsf_text << "), capsearch " << ours.p
                              << " (log10 " << ours.log10_p << "), relative error " << err << "\n";
            }
        } else if (kind == "bh") {
            std::size_t m;
            std::string p_text, q_text;
            f >> m >> p_text >> q_text;
            const std::vector<double> q = capsearch::search::benjamini_hochberg(numbers(p_text), m);
            const std::vector<double> want = numbers(q_text);
            for (std::size_t i = 0; i < want.size(); ++i) {
                const double err = std::fabs(q[i] - want[i]) / std::max(want[i], 1e-300);
                worst_bh = std::max(worst_bh, err);
                if (!(err <= 1e-12) && ++bad <= 10)
                    std::cerr << "line " << line_no << ": BH value " << i << " is " << q[i] << ", direct "
                              << want[i] << "\n";
            }
            ++bh_cases;
        }
    }
    std::printf("%zu hypergeometric cases (%zu below 1e-300): max relative error %.3g (p >= 1e-300), %.3g "
                "(p < 1e-300); %zu Benjamini-Hochberg cases: max relative error %.3g; %zu failures\n",
                cases, tiny, worst, worst_tiny, bh_cases, worst_bh, bad);
    return bad == 0 && cases >= 10000 ? 0 : 1;
}
