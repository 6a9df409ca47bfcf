// A small YAML node tree built from yaml-cpp's event parser, for record front matter: cheaper than
// YAML::Load's node graph, and it bounds the depth and node count that hostile input can reach.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace capsearch::index::yaml {

enum class Kind { null, scalar, sequence, mapping };

/// One node. Scalars keep their text as written (numbers and booleans too); a mapping keeps every
/// key/value pair in document order, duplicate keys included, so callers can reject them.
class Node {
  public:
    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::null; }
    bool is_scalar() const { return kind_ == Kind::scalar; }
    bool is_sequence() const { return kind_ == Kind::sequence; }
    bool is_mapping() const { return kind_ == Kind::mapping; }

    /// The text of a scalar ("" for other kinds).
    const std::string& scalar() const { return scalar_; }
    /// 0-based line in the YAML text where the node starts (its anchor or tag, if any).
    int line() const { return line_; }

    /// The items of a sequence (empty for other kinds).
    std::span<const Node> items() const {
        return kind_ == Kind::sequence ? std::span<const Node>(children_) : std::span<const Node>();
    }

    struct Entry {
        const Node& key;
        const Node& value;
    };
    /// Iterates a mapping's entries (nothing for other kinds).
    class Entries {
      public:
        class iterator {
          public:
            explicit iterator(const Node* at) : at_(at) {}
            Entry operator*() const { return {at_[0], at_[1]}; }
            iterator& operator++() {
                at_ += 2;
                return *this;
            }
            bool operator==(const iterator&) const = default;

          private:
            const Node* at_;
        };
        explicit Entries(std::span<const Node> flat) : flat_(flat) {}
        iterator begin() const { return iterator(flat_.data()); }
        iterator end() const { return iterator(flat_.data() + flat_.size()); }

      private:
        std::span<const Node> flat_;
    };
    Entries entries() const {
        return Entries(kind_ == Kind::mapping ? std::span<const Node>(children_) : std::span<const Node>());
    }

  private:
    friend class TreeBuilder;
    Kind kind_ = Kind::null;
    int line_ = 0;
    std::string scalar_;
    std::vector<Node> children_;  // Sequence items, or a mapping's keys and values alternating.
};

/// Parses the first document of `text` (later documents are ignored, as yaml-cpp's YAML::Load did).
/// An empty document is a null node. Plain `~`, `null`, `Null`, `NULL` and empty plain scalars are
/// null; quoted ones are strings. Aliases are copies of the anchored node.
/// Throws InputError(path, line, "malformed YAML: ...") with `first_line` added to the YAML line.
Node parse(std::string_view text, const std::string& path, int first_line);

}  // namespace capsearch::index::yaml
