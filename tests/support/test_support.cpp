#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

namespace capsearch::test {

std::filesystem::path source_dir() { return CAPSEARCH_SOURCE_DIR; }

std::filesystem::path fixture(const std::string& rel) { return source_dir() / "tests" / "fixtures" / rel; }

std::optional<std::filesystem::path> shared_dir(const std::string& test_name) {
    std::filesystem::path p = CAPSEARCH_SHARED_DIR;
    if (const char* env = std::getenv("CAPSEARCH_SHARED_DIR")) p = env;
    if (std::filesystem::is_directory(p / "corpus" / "pfocr")) return std::filesystem::canonical(p);
    const char* req = std::getenv("CAPSEARCH_REQUIRE_SHARED");
    if (req && std::string(req) == "1") {
        FAIL("../shared is required (CAPSEARCH_REQUIRE_SHARED=1) but not found at " << p);
    }
    std::cout << "SKIPPED (no ../shared at " << p << "): " << test_name << "\n";
    WARN("skipped: needs ../shared");
    return std::nullopt;
}

TempDir::TempDir() {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (;;) {
        path_ = base / ("capsearch-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(path_)) break;
    }
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

CacheHome::CacheHome(const std::filesystem::path& folder) {
    if (const char* v = std::getenv("XDG_CACHE_HOME")) saved_ = v;
    had_ = std::getenv("XDG_CACHE_HOME") != nullptr;
    ::setenv("XDG_CACHE_HOME", folder.c_str(), 1);
}

CacheHome::~CacheHome() {
    if (had_)
        ::setenv("XDG_CACHE_HOME", saved_.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
}

}  // namespace capsearch::test
