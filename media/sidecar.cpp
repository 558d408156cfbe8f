#include "sidecar.h"

#include "local_time.h"

#include <fstream>

namespace lectern {
namespace {

std::string rfc3339(TimePoint t, const std::string& zone) {
    if (t == TimePoint{}) return "";
    try {
        return to_rfc3339(t, zone);
    } catch (const std::exception&) {
        return to_rfc3339(t, "UTC");  // an unknown zone must not cost the recording its sidecar
    }
}

nlohmann::json meta_json(const RecordingMeta& m) {
    nlohmann::json speakers = nlohmann::json::array();
    for (const auto& s : m.speakers)
        speakers.push_back({{"name", s.name}, {"native_name", s.native_name}, {"affiliation", s.affiliation}});
    return {{"event", m.event},
            {"room", m.room},
            {"item_id", m.item_id},
            {"title", m.title},
            {"note", m.note},
            {"speakers", speakers},
            {"scheduled_start", rfc3339(m.scheduled_start, m.time_zone)},
            {"scheduled_end", rfc3339(m.scheduled_end, m.time_zone)},
            {"kiosk_id", m.kiosk_id},
            {"time_zone", m.time_zone}};
}

TimePoint time_of(const nlohmann::json& j, const char* key) {
    auto t = parse_rfc3339(j.value(key, std::string()));
    return t ? *t : TimePoint{};
}

}  // namespace

nlohmann::json sidecar_json(const SidecarFacts& f) {
    nlohmann::json j = {{"schema", "lectern.recording/1"}, {"file", f.media_file}};
    j.update(meta_json(f.meta));
    j["actual_start"] = rfc3339(f.actual_start, f.meta.time_zone);
    j["actual_end"] = rfc3339(f.actual_end, f.meta.time_zone);
    j["duration_seconds"] = std::round(f.info.duration_seconds * 1000) / 1000;
    j["size_bytes"] = f.size_bytes;
    j["sha256"] = f.sha256;
    j["video"] = {{"codec", f.info.video_codec}, {"width", f.info.width},      {"height", f.info.height},
                  {"fps", f.info.fps},           {"frames", f.info.video_frames}};
    j["audio"] = {{"codec", f.info.audio_codec}, {"sample_rate", f.info.sample_rate}, {"channels", f.info.channels}};
    j["recovered"] = f.recovered;
    if (f.in_place) j["faststart"] = false;  // finalized in place (no room for a copy): fragmented MP4
    j["frames"] = {{"first", f.first_frame}, {"count", f.info.video_frames}};
    return j;
}

Mp4Tags mp4_tags(const RecordingMeta& m, TimePoint start) {
    std::string artist;
    for (const auto& s : m.speakers) {
        if (!artist.empty()) artist += "; ";
        artist += s.name;
        if (!s.native_name.empty()) artist += (s.name.empty() ? "" : " ") + s.native_name;
        if (!s.affiliation.empty()) artist += " (" + s.affiliation + ")";
    }
    return {{"title", m.title},
            {"artist", artist},
            {"date", format_local(start, "UTC", "%Y-%m-%d")},
            {"album", m.event},
            {"comment", "room: " + m.room + "; item: " + m.item_id + "; kiosk: " + m.kiosk_id},
            {"description", m.event + " / " + m.room}};
}

nlohmann::json pending_json(const RecordingMeta& meta, TimePoint actual_start, int64_t first_frame) {
    nlohmann::json j = meta_json(meta);
    j["actual_start"] = rfc3339(actual_start, "UTC");
    j["first_frame"] = first_frame;
    return j;
}

namespace {

// Throws nlohmann::json::exception on a field of the wrong type.
SidecarFacts pending_facts(const nlohmann::json& j) {
    SidecarFacts f;
    RecordingMeta& m = f.meta;
    m.event = j.value("event", "");
    m.room = j.value("room", "");
    m.item_id = j.value("item_id", "");
    m.title = j.value("title", "");
    m.note = j.value("note", "");
    m.kiosk_id = j.value("kiosk_id", "");
    m.time_zone = j.value("time_zone", "UTC");
    m.scheduled_start = time_of(j, "scheduled_start");
    m.scheduled_end = time_of(j, "scheduled_end");
    for (const auto& s : j.value("speakers", nlohmann::json::array()))
        m.speakers.push_back({s.value("name", ""), s.value("native_name", ""), s.value("affiliation", "")});
    f.actual_start = time_of(j, "actual_start");
    f.first_frame = j.value("first_frame", int64_t{0});
    return f;
}

}  // namespace

std::optional<SidecarFacts> read_pending(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    try {
        return pending_facts(j);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // a field of the wrong type: damaged (found by tests/fuzz)
    }
}

}  // namespace lectern
