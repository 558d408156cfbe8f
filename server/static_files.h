// The files a web folder serves: which file a GET path names under the folders mounted at a path
// prefix (never one outside them), and the Content-Type of each kind of file Lectern ships.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct FileMount {
    std::string prefix;          // "/" or "/icons" (no trailing slash but for "/")
    std::filesystem::path dir;
};

// The regular file that `path` (decoded, e.g. "/icons/lectern.png"; "/" means "/index.html") names
// in the first mount that has it; nullopt when none has it or the path has a ".." or NUL in it.
std::optional<std::filesystem::path> find_static_file(const std::vector<FileMount>& mounts, const std::string& path);

// "text/css; charset=utf-8" for lectern.css; "application/octet-stream" for kinds not listed.
std::string content_type_for(const std::filesystem::path& file);

}  // namespace lectern
