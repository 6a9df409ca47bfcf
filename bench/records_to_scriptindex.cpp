// Converts PFOCR record files into scriptindex's input format (name=value lines, a blank line after
// each record) for bench/pfocr.script, reading them with capsearch's own record reader so both engines
// index exactly the same field values.
//
// Usage: records_to_scriptindex [-o OUT] PATH...   (folders are walked for *.md; OUT defaults to stdout)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "capsearch/error.hpp"
#include "capsearch/record.hpp"

namespace fs = std::filesystem;

namespace {

// scriptindex continues a multi-line value on lines that start with '='.
void put(std::string& out, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    out.append(name);
    out += '=';
    for (char c : value) {
        if (c == '\r') continue;
        out += c;
        if (c == '\n') out += '=';
    }
    out += '\n';
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out.append(sep);
        out += item;
    }
    return out;
}

void append_record(std::string& out, const capsearch::Record& r) {
    put(out, "figid", r.figid);
    put(out, "title", r.title);
    put(out, "caption", r.caption);
    put(out, "papertitle", r.papertitle);
    put(out, "keywords", join(r.keywords, " ; "));
    std::vector<std::string> genes = r.genes;
    genes.insert(genes.end(), r.gene_words.begin(), r.gene_words.end());
    put(out, "genes", join(genes, " "));
    // '|' separates the organisms for the script's split action; names never contain one.
    std::vector<std::string> organisms = r.organisms;
    std::sort(organisms.begin(), organisms.end());
    put(out, "organisms", join(organisms, "|"));
    put(out, "organisms_ner", join(r.organisms_ner, " ; "));
    if (r.year) put(out, "year", std::to_string(*r.year));
    put(out, "pmcid", r.pmcid);
    put(out, "figlink", r.figlink);
    out += '\n';
}

std::vector<std::string> record_files(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& p : paths) {
        if (!fs::is_directory(p)) {
            files.push_back(p);
            continue;
        }
        for (const auto& e : fs::recursive_directory_iterator(p)) {
            if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    std::string out_path;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-o" && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "usage: records_to_scriptindex [-o OUT] PATH...\n";
            return 2;
        } else {
            paths.push_back(a);
        }
    }
    if (paths.empty()) {
        std::cerr << "usage: records_to_scriptindex [-o OUT] PATH...\n";
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    std::FILE* out = out_path.empty() ? stdout : std::fopen(out_path.c_str(), "wb");
    if (!out) {
        std::perror(out_path.c_str());
        return 2;
    }
    std::size_t converted = 0, skipped = 0;
    std::string buffer;
    try {
        for (const auto& file : record_files(paths)) {
            try {
                append_record(buffer, capsearch::read_record_file(file));
                ++converted;
            } catch (const capsearch::InputError& e) {
                std::cerr << "records_to_scriptindex: skipped " << e.what() << "\n";
                ++skipped;
            }
            if (buffer.size() > (1 << 20)) {
                std::fwrite(buffer.data(), 1, buffer.size(), out);
                buffer.clear();
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "records_to_scriptindex: " << e.what() << "\n";
        return 2;
    }
    std::fwrite(buffer.data(), 1, buffer.size(), out);
    if (std::ferror(out) || (out != stdout && std::fclose(out) != 0)) {
        std::cerr << "records_to_scriptindex: cannot write " << (out_path.empty() ? "stdout" : out_path)
                  << "\n";
        return 2;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << "records_to_scriptindex: " << converted << " records, " << skipped << " skipped, " << secs
              << " s\n";
    return skipped ? 1 : 0;
}
