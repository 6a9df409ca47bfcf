// The query-latency harness shared by query_bench (capsearch) and xapian_peer_query (scriptindex's
// database): the query mix, its variants, warm-up, timing and the JSON summary lines that bench/run.sh
// collects. bench/fts5_pipeline.py implements the same protocol in Python.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bench {

/// One query of the mix, spelled for each engine (a row of the mix TSV written by bench/run.sh).
struct MixQuery {
    std::string id;
    std::map<std::string, std::string> spelling;  ///< column name -> query text
};

/// The variants every query runs in: facets on/off times filters on/off. The filters are the same
/// for every engine: year 2010..2020 and organism Homo sapiens.
struct Variant {
    const char* name;
    bool facets;
    bool filters;
};
inline constexpr Variant kVariants[] = {{"plain", false, false},
                                        {"facets", true, false},
                                        {"filters", false, true},
                                        {"facets+filters", true, true}};
inline constexpr int kYearFrom = 2010;
inline constexpr int kYearTo = 2020;
inline constexpr const char* kOrganism = "Homo sapiens";

inline std::vector<MixQuery> read_mix(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read the query mix");
    std::vector<std::string> header;
    std::vector<MixQuery> mix;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
        if (header.empty()) {
            header = cells;
            continue;
        }
        MixQuery q;
        for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) {
            if (header[i] == "id") q.id = cells[i];
            q.spelling[header[i]] = cells[i];
        }
        mix.push_back(std::move(q));
    }
    if (mix.empty()) throw std::runtime_error(path + ": the query mix is empty");
    return mix;
}

/// CPU time consumed by the calling thread, in microseconds.
inline double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

/// Nearest-rank percentile of sorted values (the definition fts5_pipeline.py uses too).
inline double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0.0;
    auto rank = static_cast<std::size_t>(std::ceil(static_cast<double>(sorted.size()) * p / 100.0));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

/// Runs the mix: `warmup` untimed rounds, then `rounds` timed ones, each request timed on its own.
/// `search(query_text, variant)` runs one request and returns the exact number of matches.
/// Prints one JSON line per group (all, facets, no-facets) and one per query+variant with its total.
inline void run_mix(const std::string& engine, const std::vector<MixQuery>& mix, const std::string& column,
                    int rounds, int warmup, const std::string& samples_path,
                    const std::function<std::size_t(const std::string&, const Variant&)>& search) {
    struct Request {
        const MixQuery* q;
        const Variant* v;
    };
    std::vector<Request> requests;
    for (const auto& q : mix) {
        if (!q.spelling.count(column)) throw std::runtime_error("the query mix has no column " + column);
        for (const auto& v : kVariants) requests.push_back({&q, &v});
    }
    std::map<std::pair<std::string, std::string>, std::size_t> totals;
    for (int r = 0; r < warmup; ++r) {
        for (const auto& req : requests)
            totals[{req.q->id, req.v->name}] = search(req.q->spelling.at(column), *req.v);
    }
    struct Sample {
        const Request* req;
        double us;      // wall clock
        double cpu_us;  // this thread's CPU time: less disturbed by other processes on a shared machine
    };
    std::vector<Sample> samples;
    samples.reserve(requests.size() * static_cast<std::size_t>(std::max(rounds, 0)));
    using Clock = std::chrono::steady_clock;
    const auto begin = Clock::now();
    for (int r = 0; r < rounds; ++r) {
        for (const auto& req : requests) {
            const double c = thread_cpu_us();
            const auto t = Clock::now();
            search(req.q->spelling.at(column), *req.v);
            const double us = std::chrono::duration<double, std::micro>(Clock::now() - t).count();
            samples.push_back({&req, us, thread_cpu_us() - c});
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    if (!samples_path.empty()) {
        std::ofstream out(samples_path);
        out << "query,variant,microseconds,cpu_microseconds\n";
        for (const auto& s : samples) {
            out << s.req->q->id << ',' << s.req->v->name << ',' << s.us << ',' << s.cpu_us << '\n';
        }
        if (!out) throw std::runtime_error(samples_path + ": cannot write the samples");
    }
    const std::pair<const char*, std::function<bool(const Variant&)>> groups[] = {
        {"all", [](const Variant&) { return true; }},
        {"facets", [](const Variant& v) { return v.facets; }},
        {"no-facets", [](const Variant& v) { return !v.facets; }}};
    for (const auto& [name, keep] : groups) {
        std::vector<double> lat, cpu;
        for (const auto& s : samples) {
            if (!keep(*s.req->v)) continue;
            lat.push_back(s.us / 1000.0);
            cpu.push_back(s.cpu_us / 1000.0);
        }
        std::sort(lat.begin(), lat.end());
        std::sort(cpu.begin(), cpu.end());
        std::printf(
            "{\"engine\": \"%s\", \"group\": \"%s\", \"queries\": %zu, \"p50_ms\": %.4f, \"p95_ms\": %.4f, "
            "\"p99_ms\": %.4f, \"cpu_p50_ms\": %.4f, \"cpu_p99_ms\": %.4f, \"qps\": ",
            engine.c_str(), name, lat.size(), percentile(lat, 50), percentile(lat, 95), percentile(lat, 99),
            percentile(cpu, 50), percentile(cpu, 99));
        if (std::string(name) == "all" && elapsed > 0) {
            std::printf("%.1f}\n", static_cast<double>(samples.size()) / elapsed);
        } else {
            std::printf("null}\n");
        }
    }
    for (const auto& [key, total] : totals) {
        std::printf("{\"engine\": \"%s\", \"query\": \"%s\", \"variant\": \"%s\", \"total\": %zu}\n",
                    engine.c_str(), key.first.c_str(), key.second.c_str(), total);
    }
    std::fflush(stdout);
}

/// Parses the common command line: --db PATH --mix TSV [--rounds R] [--warmup W] [--samples CSV]
/// [--facet NAME ...] (the facets a faceted request counts; none given = all; accepted only when
/// `facets_allowed`, i.e. by query_bench: the Xapian peer always counts year and organism).
struct Args {
    std::string db, mix, samples;
    int rounds = 50;
    int warmup = 3;
    std::vector<std::string> facets;
};

inline Args parse_args(int argc, char** argv, const char* program, bool facets_allowed = false) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (i + 1 >= argc) throw std::runtime_error(k + " needs a value");
        const std::string v = argv[++i];
        if (k == "--db") {
            a.db = v;
        } else if (k == "--mix") {
            a.mix = v;
        } else if (k == "--samples") {
            a.samples = v;
        } else if (k == "--rounds") {
            a.rounds = std::stoi(v);
        } else if (k == "--warmup") {
            a.warmup = std::stoi(v);
        } else if (k == "--facet" && facets_allowed) {
            a.facets.push_back(v);
        } else {
            throw std::runtime_error(std::string("usage: ") + program +
                                     " --db PATH --mix TSV [--rounds R] [--warmup W] [--samples CSV]" +
                                     (facets_allowed ? " [--facet NAME ...]" : ""));
        }
    }
    if (a.db.empty() || a.mix.empty()) throw std::runtime_error("--db and --mix are required");
    return a;
}

}  // namespace bench
