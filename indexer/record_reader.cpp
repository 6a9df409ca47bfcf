// Reads PFOCR record files: front matter -> libyaml tree -> Record, every failure an InputError with
// the file and, where known, the line.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "indexer/record_fields.hpp"
#include "indexer/record_front_matter.hpp"
#include "indexer/yaml_tree.hpp"

namespace capsearch {

Record parse_record(const std::string& text, const std::string& path) {
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
    auto close = [](std::FILE* f) { std::fclose(f); };
    std::unique_ptr<std::FILE, decltype(close)> file(std::fopen(path.c_str(), "rb"), close);
    if (!file) throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
    std::string text;
    char buf[1 << 16];
    for (;;) {
        std::size_t n = std::fread(buf, 1, sizeof buf, file.get());
        text.append(buf, n);
        if (n < sizeof buf) break;
    }
    if (std::ferror(file.get()))
        throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
    Record r = parse_record(text, path);
    r.source_path = path;
    return r;
}

}  // namespace capsearch
