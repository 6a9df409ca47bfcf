// Reading and analysing one record file (see source_file.hpp).
#include "indexer/source_file.hpp"

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "indexer/document.hpp"
#include "indexer/record_file.hpp"
#include "schema/terms.hpp"

namespace capsearch::index {
namespace {

// Glass refuses longer terms (terms::kMaxTermBytes); checking first turns a whole-run failure into
// one skipped record.
using terms::kMaxTermBytes;

std::string too_long_term(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.size() > kMaxTermBytes) return term;
    }
    return "";
}

}  // namespace

Analysis analyse_file(const WalkedFile& file, const analysis::Lexicon& lexicon,
                      const std::string& known_hash) {
    Analysis out;
    try {
        const std::string bytes = read_record_bytes(file.path);
        out.hash = content_hash(bytes);
        if (!known_hash.empty() && out.hash == known_hash) {
            out.kind = Analysis::Kind::same_content;
            return out;
        }
        Record record = parse_record(bytes, file.path);
        record.source_path = file.path;
        out.document = build_document(record, lexicon, SourceInfo{out.hash, file.stamp});
        out.figid = record.figid;
        if (const std::string term = too_long_term(out.document); !term.empty()) {
            out.skip = {file.path, 0,
                        "cannot be indexed: a term is longer than Xapian's limit of 245 bytes (" +
                            term.substr(0, 40) + "...)"};
            out.document = Xapian::Document();
            return out;
        }
        out.kind = Analysis::Kind::document;
    } catch (const InputError& e) {
        out.kind = Analysis::Kind::skipped;
        out.skip = {e.file().empty() ? file.path : e.file(), e.line(), e.reason()};
    }
    return out;
}

}  // namespace capsearch::index
