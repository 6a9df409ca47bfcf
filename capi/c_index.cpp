// The C API's indexing entry point: capsearch::index_paths with C options and a JSON report.
#include <string>
#include <vector>

#include "capi/c_handles.hpp"

using capsearch::capi::guarded;
using capsearch::capi::require;

extern "C" {

void capsearch_index_options_init(capsearch_index_options* options) {
    if (options == nullptr) return;
    const capsearch::IndexOptions d;
    *options = capsearch_index_options{};
    options->lexicon_path = "";
    options->rebuild = d.rebuild ? 1 : 0;
    options->delete_missing = d.delete_missing ? 1 : 0;
    options->batch_size = d.batch_size;
    options->threads = d.threads;
    options->shards = d.shards;
}

capsearch_status capsearch_index_paths(const char* db_path, const char* const* paths, size_t count,
                                       const capsearch_index_options* options, char** report_json,
                                       capsearch_error** err) {
    if (report_json != nullptr) *report_json = nullptr;
    return guarded(err, [&] {
        require(db_path, "capsearch_index_paths", "db_path");
        if (count > 0) require(paths, "capsearch_index_paths", "paths");
        std::vector<std::string> inputs;
        for (size_t i = 0; i < count; ++i) {
            require(paths[i], "capsearch_index_paths", "an entry of paths");
            inputs.emplace_back(paths[i]);
        }
        capsearch::IndexOptions opts;
        if (options != nullptr) {
            opts.lexicon_path = options->lexicon_path ? options->lexicon_path : "";
            opts.rebuild = options->rebuild != 0;
            opts.delete_missing = options->delete_missing != 0;
            opts.batch_size = options->batch_size;
            opts.threads = options->threads;
            opts.shards = options->shards;
            if (options->extension_count > 0) {
                require(options->extensions, "capsearch_index_paths", "options->extensions");
                opts.extensions.clear();
                for (size_t i = 0; i < options->extension_count; ++i) {
                    require(options->extensions[i], "capsearch_index_paths",
                            "an entry of options->extensions");
                    opts.extensions.emplace_back(options->extensions[i]);
                }
            }
        }
        capsearch::IndexReport report = capsearch::index_paths(db_path, inputs, opts);
        if (report_json != nullptr) *report_json = capsearch::capi::copy_string(report.to_json());
    });
}

}  // extern "C"
