#include "test_paths.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace test_paths {
namespace fs = std::filesystem;

const std::string& bin_dir() {
    static const std::string dir = fs::read_symlink("/proc/self/exe").parent_path().string();
    return dir;
}

namespace {

std::string configured_source_dir() {
    if (const char* env = std::getenv("LECTERN_SOURCE_DIR"); env && *env) return env;
    const fs::path cache = fs::path(bin_dir()).parent_path() / "CMakeCache.txt";
    std::ifstream in(cache);
    const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(key, 0) == 0) return line.substr(key.size());
    }
    throw std::runtime_error("tests: no " + key + " line in " + cache.string() +
                             "; run the test executables where CMake built them (<build>/bin), or set LECTERN_SOURCE_DIR");
}

}  // namespace

const std::string& source_dir() {
    static const std::string dir = configured_source_dir();
    return dir;
}

}  // namespace test_paths
