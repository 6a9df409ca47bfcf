// yaml-cpp's event parser (YAML::Parser + EventHandler) -> yaml::Node tree (see yaml_tree.hpp), with
// limits that keep hostile input (deep nesting, alias bombs) from exhausting the stack or memory.
#include "indexer/yaml_tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>
#include <unordered_map>
#include <utility>
#include <vector>

#include "capsearch/error.hpp"
#include "indexer/record_front_matter.hpp"

namespace capsearch::index::yaml {
namespace {

// Far beyond any record (they nest 3 deep), and below the depth where yaml-cpp's own recursion guard
// stops its parser (about 500 levels, with the bare message "bad file"), so this message comes first.
constexpr int kMaxDepth = 256;
// Aliases are copied, so "a: &a [*b, *b, ...]" chains could grow exponentially; no record comes close.
constexpr std::size_t kMaxNodes = std::size_t{1} << 18;

// yaml-cpp reads from a stream: this one reads the caller's text in place instead of copying it.
class TextBuf : public std::streambuf {
  public:
    explicit TextBuf(std::string_view text) {
        char* begin = const_cast<char*>(text.data());  // Only read: a get area never writes.
        setg(begin, begin, begin + text.size());
    }
};

}  // namespace

class TreeBuilder : public YAML::EventHandler {
  public:
    TreeBuilder(std::string_view text, const std::string& path, int first_line)
        : text_(text), path_(path), first_line_(first_line) {}

    Node document() {
        TextBuf buf(text_);
        std::istream in(&buf);
        try {
            YAML::Parser parser(in);
            // Later documents are never parsed: YAML::Load read only the first one too.
            if (!parser.HandleNextDocument(*this)) return Node();
        } catch (const YAML::DeepRecursion& e) {  // Not reached while kMaxDepth is below its guard.
            fail(e.mark.line, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
        } catch (const YAML::Exception& e) {
            // A null mark (no position known) is put at the end of the text, where the parser stopped.
            const int line = e.mark.is_null() ? line_of_offset(text_, text_.size()) - 1 : e.mark.line;
            fail(line, e.msg);
        }
        return std::move(root_);
    }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        add(start(mark, Kind::null), anchor, 1);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        (void)start(mark, Kind::null);
        auto it = anchors_.find(anchor);
        // yaml-cpp rejects unknown anchors itself; an alias to a node still open (its own child) lands here.
        if (it == anchors_.end()) fail(mark.line, "an alias refers to a node that is not complete");
        nodes_ += it->second.second;
        if (nodes_ > kMaxNodes) fail(mark.line, "more than " + std::to_string(kMaxNodes) + " nodes");
        add(Node(it->second.first), YAML::NullAnchor, 0);  // A copy, with the anchored node's line.
    }

    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& value) override {
        Node n = start(mark, Kind::scalar);
        n.scalar_ = value;
        add(std::move(n), anchor, 1);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open_.push_back({start(mark, Kind::sequence), anchor, nodes_});
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open_.push_back({start(mark, Kind::mapping), anchor, nodes_});
    }
    void OnMapEnd() override { close(); }

  private:
    struct Open {
        Node node;
        YAML::anchor_t anchor;
        std::size_t nodes_before;  // nodes_ once this node was counted.
    };

    [[noreturn]] void fail(int yaml_line, const std::string& problem) const {
        throw InputError(path_, yaml_line + first_line_, "malformed YAML: " + problem);
    }

    // A new node at the current depth, counted against the limits.
    Node start(const YAML::Mark& mark, Kind kind) {
        if (open_.size() > static_cast<std::size_t>(kMaxDepth))
            fail(mark.line, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
        if (++nodes_ > kMaxNodes) fail(mark.line, "more than " + std::to_string(kMaxNodes) + " nodes");
        Node n;
        n.kind_ = kind;
        n.line_ = mark.line;
        return n;
    }

    void close() {
        Open done = std::move(open_.back());
        open_.pop_back();
        add(std::move(done.node), done.anchor, nodes_ - done.nodes_before + 1);
    }

    // Puts a finished node (of `size` nodes) into its parent, or makes it the root; keeps anchored ones.
    void add(Node n, YAML::anchor_t anchor, std::size_t size) {
        if (anchor != YAML::NullAnchor) anchors_[anchor] = {n, size};
        if (open_.empty()) {
            root_ = std::move(n);
        } else {
            open_.back().node.children_.push_back(std::move(n));  // A mapping's keys and values alternate.
        }
    }

    std::string_view text_;
    const std::string& path_;
    int first_line_;
    Node root_;
    std::vector<Open> open_;
    std::size_t nodes_ = 0;
    std::unordered_map<YAML::anchor_t, std::pair<Node, std::size_t>> anchors_;  // Node and subtree size.
};

Node parse(std::string_view text, const std::string& path, int first_line) {
    return TreeBuilder(text, path, first_line).document();
}

}  // namespace capsearch::index::yaml
