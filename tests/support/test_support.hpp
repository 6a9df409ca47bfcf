// Helpers shared by the tests: where the fixtures and ../shared are, and scratch folders.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace capsearch::test {

/// The repository's root.
std::filesystem::path source_dir();
/// tests/fixtures/<rel>.
std::filesystem::path fixture(const std::string& rel);
/// ../shared when present. When absent, returns nullopt and prints a "SKIPPED (no ../shared)" line;
/// with CAPSEARCH_REQUIRE_SHARED=1 in the environment (as .ci/run sets) the test fails instead.
std::optional<std::filesystem::path> shared_dir(const std::string& test_name);

/// A fresh empty folder removed when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

  private:
    std::filesystem::path path_;
};

/// Writes `content` to `path`, creating folders.
void write_file(const std::filesystem::path& path, const std::string& content);
/// Reads a whole file.
std::string read_file(const std::filesystem::path& path);

/// Polls `condition` every millisecond until it holds (true) or `timeout` passed (false). Tests wait
/// for the state they need with a generous timeout instead of sleeping a guessed time.
bool wait_until(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::minutes(2));

/// Points XDG_CACHE_HOME (the user's cache: lexicon images, facet tables) at `folder` while alive.
class CacheHome {
  public:
    explicit CacheHome(const std::filesystem::path& folder);
    ~CacheHome();
    CacheHome(const CacheHome&) = delete;
    CacheHome& operator=(const CacheHome&) = delete;

  private:
    std::string saved_;
    bool had_ = false;
};

}  // namespace capsearch::test

/// Returns from the current test case when ../shared is absent (after saying so).
#define CAPSEARCH_REQUIRE_SHARED_OR_SKIP(var)                                  \
    auto var##_opt = ::capsearch::test::shared_dir(Catch::getResultCapture().getCurrentTestName()); \
    if (!var##_opt) return;                                                    \
    const std::filesystem::path var = *var##_opt
