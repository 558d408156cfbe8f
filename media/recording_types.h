// The values the recorder shares with the kiosk: what a recording is about, the status snapshot
// the UI draws, preview frames, audio levels and finished files for the upload queue.
#pragma once

#include "agenda.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

struct RecordingSpeaker {
    std::string name;         // Latin script
    std::string native_name;  // e.g. 伍建民; may be empty
    std::string affiliation;
};

// What one recording (one speech) is; written into the file's tags and the sidecar.
struct RecordingMeta {
    std::string event;
    std::string room;
    std::string item_id;
    std::string title;
    std::string note;  // the technician's correction note, if any
    std::vector<RecordingSpeaker> speakers;
    TimePoint scheduled_start{};
    TimePoint scheduled_end{};
    std::string kiosk_id;
    std::string time_zone = "UTC";  // IANA zone for {date}/{time} in file names and the sidecar times
};

enum class RecorderState { Idle, Recording, Paused, Failed };
const char* to_string(RecorderState state);

// A read-only snapshot, published by the encode thread about 4 times a second.
struct RecorderStatus {
    RecorderState state = RecorderState::Idle;
    std::string message;                 // why it failed, or the latest event ("stopped: disk low")
    std::vector<std::string> alerts;     // "no signal: camera /dev/video0 ...", "disk low: 1.2 GB left"
    double elapsed_seconds = 0;          // media time of the current file
    std::string file_path;               // the file being written now
    int64_t file_bytes = 0;
    double fps_in = 0;                   // frames per second arriving from the source
    double fps_out = 0;                  // frames per second encoded
    int64_t frames_captured = 0;         // from the source since the recorder opened
    int64_t frames_recorded = 0;         // encoded since start(), all segments, slate included
    int64_t slate_frames = 0;            // of frames_recorded, how many were slate
    int64_t dropped_frames = 0;          // captured but not encoded because the encoder lagged
    int64_t duplicated_frames = 0;       // repeated to keep a slower source (25, 29.97 fps) on time
    int64_t skipped_frames = 0;          // left out to keep a faster source on time
    int64_t dropped_previews = 0;        // preview frames skipped because the encoder lagged
    double encode_speed = 0;             // media seconds encoded per wall second (1.0 = real time)
    double bitrate_kbps = 0;
    int video_queue = 0, video_queue_capacity = 0;
    int audio_queue_ms = 0;
    bool source_ok = false;
    int segment = 0;                     // 1 for the first file after start(), +1 per split
    uint64_t file_id = 0;                // the file being written: the id its start()/split() returned; 0 none
    uint64_t commands_done = 0;          // every command up to this id has been applied
};

// A downscaled RGBA picture for the UI (tightly packed, width*4 bytes a row).
struct PreviewFrame {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
    int64_t sequence = 0;
};

struct ChannelLevel {
    double peak_dbfs = -120;
    double rms_dbfs = -120;
};
struct AudioLevels {
    std::vector<ChannelLevel> channels;
    int64_t sequence = 0;  // increases with each measurement window (25 per second)
};

// A finished, finalized recording: the upload queue takes these.
struct FinishedRecording {
    std::string media_path;
    std::string sidecar_path;
    bool recovered = false;
    uint64_t file_id = 0;  // the id request_start()/split() returned for it; 0 for a recovered file
};

}  // namespace lectern
