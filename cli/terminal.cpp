// Terminal detection, width and colour decisions for the `capsearch` program.
#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "capsearch/error.hpp"

namespace capsearch::cli {

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

int terminal_width(int fd) {
    struct winsize ws {};
    if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* cols = std::getenv("COLUMNS")) {
        int n = std::atoi(cols);
        if (n > 0) return n;
    }
    return 80;
}

std::size_t output_width() {
    if (const char* cols = std::getenv("COLUMNS")) {
        const int n = std::atoi(cols);
        if (n > 0) return static_cast<std::size_t>(n);
    }
    return is_terminal(STDOUT_FILENO) ? static_cast<std::size_t>(terminal_width(STDOUT_FILENO)) : 0;
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    if (mode == "auto") {
        const char* no_color = std::getenv("NO_COLOR");
        return (no_color == nullptr || *no_color == '\0') && is_terminal(STDOUT_FILENO);
    }
    throw Error(ErrorCode::invalid_argument, "--color must be auto, always or never, not '" + mode + "'");
}

Style::Style(bool color) {
    if (!color) return;
    bold = "\033[1m";
    match = "\033[1;31m";
    figid = "\033[35m";
    dim = "\033[2m";
    reset = "\033[0m";
}

std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++width;
    }
    return width;
}

std::string printable(std::string text) {
    for (char& c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) c = ' ';
    }
    return text;
}

}  // namespace capsearch::cli
