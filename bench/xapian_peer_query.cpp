// The Xapian peer's query side: times the benchmark's query mix against the database scriptindex built
// with bench/pfocr.script, through the plain Xapian API (QueryParser, BM25, ValueCountMatchSpy facets).
//
// Usage: xapian_peer_query --db DIR --mix TSV [--rounds R] [--warmup W] [--samples CSV]
// Each request does what capsearch's search does for it: parse, match with an exact total
// (checkatleast = all documents), count the year and organism facets when asked, and read the top ten
// documents' stored fields and a caption snippet.
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "query_timing.hpp"

namespace {

// The stored fields scriptindex's `field` action writes: "name=value" lines.
std::string stored_field(const std::string& data, const std::string& name) {
    const std::string key = name + "=";
    std::size_t pos = data.rfind(key, 0) == 0 ? 0 : data.find("\n" + key);
    if (pos == std::string::npos) return {};
    if (pos != 0) ++pos;
    pos += key.size();
    return data.substr(pos, data.find('\n', pos) - pos);
}

class Peer {
  public:
    explicit Peer(const std::string& path) : db_(path), stem_("english") {
        qp_.set_database(db_);
        qp_.set_stemmer(stem_);
        qp_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp_.set_default_op(Xapian::Query::OP_AND);
        qp_.add_prefix("title", "S");
        qp_.add_prefix("caption", "XC");
        qp_.add_prefix("paper", "XP");
        qp_.add_prefix("keyword", "K");
        qp_.add_prefix("gene", "XG");
        qp_.add_prefix("organism", "XN");
        qp_.add_boolean_prefix("year", "Y");
        qp_.add_boolean_prefix("figid", "Q");
        qp_.add_boolean_prefix("pmcid", "XM");
    }

    std::size_t search(const std::string& text, const bench::Variant& v) {
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                               Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE;
        Xapian::Query query = qp_.parse_query(text, flags);
        if (v.filters) {
            Xapian::Query years(Xapian::Query::OP_VALUE_RANGE, 0,
                                Xapian::sortable_serialise(bench::kYearFrom),
                                Xapian::sortable_serialise(bench::kYearTo));
            Xapian::Query organism("XOhomo sapiens");
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_AND, years, organism));
        }
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        Xapian::ValueCountMatchSpy year_spy(1), organism_spy(2);
        if (v.facets) {
            enquire.add_matchspy(&year_spy);
            enquire.add_matchspy(&organism_spy);
        }
        Xapian::MSet mset = enquire.get_mset(0, 10, db_.get_doccount());
        if (v.facets) {
            std::map<std::string, Xapian::doccount> years, organisms;
            for (auto it = year_spy.values_begin(); it != year_spy.values_end(); ++it) {
                years[*it] = it.get_termfreq();
            }
            // Combined values ("A|B") are split and summed, as capsearch does with its own separator.
            for (auto it = organism_spy.values_begin(); it != organism_spy.values_end(); ++it) {
                const std::string combined = *it;
                std::size_t start = 0;
                while (start <= combined.size()) {
                    const std::size_t bar = std::min(combined.find('|', start), combined.size());
                    organisms[combined.substr(start, bar - start)] += it.get_termfreq();
                    start = bar + 1;
                }
            }
            sink_ += years.size() + organisms.size();
        }
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const std::string data = it.get_document().get_data();
            const std::string snippet = mset.snippet(stored_field(data, "caption"), 240, stem_);
            sink_ += stored_field(data, "title").size() + snippet.size();
        }
        return mset.get_matches_estimated();  // exact: checkatleast covers every document
    }

    std::size_t sink() const { return sink_; }

  private:
    Xapian::Database db_;
    Xapian::Stem stem_;
    Xapian::QueryParser qp_;
    std::size_t sink_ = 0;  // keeps the work above from being optimised away
};

}  // namespace

int main(int argc, char** argv) {
    try {
        const bench::Args args = bench::parse_args(argc, argv, "xapian_peer_query");
        Peer peer(args.db);
        bench::run_mix("xapian-scriptindex", bench::read_mix(args.mix), "xapian", args.rounds, args.warmup,
                       args.samples,
                       [&](const std::string& q, const bench::Variant& v) { return peer.search(q, v); });
        std::fprintf(stderr, "xapian_peer_query: done (%zu)\n", peer.sink());
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_peer_query: " << e.get_description() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "xapian_peer_query: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
