// Reads PFOCR record files: front matter -> yaml-cpp event tree -> Record, every failure an InputError with
// the file and, where known, the line.
#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "indexer/record_fields.hpp"
#include "indexer/record_file.hpp"
#include "indexer/record_front_matter.hpp"
#include "indexer/yaml_tree.hpp"

namespace capsearch {

Record parse_record(const std::string& text, const std::string& path) {
    // Analysis costs a multiple of the text's size: the cap keeps library callers' memory bounded too.
    if (text.size() > kMaxRecordBytes) throw InputError(path, 0, index::too_large_reason(text.size()));
    const index::FrontMatter front = index::find_front_matter(text, path);
    const index::yaml::Node root = index::yaml::parse(front.yaml, path, front.first_line);
    if (root.is_null()) throw InputError(path, front.first_line, "front matter is empty");
    if (!root.is_mapping()) {
        throw InputError(path, front.first_line,
                         std::string("front matter is not a mapping of fields (it is a ") +
                             (root.is_sequence() ? "list" : "single value") + ")");
    }
    return index::record_from_yaml(root, path, front.first_line);
}

Record read_record_file(const std::string& path) {
    Record r = parse_record(index::read_record_bytes(path), path);
    r.source_path = path;
    return r;
}

}  // namespace capsearch
