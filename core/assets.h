// Where the files Lectern ships (assets/: the NO SIGNAL slate, the icon, the web page) are found at
// run time: $LECTERN_ASSETS_DIR when set, else ../share/lectern beside the running binary (the
// build tree and `cmake --install` both lay them out so).
#pragma once

#include <filesystem>
#include <string_view>

namespace lectern {

// The folder itself. Not checked for existence: callers say which file is missing and where.
std::filesystem::path assets_dir();

// assets_dir() / name, e.g. asset_path("slate-no-signal.png").
std::filesystem::path asset_path(std::string_view name);

}  // namespace lectern
