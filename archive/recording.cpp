#include "recording.h"

#include <nlohmann/json.hpp>

namespace lectern {

std::string Recording::speaker_line() const {
    std::string line;
    for (const auto& s : speakers) {
        if (!line.empty()) line += ", ";
        line += s.name;
        if (!s.native_name.empty()) line += (s.name.empty() ? "" : " ") + s.native_name;
    }
    return line;
}

nlohmann::json to_json(const Recording& r) {
    nlohmann::json speakers = nlohmann::json::array();
    for (const auto& s : r.speakers)
        speakers.push_back({{"name", s.name}, {"native_name", s.native_name}, {"affiliation", s.affiliation}});
    nlohmann::json uploads = nlohmann::json::array();
    for (const auto& u : r.uploads)
        uploads.push_back({{"target", u.target}, {"state", u.state}, {"location", u.location}, {"error", u.error}});
    return {{"id", r.id},
            {"file", r.file},
            {"media_path", r.media_path},
            {"sidecar_path", r.sidecar_path},
            {"event", r.event},
            {"room", r.room},
            {"item_id", r.item_id},
            {"title", r.title},
            {"note", r.note},
            {"speakers", speakers},
            {"date", r.date},
            {"scheduled_start", r.scheduled_start},
            {"scheduled_end", r.scheduled_end},
            {"actual_start", r.actual_start},
            {"actual_end", r.actual_end},
            {"time_zone", r.time_zone},
            {"duration_seconds", r.duration_s},
            {"size_bytes", r.size_bytes},
            {"file_bytes", r.file_bytes},
            {"sha256", r.sha256},
            {"video", {{"codec", r.video_codec}, {"width", r.width}, {"height", r.height}, {"fps", r.fps}}},
            {"audio", {{"codec", r.audio_codec}, {"sample_rate", r.sample_rate}, {"channels", r.channels}}},
            {"recovered", r.recovered},
            {"kiosk_id", r.kiosk_id},
            {"problem", r.problem},
            {"uploads", uploads}};
}

Recording recording_from_json(const nlohmann::json& j) {
    Recording r;
    r.id = j.value("id", int64_t{0});
    r.file = j.value("file", ""), r.media_path = j.value("media_path", ""), r.sidecar_path = j.value("sidecar_path", "");
    r.event = j.value("event", ""), r.room = j.value("room", ""), r.item_id = j.value("item_id", "");
    r.title = j.value("title", ""), r.note = j.value("note", "");
    for (const auto& s : j.value("speakers", nlohmann::json::array()))
        r.speakers.push_back({s.value("name", ""), s.value("native_name", ""), s.value("affiliation", "")});
    r.date = j.value("date", "");
    r.scheduled_start = j.value("scheduled_start", ""), r.scheduled_end = j.value("scheduled_end", "");
    r.actual_start = j.value("actual_start", ""), r.actual_end = j.value("actual_end", "");
    r.time_zone = j.value("time_zone", "");
    r.duration_s = j.value("duration_seconds", 0.0);
    r.size_bytes = j.value("size_bytes", int64_t{-1}), r.file_bytes = j.value("file_bytes", int64_t{-1});
    r.sha256 = j.value("sha256", "");
    const auto video = j.value("video", nlohmann::json::object()), audio = j.value("audio", nlohmann::json::object());
    r.video_codec = video.value("codec", ""), r.width = video.value("width", 0), r.height = video.value("height", 0);
    r.fps = video.value("fps", 0.0);
    r.audio_codec = audio.value("codec", ""), r.sample_rate = audio.value("sample_rate", 0);
    r.channels = audio.value("channels", 0);
    r.recovered = j.value("recovered", false), r.kiosk_id = j.value("kiosk_id", ""), r.problem = j.value("problem", "");
    for (const auto& u : j.value("uploads", nlohmann::json::array()))
        r.uploads.push_back({u.value("target", ""), u.value("state", ""), u.value("location", ""), u.value("error", "")});
    return r;
}

}  // namespace lectern
