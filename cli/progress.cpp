// Progress bar drawing for `capsearch index` (see progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "terminal.hpp"

namespace capsearch::cli {

namespace {

std::string duration(double seconds) {
    auto s = static_cast<long long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) {
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    }
    return buf;
}

}  // namespace

std::string progress_line(const IndexProgress& p, int width) {
    char counts[96];
    double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0.0;
    std::string eta = "--:--";
    if (rate > 0 && p.total >= p.done) eta = duration(static_cast<double>(p.total - p.done) / rate);
    std::snprintf(counts, sizeof counts, "  %zu/%zu records  %.0f/s  ETA %s", p.done, p.total, rate,
                  eta.c_str());
    int bar_width = std::clamp(width - static_cast<int>(display_width(counts)) - 3, 0, 40);
    std::string line = "[";
    auto filled = p.total > 0 ? static_cast<int>(static_cast<double>(bar_width) *
                                                 static_cast<double>(p.done) / static_cast<double>(p.total))
                              : 0;
    filled = std::clamp(filled, 0, bar_width);
    for (int i = 0; i < bar_width; ++i) line += i < filled ? "█" : "·";
    return line + "]" + counts;
}

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled) {}

ProgressBar::~ProgressBar() {
    std::lock_guard lock(mutex_);
    if (drawn_) clear_locked();
}

void ProgressBar::update(const IndexProgress& progress) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    last_ = progress;
    auto now = std::chrono::steady_clock::now();
    bool complete = progress.total > 0 && progress.done >= progress.total;
    if (!complete && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw_locked();
}

void ProgressBar::message(const std::string& line) {
    std::lock_guard lock(mutex_);
    if (drawn_) clear_locked();
    std::cerr << line << "\n";
    if (drawn_) draw_locked();
    std::cerr.flush();
}

void ProgressBar::finish() {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    if (!drawn_) return;
    draw_locked();
    std::cerr << "\n";
    std::cerr.flush();
    drawn_ = false;
}

void ProgressBar::draw_locked() {
    std::cerr << "\r\033[K" << progress_line(last_, terminal_width(STDERR_FILENO) - 1);
    std::cerr.flush();
    drawn_ = true;
}

void ProgressBar::clear_locked() {
    std::cerr << "\r\033[K";
    std::cerr.flush();
}

}  // namespace capsearch::cli
