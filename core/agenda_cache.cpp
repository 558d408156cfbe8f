#include "agenda_cache.h"

#include "sha256.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lectern {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string write_atomically(const std::string& path, const std::string& content) {
    const std::string temp = path + ".partial";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) return "cannot write " + temp + "; check the disk and agenda.cache_dir";
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    return ec ? "cannot rename " + temp + ": " + ec.message() : "";
}

}  // namespace

std::string default_agenda_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/lectern";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/lectern";
    return ".lectern-cache";
}

AgendaCache::AgendaCache(const std::string& dir, const std::string& url) : dir_(dir) {
    const std::string stem = dir + "/agenda-" + sha256_hex(url).substr(0, 16);
    body_path_ = stem + ".body";
    meta_path_ = stem + ".json";
}

std::optional<CachedCopy> AgendaCache::load() const {
    auto body = read_all(body_path_);
    auto meta = read_all(meta_path_);
    if (!body || !meta) return std::nullopt;
    const auto j = nlohmann::json::parse(*meta, nullptr, false);
    if (!j.is_object() || !j.value("confirmed_at", nlohmann::json()).is_number_integer()) return std::nullopt;
    CachedCopy copy;
    copy.body = std::move(*body);
    copy.etag = j.value("etag", "");
    copy.last_modified = j.value("last_modified", "");
    copy.confirmed_at = TimePoint{seconds{j["confirmed_at"].get<long long>()}};
    return copy;
}

std::string AgendaCache::confirm(const CachedCopy& copy) const {
    nlohmann::json j{{"etag", copy.etag}, {"last_modified", copy.last_modified},
                     {"confirmed_at", copy.confirmed_at.time_since_epoch().count()}};
    return write_atomically(meta_path_, j.dump());
}

std::string AgendaCache::store(const CachedCopy& copy) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return "cannot create " + dir_ + ": " + ec.message() + "; set agenda.cache_dir to a writable folder";
    // The meta file goes last: a crash between the two leaves an old meta that load() pairs with the
    // new body, whose ETag is then wrong only in the safe direction (one full fetch).
    if (std::string problem = write_atomically(body_path_, copy.body); !problem.empty()) return problem;
    return confirm(copy);
}

}  // namespace lectern
