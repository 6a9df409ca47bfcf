// libyaml events -> yaml::Node tree (see yaml_tree.hpp), with yaml-cpp's null rules and limits that
// keep hostile input (deep nesting, alias bombs) from exhausting the stack or memory.
#include "indexer/yaml_tree.hpp"

#include <yaml.h>

#include <cstdio>
#include <new>
#include <optional>
#include <unordered_map>
#include <utility>

#include "capsearch/error.hpp"
#include "indexer/record_front_matter.hpp"

namespace capsearch::index::yaml {
namespace {

// Far beyond any record; yaml-cpp also stops at a fixed depth rather than overflow the stack.
constexpr int kMaxDepth = 1000;
// Aliases are copied, so "a: &a [*b, *b, ...]" chains could grow exponentially; no record comes close.
constexpr std::size_t kMaxNodes = std::size_t{1} << 18;

// yaml-cpp's IsNullString, applied as it did: to plain scalars without a tag only.
bool is_null_text(std::string_view s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// yaml-cpp read C0/C1 controls, a CR without LF, U+2028/U+2029 and U+FFFE/U+FFFF as ordinary characters;
// libyaml rejects the controls and noncharacters and folds NEL/LS/PS as line breaks. So they are swapped for
// private-use stand-ins (U+F0000 + code point) before parsing and swapped back in scalars.
constexpr char32_t kStandInBase = 0xF0000;

// Length of the UTF-8 sequence at `s[i]` that libyaml would treat differently, else 0. Input is valid UTF-8.
std::size_t special_at(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    const bool lone_cr = c == '\r' && (i + 1 == s.size() || s[i + 1] != '\n');  // yaml-cpp: no line break.
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || lone_cr) {
        cp = c;
        return 1;
    }
    if (c == 0xC2 && i + 1 < s.size() && b(1) >= 0x80 && b(1) <= 0x9F) {
        cp = b(1);
        return 2;
    }
    if (i + 2 < s.size() && ((c == 0xE2 && b(1) == 0x80 && (b(2) == 0xA8 || b(2) == 0xA9)) ||
                             (c == 0xEF && b(1) == 0xBF && (b(2) == 0xBE || b(2) == 0xBF)))) {
        cp = (char32_t{c} & 0x0F) << 12 | (char32_t{b(1)} & 0x3F) << 6 | (char32_t{b(2)} & 0x3F);
        return 3;
    }
    return 0;
}

void append_utf8(std::string& out, char32_t cp) {  // Only called for U+F0000 + at most U+FFFF.
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
}

// The text with stand-ins, or nothing when it needs none (every real record) or already contains
// characters of planes 12-15 (lead byte F3), which could be confused with stand-ins.
std::optional<std::string> with_stand_ins(std::string_view text) {
    bool special = false;
    for (std::size_t i = 0; i < text.size() && !special; ++i) {
        char32_t cp;
        special = special_at(text, i, cp) != 0;
    }
    if (!special || text.find("\xF3") != std::string_view::npos) return std::nullopt;
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp;
        if (std::size_t n = special_at(text, i, cp)) {
            append_utf8(out, kStandInBase + cp);
            i += n;
        } else {
            out += text[i++];
        }
    }
    return out;
}

// Swaps stand-ins (4-byte sequences F3 B0..BF ..) back for the characters they replaced.
void restore_stand_ins(std::string& value) {
    if (value.find('\xF3') == std::string::npos) return;
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size();) {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(value[i + k]); };
        if (b(0) == 0xF3 && i + 3 < value.size() && b(1) >= 0xB0) {
            const char32_t cp = (char32_t{b(0)} & 0x07) << 18 | (char32_t{b(1)} & 0x3F) << 12 |
                                (char32_t{b(2)} & 0x3F) << 6 | (char32_t{b(3)} & 0x3F);
            const char32_t original = cp - kStandInBase;
            if (original < 0x80) {
                out += static_cast<char>(original);
            } else if (original < 0x800) {
                out += static_cast<char>(0xC0 | (original >> 6));
                out += static_cast<char>(0x80 | (original & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (original >> 12));
                out += static_cast<char>(0x80 | ((original >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (original & 0x3F));
            }
            i += 4;
        } else {
            out += value[i++];
        }
    }
    value = std::move(out);
}

std::string anchor_of(const yaml_char_t* anchor) {
    return anchor ? std::string(reinterpret_cast<const char*>(anchor)) : std::string();
}

}  // namespace

class TreeBuilder {
  public:
    TreeBuilder(std::string_view text, const std::string& path, int first_line)
        : stand_ins_(with_stand_ins(text)),
          text_(stand_ins_ ? *stand_ins_ : text),
          path_(path),
          first_line_(first_line) {
        if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
        // libyaml asserts a non-null input pointer, which an empty string_view need not have.
        const char* data = text_.data() ? text_.data() : "";
        yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(data), text_.size());
        yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
    }
    ~TreeBuilder() {
        clear_event();
        yaml_parser_delete(&parser_);
    }
    TreeBuilder(const TreeBuilder&) = delete;
    TreeBuilder& operator=(const TreeBuilder&) = delete;

