#include "searcher/match_walk.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace capsearch::search {

// Every node keeps its current match in `at`: 0 before the first call and after the last match.
// next() moves past the current match (to the first at the first call); skip_to(d) moves to the first
// match >= d and never backwards. Both return the new `at`.
struct MatchWalk::Node {
    virtual ~Node() = default;
    virtual Xapian::docid next() = 0;
    virtual Xapian::docid skip_to(Xapian::docid did) = 0;

    Xapian::doccount estimate = 0;  ///< At least the matches: an AND walks its rarest operand first.
    Xapian::docid at = 0;
    bool started = false;
    bool ended = false;

  protected:
    Xapian::docid end() {
        ended = true;
        return at = 0;
    }
    /// skip_to's shortcut: true when the node already stands at or past `did` (or has ended).
    bool at_or_past(Xapian::docid did) const { return ended || (started && at >= did); }
};

namespace {

using Xapian::docid;
using NodePtr = std::unique_ptr<MatchWalk::Node>;

// A term's posting list ("" is Xapian's list of every document).
struct Term final : MatchWalk::Node {
    Xapian::PostingIterator it;
    Xapian::PostingIterator stop;

    Term(const Xapian::Database& db, const std::string& term)
        : it(db.postlist_begin(term)), stop(db.postlist_end(term)) {
        estimate = term.empty() ? db.get_doccount() : db.get_termfreq(term);
    }
    docid settle() { return it == stop ? end() : (at = *it); }
    docid next() override {
        if (ended) return 0;
        if (started) ++it;  // a fresh iterator already stands on the first posting
        started = true;
        return settle();
    }
    docid skip_to(docid did) override {
        if (at_or_past(did)) return at;
        started = true;
        it.skip_to(did);
        return settle();
    }
};

struct Nothing final : MatchWalk::Node {
    docid next() override { return end(); }
    docid skip_to(docid) override { return end(); }
};

// Documents every operand matches; operands in ascending estimate, so the rarest leads.
struct And final : MatchWalk::Node {
    std::vector<NodePtr> kids;

    explicit And(std::vector<NodePtr> operands) : kids(std::move(operands)) {
        std::stable_sort(kids.begin(), kids.end(),
                         [](const NodePtr& a, const NodePtr& b) { return a->estimate < b->estimate; });
        estimate = kids.front()->estimate;
    }
    // From a candidate of the leading operand, the first document all operands agree on.
    docid align(docid candidate) {
        while (candidate != 0) {
            bool agreed = true;
            for (std::size_t i = 1; i < kids.size(); ++i) {
                const docid other = kids[i]->skip_to(candidate);
                if (other == candidate) continue;
                agreed = false;
                candidate = other == 0 ? 0 : kids.front()->skip_to(other);
                break;
            }
            if (agreed) return at = candidate;
        }
        return end();
    }
    docid next() override {
        if (ended) return 0;
        started = true;
        return align(kids.front()->next());
    }
    docid skip_to(docid did) override {
        if (at_or_past(did)) return at;
        started = true;
        return align(kids.front()->skip_to(did));
    }
};

// Documents any operand matches (OR, SYNONYM and MAX match alike; they differ only in weights).
struct Or final : MatchWalk::Node {
    std::vector<NodePtr> kids;

    Or(std::vector<NodePtr> operands, Xapian::doccount documents) : kids(std::move(operands)) {
        for (const NodePtr& k : kids)
            estimate = std::min<Xapian::doccount>(documents, estimate + k->estimate);
    }
    docid settle() {
        docid least = 0;
        for (const NodePtr& k : kids) {
            if (k->at != 0 && (least == 0 || k->at < least)) least = k->at;
        }
        return least == 0 ? end() : (at = least);
    }
    docid next() override {
        if (ended) return 0;
        for (const NodePtr& k : kids) {
            if (!started || k->at == at) k->next();
        }
        started = true;
        return settle();
    }
    docid skip_to(docid did) override {
        if (at_or_past(did)) return at;
        started = true;
        for (const NodePtr& k : kids) k->skip_to(did);
        return settle();
    }
};

// Documents the first operand matches and the second does not.
struct AndNot final : MatchWalk::Node {
    NodePtr keep;
    NodePtr drop;

