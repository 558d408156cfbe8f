#include "archive_fixtures.h"

#include "sha256.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace fs = std::filesystem;

namespace lectern::archive_test {

WrittenRecording write_fake_recording(const std::string& dir, const FakeRecording& r) {
    fs::create_directories(dir);
    std::string bytes(static_cast<size_t>(r.bytes), '\0');
    std::mt19937 random(r.seed);
    for (auto& c : bytes) c = static_cast<char>(random());
    WrittenRecording out{dir + "/" + r.stem + ".mp4", dir + "/" + r.stem + ".json", sha256_hex(bytes)};
    std::ofstream(out.media, std::ios::binary) << bytes;
    nlohmann::json speakers = nlohmann::json::array();
    for (const auto& s : r.speakers)
        speakers.push_back({{"name", s.name}, {"native_name", s.native_name}, {"affiliation", s.affiliation}});
    const std::string end = r.actual_start.substr(0, 11) + "09:30:00" + r.actual_start.substr(19);
    nlohmann::json j = {{"schema", "lectern.recording/1"}, {"file", r.stem + ".mp4"}, {"event", r.event},
                        {"room", r.room}, {"item_id", r.stem}, {"title", r.title}, {"note", ""},
                        {"speakers", speakers}, {"scheduled_start", r.actual_start}, {"scheduled_end", end},
                        {"actual_start", r.actual_start}, {"actual_end", end}, {"time_zone", "Asia/Shanghai"},
                        {"duration_seconds", r.duration_s}, {"size_bytes", r.bytes}, {"sha256", out.sha256},
                        {"video", {{"codec", "h264"}, {"width", 1280}, {"height", 720}, {"fps", 30.0}, {"frames", 36000}}},
                        {"audio", {{"codec", "aac"}, {"sample_rate", 48000}, {"channels", 2}}},
                        {"frames", {{"first", 0}, {"count", 36000}}}, {"kiosk_id", "lectern-01"}, {"recovered", false}};
    std::ofstream(out.sidecar, std::ios::binary) << j.dump(2);
    return out;
}

void write_many_recordings(const std::string& dir, int n, int64_t bytes) {
    const char* rooms[] = {"BJAST Conference Hall", "Room 201", "Room 305", "Auditorium"};
    for (int k = 0; k < n; ++k) {
        FakeRecording r;
        r.stem = "rec-" + std::to_string(k);
        r.room = rooms[k % 4];
        r.title = "Talk number " + std::to_string(k) + " on cooperation";
        r.speakers = {{"Speaker " + std::to_string(k), "讲者" + std::to_string(k), "Institute " + std::to_string(k % 50)}};
        char start[32];
        std::snprintf(start, sizeof start, "2024-%02d-%02dT%02d:%02d:00+08:00", 1 + (k / 28) % 12, 1 + k % 28,
                      8 + (k / 7) % 10, (k * 7) % 60);
        r.actual_start = start;
        r.bytes = bytes;
        r.seed = static_cast<uint32_t>(k + 1);
        write_fake_recording(dir + "/" + r.actual_start.substr(0, 10), r);
    }
}

}  // namespace lectern::archive_test
