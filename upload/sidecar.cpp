#include "sidecar.h"

#include "sha256.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lectern {

Sidecar read_sidecar(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read sidecar " + path + ": check that the recorder wrote it");
    std::stringstream buffer;
    buffer << in.rdbuf();
    Sidecar s;
    s.raw_json = buffer.str();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(s.raw_json);
    } catch (const std::exception& e) {
        throw std::runtime_error("sidecar " + path + " is not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object()) throw std::runtime_error("sidecar " + path + " must be a JSON object");
    // A text field of `in` (the sidecar, or one of its speakers: where = "speakers[].").
    auto text = [&](const char* key, const nlohmann::json* in = nullptr, const char* where = "") -> std::string {
        const nlohmann::json& from = in ? *in : j;
        auto it = from.find(key);
        if (it == from.end() || it->is_null()) return {};
        if (!it->is_string()) throw std::runtime_error("sidecar " + path + ": " + where + "\"" + key + "\" must be a string");
        return it->get<std::string>();
    };
    s.event = text("event");
    s.room = text("room");
    s.item_id = text("item_id");
    s.title = text("title");
    s.scheduled_start = text("scheduled_start");
    s.scheduled_end = text("scheduled_end");
    s.actual_start = text("actual_start");
    s.actual_end = text("actual_end");
    s.sha256 = text("sha256");
    s.kiosk_id = text("kiosk_id");
    // A duration no recording has (over 100 days, negative) is unknown: readers turn it into ints.
    if (j.contains("duration_seconds") && j["duration_seconds"].is_number()) {
        const double d = j["duration_seconds"].get<double>();
        s.duration_s = d >= 0 && d <= 1e7 ? d : 0;
    }
    if (j.contains("size_bytes") && j["size_bytes"].is_number_integer()) s.size_bytes = j["size_bytes"].get<int64_t>();
    if (j.contains("recovered") && j["recovered"].is_boolean()) s.recovered = j["recovered"].get<bool>();
    if (j.contains("speakers") && j["speakers"].is_array()) {
        for (const auto& sp : j["speakers"]) {
            if (!sp.is_object()) continue;
            SpeakerInfo info;
            info.name = text("name", &sp, "speakers[].");
            info.native_name = text("native_name", &sp, "speakers[].");
            info.affiliation = text("affiliation", &sp, "speakers[].");
            s.speakers.push_back(std::move(info));
        }
    }
    return s;
}

namespace {

// A name part's budget in bytes: file systems allow 255 per name, and a target adds "~N" (a
// distinct name), the extension and ".part"; S3 allows 1024 bytes per key, five parts fit.
constexpr size_t kSegmentBytes = 180;
constexpr const char* kRefused = "/\\:*?\"<>|";  // what some file system (exFAT, SMB, NTFS) refuses

bool trimmed(char c) { return c == ' ' || c == '.' || c == '-'; }

void trim(std::string& s) {
    while (!s.empty() && trimmed(s.back())) s.pop_back();
    size_t front = 0;
    while (front < s.size() && trimmed(s[front])) ++front;
    s.erase(0, front);
}

// One path segment: Unicode, letters, digits, spaces and punctuation kept; characters a file
// system refuses and control characters become '-'; runs of spaces fold to one. A value that lost
// a character or was cut to kSegmentBytes (on a UTF-8 boundary) ends in "~" and 8 hex digits of
// its SHA-256, so different values never share a name ("Hall A", "Hall-A", "Hall:A").
std::string safe_segment(const std::string& value) {
    std::string out;
    bool replaced = false;
    for (unsigned char c : value) {
        if (c < 0x20 || c == 0x7f || (c != 0 && std::strchr(kRefused, c))) {
            replaced = true;
            c = '-';
        }
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += static_cast<char>(c);
    }
    trim(out);
    if (out.empty()) return out;  // "..", "." or nothing usable: the caller drops the segment
    if (!replaced && out.size() <= kSegmentBytes) return out;
    std::string tag = "~" + sha256_hex(value).substr(0, 8);
    out.resize(utf8_prefix_bytes(out, kSegmentBytes - tag.size()));
    trim(out);
    return out + tag;
}

}  // namespace

size_t utf8_prefix_bytes(const std::string& text, size_t max_bytes) {
    if (text.size() <= max_bytes) return text.size();
    size_t cut = max_bytes;
    // Step back over continuation bytes (10xxxxxx) so that no character is cut in half.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

std::string expand_key_template(const std::string& tmpl, const Sidecar& s) {
    const std::string& start = !s.actual_start.empty() ? s.actual_start : s.scheduled_start;
    std::string date = start.size() >= 10 ? start.substr(0, 10) : "undated";
    std::string time = start.size() >= 16 ? start.substr(11, 2) + start.substr(14, 2) : "0000";
    if (start.size() >= 19) time += start.substr(17, 2);
    std::string speaker;
    for (const auto& sp : s.speakers) {
        const std::string& name = sp.name.empty() ? sp.native_name : sp.name;
        speaker += (speaker.empty() ? "" : "_") + name;
    }
    if (speaker.empty()) speaker = s.title;
    auto value = [&](const std::string& name) -> std::string {
        if (name == "event") return s.event;
        if (name == "date") return date;
        if (name == "time") return time;
        if (name == "room") return s.room;
        if (name == "speaker") return speaker;
        if (name == "title") return s.title;
        if (name == "item_id") return s.item_id;
        if (name == "kiosk_id") return s.kiosk_id;
        return "{" + name + "}";
    };
    // The item id makes a name unique per agenda item: two rooms' speakers who start in the same
    // second, or one speaker twice, never share a key. Added when the template does not name it.
    std::string pattern = tmpl;
    if (pattern.find("{item_id}") == std::string::npos && !s.item_id.empty()) pattern += "-{item_id}";
    std::string out;
    std::string segment;
    auto add = [&](const std::string& raw) {
        std::string safe = safe_segment(raw);
        if (!safe.empty()) out += (out.empty() ? "" : "/") + safe;
    };
    // Each '/'-separated part is made safe on its own, so a '/' inside a title cannot add folders.
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            size_t end = pattern.find('}', i);
            if (end != std::string::npos) {
                std::string v = value(pattern.substr(i + 1, end - i - 1));
                for (char& c : v) if (c == '/') c = '\\';  // refused below, so it cannot add a folder
                segment += v;
                i = end;
                continue;
            }
        }
        if (pattern[i] == '/') {
            add(segment);
            segment.clear();
            continue;
        }
        segment += pattern[i];
    }
    add(segment);
    return out.empty() ? "recording" : out;
}

}  // namespace lectern