    AndNot(NodePtr kept, NodePtr dropped) : keep(std::move(kept)), drop(std::move(dropped)) {
        estimate = keep->estimate;
    }
    docid check(docid candidate) {
        while (candidate != 0 && drop->skip_to(candidate) == candidate) candidate = keep->next();
        return candidate == 0 ? end() : (at = candidate);
    }
    docid next() override {
        if (ended) return 0;
        started = true;
        return check(keep->next());
    }
    docid skip_to(docid did) override {
        if (at_or_past(did)) return at;
        started = true;
        return check(keep->skip_to(did));
    }
};

NodePtr make(const Xapian::Database& db, const Xapian::Query& query, int depth);

// The operands of `query` from `first` on, or an empty list when any cannot be walked.
std::vector<NodePtr> operands(const Xapian::Database& db, const Xapian::Query& query, std::size_t first,
                              int depth) {
    std::vector<NodePtr> out;
    for (std::size_t i = first; i < query.get_num_subqueries(); ++i) {
        NodePtr node = make(db, query.get_subquery(i), depth + 1);
        if (!node) return {};
        out.push_back(std::move(node));
    }
    return out;
}

NodePtr any_of(std::vector<NodePtr> nodes, const Xapian::Database& db) {
    if (nodes.size() == 1) return std::move(nodes.front());
    return std::make_unique<Or>(std::move(nodes), db.get_doccount());
}

NodePtr make(const Xapian::Database& db, const Xapian::Query& query, int depth) {
    if (depth > MatchWalk::kMaxDepth) return nullptr;
    using Q = Xapian::Query;
    const std::size_t n = query.get_num_subqueries();
    switch (query.get_type()) {
        case Q::LEAF_TERM:
            return std::make_unique<Term>(db, *query.get_terms_begin());
        case Q::LEAF_MATCH_ALL:
            return std::make_unique<Term>(db, std::string());
        case Q::LEAF_MATCH_NOTHING:
            return std::make_unique<Nothing>();
        case Q::OP_AND:
        case Q::OP_FILTER: {  // FILTER matches as AND; its other operands only do not weigh
            std::vector<NodePtr> kids = operands(db, query, 0, depth);
            if (kids.empty()) return nullptr;
            if (kids.size() == 1) return std::move(kids.front());
            return std::make_unique<And>(std::move(kids));
        }
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_MAX: {
            std::vector<NodePtr> kids = operands(db, query, 0, depth);
            if (kids.empty()) return nullptr;
            return any_of(std::move(kids), db);
        }
        case Q::OP_AND_NOT: {
            if (n < 2) return nullptr;
            NodePtr keep = make(db, query.get_subquery(0), depth + 1);
            std::vector<NodePtr> drop = operands(db, query, 1, depth);
            if (!keep || drop.empty()) return nullptr;
            return std::make_unique<AndNot>(std::move(keep), any_of(std::move(drop), db));
        }
        case Q::OP_AND_MAYBE:     // the other operands only add weight
        case Q::OP_SCALE_WEIGHT:  // one operand, weighed differently
            if (n < 1) return nullptr;
            return make(db, query.get_subquery(0), depth + 1);
        default:  // positions, wildcards, value ranges, ELITE_SET, XOR, posting sources
            return nullptr;
    }
}

}  // namespace

std::optional<MatchWalk> MatchWalk::plan(const Xapian::Database& db, const Xapian::Query& query) {
    NodePtr root = make(db, query, 0);
    if (!root) return std::nullopt;
    return MatchWalk(std::move(root));
}

bool MatchWalk::pays_for(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_MAX:
            return true;
        default:
            return false;
    }
}

MatchWalk::MatchWalk(std::unique_ptr<Node> root) : root_(std::move(root)) {}
MatchWalk::MatchWalk(MatchWalk&&) noexcept = default;
MatchWalk& MatchWalk::operator=(MatchWalk&&) noexcept = default;
MatchWalk::~MatchWalk() = default;

Xapian::docid MatchWalk::next() { return root_->next(); }

}  // namespace capsearch::search
