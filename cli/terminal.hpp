// What the program knows about the terminal: whether a stream is one, its width, whether to use
// colour (honouring NO_COLOR and --color), and the few ANSI styles the output uses.
#pragma once

#include <string>

namespace capsearch::cli {

/// True when file descriptor `fd` is a terminal.
bool is_terminal(int fd);

/// Columns of the terminal on `fd`; $COLUMNS or 80 when unknown.
int terminal_width(int fd);

/// Columns stdout's text should fit: $COLUMNS when set (so `COLUMNS=60 capsearch ... | less` fits
/// too), else the terminal's width when stdout is one, else 0 (no limit).
std::size_t output_width();

/// Resolves --color auto|always|never for stdout: auto = stdout is a terminal and NO_COLOR is unset
/// or empty. Throws Error(invalid_argument) for other values.
bool use_color(const std::string& mode);

/// ANSI styles; every member is "" when colour is off, so callers need no branches.
struct Style {
    explicit Style(bool color);
    std::string bold, match, figid, dim, reset;
};

/// Display width of UTF-8 text in columns (one per code point; good enough for captions).
std::size_t display_width(const std::string& text);

/// `text` with control characters (newlines, tabs, ESC, ...) replaced by spaces, byte for byte, so
/// record text cannot move the cursor or inject escape sequences, and byte offsets stay valid.
std::string printable(std::string text);

}  // namespace capsearch::cli
