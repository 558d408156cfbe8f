#include "assets.h"

#include <cstdlib>
#include <system_error>

namespace lectern {

std::filesystem::path assets_dir() {
    if (const char* dir = std::getenv("LECTERN_ASSETS_DIR"); dir && *dir) return dir;
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "share/lectern";
    return exe.parent_path().parent_path() / "share" / "lectern";
}

std::filesystem::path asset_path(std::string_view name) { return assets_dir() / name; }

}  // namespace lectern
