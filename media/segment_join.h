// "Undo split": joins two consecutive finished recordings of one session back into one file, in the
// first file's place and with the first file's metadata, without re-encoding.
#pragma once

#include "recording_types.h"

#include <tl/expected.hpp>

#include <string>

namespace lectern {

// Joins `first` and `second` (each a finished faststart MP4 with its sidecar, as the finalizer
// writes them) into `first`'s place: stream copy (no re-encode), second's timestamps offset so the
// join has no gap or overlap, faststart, atomic replace (temp file + fsync + rename), then the
// first sidecar rewritten: actual_end = second's actual_end, duration, size_bytes, sha256 of the
// new file, frames.count = sum, video.frames = sum; everything else from first's sidecar. Only then
// are second's media file and sidecar deleted. On any failure nothing is deleted and the error
// names the file and the reason.
tl::expected<FinishedRecording, std::string> join_recordings(const FinishedRecording& first,
                                                             const FinishedRecording& second);

}  // namespace lectern
