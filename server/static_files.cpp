#include "static_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace lectern {
namespace {

// A path under a mount may only go down: no "..", no empty-name tricks with NUL.
bool stays_inside(const std::string& sub) {
    if (sub.find('\0') != std::string::npos || sub.find('\\') != std::string::npos) return false;
    size_t start = 0;
    while (start <= sub.size()) {
        size_t end = sub.find('/', start);
        if (end == std::string::npos) end = sub.size();
        if (sub.compare(start, end - start, "..") == 0) return false;
        start = end + 1;
    }
    return true;
}

bool regular_file(const std::filesystem::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

std::optional<std::filesystem::path> find_static_file(const std::vector<FileMount>& mounts, const std::string& path) {
    if (path.empty() || path.front() != '/' || !stays_inside(path)) return std::nullopt;
    for (const FileMount& m : mounts) {
        std::string sub;
        if (m.prefix == "/") sub = path;
        else if (path.compare(0, m.prefix.size(), m.prefix) == 0 && (path.size() == m.prefix.size() || path[m.prefix.size()] == '/'))
            sub = path.substr(m.prefix.size());
        else continue;
        if (sub.empty() || sub.back() == '/') sub += "index.html";
        auto file = m.dir / sub.substr(1);
        if (regular_file(file)) return file;
    }
    return std::nullopt;
}

std::string content_type_for(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"}, {".csv", "text/csv; charset=utf-8"},
        {".vtt", "text/vtt; charset=utf-8"},   {".xml", "application/xml"},
        {".svg", "image/svg+xml"},             {".png", "image/png"},
        {".jpg", "image/jpeg"},                {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},                 {".webp", "image/webp"},
        {".ico", "image/vnd.microsoft.icon"},  {".woff", "font/woff"},
        {".woff2", "font/woff2"},              {".ttf", "font/ttf"},
        {".otf", "font/otf"},                  {".mp4", "video/mp4"},
        {".webm", "video/webm"},               {".pdf", "application/pdf"},
        {".wasm", "application/wasm"},         {".map", "application/json"},
    };
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace lectern
