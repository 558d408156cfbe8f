#include "sidecar.h"

#include <nlohmann/json.hpp>

#include <cctype>
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
    if (j.contains("duration_seconds") && j["duration_seconds"].is_number()) s.duration_s = j["duration_seconds"].get<double>();
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

// One path segment's worth of text: safe characters kept, everything else folded to '-'.
std::string safe_segment(const std::string& value, bool keep_utf8) {
    std::string out;
    for (unsigned char c : value) {
        bool ok = std::isalnum(c) || c == '-' || c == '_' || c == '.' || (keep_utf8 && c >= 0x80);
        if (!ok) c = '-';
        if (c == '-' && (out.empty() || out.back() == '-')) continue;
        out += static_cast<char>(c);
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    while (!out.empty() && (out.front() == '.' || out.front() == '-')) out.erase(out.begin());
    return out;  // "" for "..", "." or nothing usable: the caller drops the segment
}

}  // namespace

std::string expand_key_template(const std::string& tmpl, const Sidecar& s, bool keep_utf8) {
    const std::string& start = !s.actual_start.empty() ? s.actual_start : s.scheduled_start;
    std::string date = start.size() >= 10 ? start.substr(0, 10) : "undated";
    std::string time = start.size() >= 16 ? start.substr(11, 2) + start.substr(14, 2) : "0000";
    if (start.size() >= 19) time += start.substr(17, 2);
    std::string speaker;
    for (const auto& sp : s.speakers) speaker += (speaker.empty() ? "" : "_") + sp.name;
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
    std::string out;
    std::string segment;
    auto add = [&](const std::string& raw) {
        std::string safe = safe_segment(raw, keep_utf8);
        if (!safe.empty()) out += (out.empty() ? "" : "/") + safe;
    };
    // Each '/'-separated part is made safe on its own, so a '/' inside a title cannot add folders.
    for (size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] == '{') {
            size_t end = tmpl.find('}', i);
            if (end != std::string::npos) {
                std::string v = value(tmpl.substr(i + 1, end - i - 1));
                for (char& c : v) if (c == '/' || c == '\\') c = '-';
                segment += v;
                i = end;
                continue;
            }
        }
        if (tmpl[i] == '/') {
            add(segment);
            segment.clear();
            continue;
        }
        segment += tmpl[i];
    }
    add(segment);
    return out.empty() ? "recording" : out;
}

}  // namespace lectern
