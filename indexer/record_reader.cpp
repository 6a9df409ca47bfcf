// Reads PFOCR record files: front matter -> yaml-cpp -> Record, every failure an InputError with
// the file and, where known, the line.
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"
#include "indexer/record_fields.hpp"
#include "indexer/record_front_matter.hpp"

namespace capsearch {

Record parse_record(const std::string& text, const std::string& path) {
    const index::FrontMatter front = index::find_front_matter(text, path);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(front.yaml));
    } catch (const YAML::Exception& e) {
        int line = e.mark.is_null() || e.mark.line < 0 ? 0 : e.mark.line + front.first_line;
        throw InputError(path, line, "malformed YAML: " + e.msg);
    }
    if (root.IsNull()) throw InputError(path, front.first_line, "front matter is empty");
    if (!root.IsMap()) {
        throw InputError(path, front.first_line,
                         std::string("front matter is not a mapping of fields (it is a ") +
                             (root.IsSequence() ? "list" : "single value") + ")");
    }
    try {
        return index::record_from_yaml(root, path, front.first_line);
    } catch (const YAML::Exception& e) {  // Not expected: record_from_yaml checks node types first.
        throw InputError(path, 0, "unreadable front matter: " + e.msg);
    }
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
