// Finds recordings in any folder tree (the recorder's folder, the local archive, a NAS mount, a USB
// stick) by their sidecars, and turns each into a Recording. The sidecars are the truth; a media
// file without a readable sidecar is still listed, with the problem in words.
#pragma once

#include "recording.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lectern {

// What a previous scan saw, by source (the sidecar's path, or the media path of a file without
// one): its stamp and its media path. Sources whose stamp did not change are not read again.
using KnownSources = std::unordered_map<std::string, std::pair<int64_t, std::string>>;

struct ScanResult {
    std::vector<Recording> changed;   // new or changed since `known`, in path order
    std::vector<std::string> seen;    // every source found (changed or not)
};

// Every recording under dir. Skips files still being written (*.recording.*), crashed originals
// kept for reference (*.crashed.*), partial copies (*.part, *.tmp) and JSON that is no sidecar
// (an export's manifest.json). Throws std::runtime_error when dir cannot be read.
ScanResult scan_recordings(const std::string& dir, const KnownSources& known = {});

// The source a recording was read from (its sidecar, else its media file).
inline const std::string& source_of(const Recording& r) { return r.sidecar_path.empty() ? r.media_path : r.sidecar_path; }

// One recording from its sidecar; the media file is the sidecar's stem with .mp4 (as the recorder
// and the folder target write them), else the sidecar's "file". Never throws: problems go into
// Recording::problem.
Recording read_recording(const std::string& sidecar_path);

// A media file that has no sidecar at all.
Recording orphan_recording(const std::string& media_path);

// True when the file name is a media file Lectern writes (.mp4, .mkv, .mov).
bool is_media_name(const std::string& name);

}  // namespace lectern
