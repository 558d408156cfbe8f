// One catalogued recording as staff see it: what the sidecar says, what the disk holds, where each
// upload target stands, and the problem (if any) that staff must know about. Display-free values,
// shared by the CLI, the kiosk's Recordings screen and the web page's JSON.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

// A speaker as the sidecar names them (the upload part's SpeakerInfo, kept apart here because
// media/ and upload/ both have a "sidecar.h" and the CLI sees both folders).
struct RecordedSpeaker {
    std::string name, native_name, affiliation;
};

// One upload target's state for a recording, from the upload queue.
struct TargetUpload {
    std::string target;      // the target's configured name
    std::string state;       // queued, uploading, verifying, done, failed, paused, cancelled
    std::string location;    // where it went: a folder path, or the remote key on the target
    std::string error;       // the last error in words; "" when none
};

struct Recording {
    int64_t id = 0;                      // catalog row id (stable until the next full reindex)
    std::string media_path, sidecar_path;  // absolute; sidecar_path "" when it is missing
    std::string file;                    // the media file's name
    std::string event, room, item_id, title, note;
    std::vector<RecordedSpeaker> speakers;
    std::string scheduled_start, scheduled_end, actual_start, actual_end, time_zone;  // RFC 3339
    std::string date;                    // YYYY-MM-DD in the event's zone; "" when unknown
    double duration_s = 0;
    int64_t size_bytes = -1;             // what the sidecar says; -1 = not given
    int64_t file_bytes = -1;             // what the disk holds; -1 = media missing
    std::string sha256;                  // from the sidecar; "" = not given (cannot be verified)
    std::string video_codec, audio_codec;
    int width = 0, height = 0, sample_rate = 0, channels = 0;
    double fps = 0;
    bool recovered = false;
    std::string kiosk_id;
    std::string problem;                 // "" = fine; otherwise what is wrong and what to do
    std::vector<TargetUpload> uploads;
    int64_t stamp = 0;                   // changes when the sidecar or the media file changes (sync)

    // "Frank Wong 黄国强, Li Jun" for display.
    std::string speaker_line() const;
    // The start shown to staff: actual, else scheduled.
    const std::string& start() const { return actual_start.empty() ? scheduled_start : actual_start; }
};

nlohmann::json to_json(const Recording& r);
Recording recording_from_json(const nlohmann::json& j);

}  // namespace lectern