    Node document() {
        next();  // Stream start.
        next();
        if (event_.type == YAML_STREAM_END_EVENT) return Node();
        next();  // Past the document start: the root node's first event.
        Node root = node(0);
        next();  // The document end, so trailing garbage after the root is an error.
        // Later documents are never parsed: YAML::Load read only the first one too.
        return root;
    }

  private:
    void clear_event() {
        if (has_event_) yaml_event_delete(&event_);
        has_event_ = false;
    }

    void next() {
        clear_event();
        if (!yaml_parser_parse(&parser_, &event_)) fail_parser();
        has_event_ = true;
    }

    [[noreturn]] void fail(int yaml_line, const std::string& problem) const {
        throw InputError(path_, yaml_line + first_line_, "malformed YAML: " + problem);
    }

    [[noreturn]] void fail_parser() const {
        if (parser_.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
        std::string problem = parser_.problem ? parser_.problem : "unknown libyaml error";
        int line = static_cast<int>(parser_.problem_mark.line);
        if (parser_.error == YAML_READER_ERROR) {
            // Reader errors (control characters) have a byte offset and the offending value, no mark.
            line = line_of_offset(text_, parser_.problem_offset) - 1;
            if (parser_.problem_value != -1) {
                char buf[16];
                std::snprintf(buf, sizeof buf, " (U+%04X)", static_cast<unsigned>(parser_.problem_value));
                problem += buf;
            }
        }
        if (parser_.context) {
            problem += std::string(" (") + parser_.context + " on line " +
                       std::to_string(static_cast<int>(parser_.context_mark.line) + first_line_) + ")";
        }
        fail(line, problem);
    }

    // Builds the node whose first event is the current one, leaving its last event current.
    Node node(int depth) {
        const int line = static_cast<int>(event_.start_mark.line);
        if (depth > kMaxDepth) fail(line, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
        if (++nodes_ > kMaxNodes) fail(line, "more than " + std::to_string(kMaxNodes) + " nodes");
        const std::size_t nodes_before = nodes_;
        Node n;
        n.line_ = line;
        std::string anchor;
        switch (event_.type) {
            case YAML_ALIAS_EVENT: {
                std::string name = anchor_of(event_.data.alias.anchor);
                auto it = anchors_.find(name);
                if (it == anchors_.end()) fail(line, "the referenced anchor '" + name + "' is not defined");
                nodes_ += it->second.second;
                if (nodes_ > kMaxNodes) fail(line, "more than " + std::to_string(kMaxNodes) + " nodes");
                return it->second
                    .first;  // A copy, with the anchored node's line (as yaml-cpp's shared node).
            }
            case YAML_SCALAR_EVENT: {
                const auto& s = event_.data.scalar;
                anchor = anchor_of(s.anchor);
                std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
                if (s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nullptr && is_null_text(value)) break;
                n.kind_ = Kind::scalar;
                n.scalar_.assign(value);
                if (stand_ins_) restore_stand_ins(n.scalar_);
                break;
            }
            case YAML_SEQUENCE_START_EVENT:
                anchor = anchor_of(event_.data.sequence_start.anchor);
                n.kind_ = Kind::sequence;
                for (next(); event_.type != YAML_SEQUENCE_END_EVENT; next())
                    n.children_.push_back(node(depth + 1));
                break;
            case YAML_MAPPING_START_EVENT:
                anchor = anchor_of(event_.data.mapping_start.anchor);
                n.kind_ = Kind::mapping;
                for (next(); event_.type != YAML_MAPPING_END_EVENT; next()) {
                    n.children_.push_back(node(depth + 1));  // Key.
                    next();
                    n.children_.push_back(node(depth + 1));  // Value.
                }
                break;
            default:  // libyaml's grammar allows no other event here.
                fail(line, "unexpected parser event");
        }
        if (!anchor.empty()) anchors_[anchor] = {n, nodes_ - nodes_before + 1};
        return n;
    }

    std::optional<std::string> stand_ins_;  // The text parsed, when it needed stand-ins.
    std::string_view text_;
    const std::string& path_;
    int first_line_;
    yaml_parser_t parser_;
    yaml_event_t event_{};
    bool has_event_ = false;
    std::size_t nodes_ = 0;
    std::unordered_map<std::string, std::pair<Node, std::size_t>> anchors_;  // Node and its subtree size.
};

Node parse(std::string_view text, const std::string& path, int first_line) {
    return TreeBuilder(text, path, first_line).document();
}

}  // namespace capsearch::index::yaml
