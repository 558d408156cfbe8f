// The JSON sidecar written beside each recording (schema in media/README.md), the MP4 tags, and the
// small pending record written when a file starts, from which crash recovery rebuilds the sidecar.
#pragma once

#include "recording_types.h"
#include "remux.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace lectern {

struct SidecarFacts {
    RecordingMeta meta;
    TimePoint actual_start{};
    TimePoint actual_end{};
    std::string media_file;  // file name only; the sidecar sits beside it
    int64_t size_bytes = 0;
    std::string sha256;
    MediaInfo info;
    bool recovered = false;
    bool in_place = false;    // the fragmented file itself, renamed (no room for a faststart copy)
    int64_t first_frame = 0;  // index in the session's frame count (0 for the first file after start)
};

nlohmann::json sidecar_json(const SidecarFacts& facts);
// The MP4's own tags for a recording of meta begun at start (title, artist = the speakers, date,
// album = the event, comment, description): written when the file opens and again at finalize.
Mp4Tags mp4_tags(const RecordingMeta& meta, TimePoint start);

nlohmann::json pending_json(const RecordingMeta& meta, TimePoint actual_start, int64_t first_frame);
// Meta, start and first frame back from a pending record; nullopt when it is missing or damaged.
std::optional<SidecarFacts> read_pending(const std::string& path);

}  // namespace lectern
