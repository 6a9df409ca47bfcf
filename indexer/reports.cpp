// The machine-readable forms of the indexing and checking reports: one JSON object on one line.
#include <nlohmann/json.hpp>

#include "capsearch/index.hpp"

namespace capsearch {

std::string IndexReport::to_json() const {
    nlohmann::ordered_json skips = nlohmann::ordered_json::array();
    for (const SkippedRecord& s : skipped) {
        skips.push_back(nlohmann::ordered_json{{"file", s.file}, {"line", s.line}, {"reason", s.reason}});
    }
    nlohmann::ordered_json j;
    j["added"] = added;
    j["updated"] = updated;
    j["deleted"] = deleted;
    j["unchanged"] = unchanged;
    j["skipped"] = std::move(skips);
    j["files_found"] = files_found;
    j["seconds"] = seconds;
    j["rebuilt"] = rebuilt;
    j["documents"] = documents;
    j["lexicon_changed"] = lexicon_changed;
    j["lexicon_id"] = lexicon_id;
    j["lexicon_source"] = lexicon_source;
    // Replace, not throw, on invalid UTF-8: a file name is whatever bytes the file system holds.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CheckReport::to_json() const {
    nlohmann::ordered_json j;
    j["ok"] = ok;
    j["documents"] = documents;
    j["problems"] = problems;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace capsearch
