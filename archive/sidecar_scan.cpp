#include "sidecar_scan.h"

#include "sidecar.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

namespace fs = std::filesystem;

namespace lectern {
namespace {

bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

bool ends_with(const std::string& s, const std::string& end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

bool skipped_name(const std::string& name) {
    return has(name, ".recording.") || has(name, ".crashed.") || ends_with(name, ".part") ||
           ends_with(name, ".tmp") || name.empty() || name[0] == '.';
}

int64_t mtime_and_size(const fs::path& p) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    if (ec) return 0;
    auto time = fs::last_write_time(p, ec).time_since_epoch().count();
    // Unsigned: a nanosecond mtime times 31 overflows int64 (undefined behaviour; found by tests/fuzz).
    return static_cast<int64_t>(static_cast<uint64_t>(time) * 31 + static_cast<uint64_t>(size));
}

int64_t stamp_of(const fs::path& sidecar) {
    fs::path media = sidecar;
    return static_cast<int64_t>(static_cast<uint64_t>(mtime_and_size(sidecar)) * 17 +
                                static_cast<uint64_t>(mtime_and_size(media.replace_extension(".mp4"))));
}

int64_t file_size_or_missing(const fs::path& p) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    return ec ? -1 : static_cast<int64_t>(size);
}

// The fields the upload part's Sidecar does not carry (codecs, zone, note).
void read_details(const std::string& raw, Recording& r) {
    auto j = nlohmann::json::parse(raw);
    auto text = [&](const nlohmann::json& o, const char* key) {
        auto it = o.find(key);
        return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto number = [&](const nlohmann::json& o, const char* key) {
        auto it = o.find(key);
        return it != o.end() && it->is_number() ? it->get<double>() : 0.0;
    };
    // Picture sizes, sample rates and channel counts: a value no recording can have (a damaged or
    // hand-edited sidecar) is unknown, never wrapped into an int.
    auto count = [&](const nlohmann::json& o, const char* key) {
        const double v = number(o, key);
        return v >= 0 && v <= 1e7 ? static_cast<int>(v) : 0;
    };
    r.note = text(j, "note");
    r.time_zone = text(j, "time_zone");
    if (auto v = j.find("video"); v != j.end() && v->is_object()) {
        r.video_codec = text(*v, "codec");
        r.width = count(*v, "width");
        r.height = count(*v, "height");
        r.fps = number(*v, "fps");
    }
    if (auto a = j.find("audio"); a != j.end() && a->is_object()) {
        r.audio_codec = text(*a, "codec");
        r.sample_rate = count(*a, "sample_rate");
        r.channels = count(*a, "channels");
    }
    if (r.file.empty()) r.file = text(j, "file");
}

// A JSON file is a recording's sidecar when it says so, or when a media file shares its stem.
bool looks_like_sidecar(const fs::path& json_path) {
    fs::path stem = json_path;
    stem.replace_extension(".mp4");
    if (fs::exists(stem)) return true;
    std::ifstream in(json_path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.find("\"lectern.recording/") != std::string::npos;
}

}  // namespace

bool is_media_name(const std::string& name) {
    return ends_with(name, ".mp4") || ends_with(name, ".mkv") || ends_with(name, ".mov");
}

Recording orphan_recording(const std::string& media_path) {
    Recording r;
    r.media_path = fs::absolute(media_path).lexically_normal().string();
    r.file = fs::path(media_path).filename().string();
    r.title = fs::path(media_path).stem().string();
    r.file_bytes = file_size_or_missing(media_path);
    r.stamp = mtime_and_size(media_path);
    r.problem = "no sidecar: the title, speakers and checksum are unknown (expected " +
                fs::path(media_path).replace_extension(".json").string() + ")";
    return r;
}

Recording read_recording(const std::string& sidecar_path) {
    Recording r;
    fs::path sidecar = fs::absolute(sidecar_path).lexically_normal();
    r.sidecar_path = sidecar.string();
    r.stamp = stamp_of(sidecar);
    fs::path media = sidecar;
    media.replace_extension(".mp4");
    try {
        Sidecar s = read_sidecar(r.sidecar_path);
        r.event = s.event, r.room = s.room, r.item_id = s.item_id, r.title = s.title;
        for (const auto& sp : s.speakers) r.speakers.push_back({sp.name, sp.native_name, sp.affiliation});
        r.scheduled_start = s.scheduled_start, r.scheduled_end = s.scheduled_end;
        r.actual_start = s.actual_start, r.actual_end = s.actual_end;
        r.duration_s = s.duration_s, r.size_bytes = s.size_bytes, r.sha256 = s.sha256;
        r.recovered = s.recovered, r.kiosk_id = s.kiosk_id;
        read_details(s.raw_json, r);
        // The sidecar's "file" is the recorder's name; a folder target renames both files alike.
        if (!fs::exists(media) && !r.file.empty() && r.file.find('/') == std::string::npos &&
            r.file.find("..") == std::string::npos)
            media = sidecar.parent_path() / r.file;
    } catch (const std::exception& e) {
        r.problem = std::string("sidecar unreadable: ") + e.what();
    }
    r.media_path = media.string();
    r.file = media.filename().string();
    if (r.title.empty()) r.title = media.stem().string();
    r.date = r.start().size() >= 10 ? r.start().substr(0, 10) : "";
    r.file_bytes = file_size_or_missing(media);
    if (!r.problem.empty()) return r;
    if (r.file_bytes < 0)
        r.problem = "media file missing: " + r.media_path + " (restore it from an upload target or delete the sidecar)";
    else if (r.size_bytes >= 0 && r.size_bytes != r.file_bytes)
        r.problem = "size differs from the sidecar (" + std::to_string(r.file_bytes) + " bytes on disk, " +
                    std::to_string(r.size_bytes) + " in the sidecar): the file was changed or cut short";
    else if (r.sha256.empty())
        r.problem = "sidecar has no sha256: the file cannot be verified";
    return r;
}

ScanResult scan_recordings(const std::string& dir, const KnownSources& known) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw std::runtime_error("cannot read recordings folder " + dir + ": check that it exists and is mounted");
    std::vector<fs::path> sidecars;
    std::set<std::string> media;
    auto options = fs::directory_options::skip_permission_denied;
    for (auto it = fs::recursive_directory_iterator(dir, options, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (skipped_name(name)) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (ends_with(name, ".json")) sidecars.push_back(fs::absolute(it->path()).lexically_normal());
        else if (is_media_name(name)) media.insert(fs::absolute(it->path()).lexically_normal().string());
    }
    if (ec) throw std::runtime_error("cannot read recordings folder " + dir + ": " + ec.message());
    std::sort(sidecars.begin(), sidecars.end());
    ScanResult out;
    for (const auto& s : sidecars) {
        const std::string path = s.string();
        if (auto k = known.find(path); k != known.end() && k->second.first == stamp_of(s)) {
            media.erase(k->second.second);
            out.seen.push_back(path);
            continue;
        }
        if (!looks_like_sidecar(s)) continue;
        Recording r = read_recording(path);
        media.erase(r.media_path);
        out.seen.push_back(path);
        out.changed.push_back(std::move(r));
    }
    for (const auto& m : media) {
        out.seen.push_back(m);
        if (auto k = known.find(m); k != known.end() && k->second.first == mtime_and_size(m)) continue;
        out.changed.push_back(orphan_recording(m));
    }
    return out;
}

}  // namespace lectern
