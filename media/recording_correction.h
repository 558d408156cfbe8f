// A correction (the console's Edit of an item's title, speakers and note) reaching recordings that
// are under way: the pending record of the file being recorded, and the sidecar and MP4 tags of a
// finished file that is still held before upload. The finalizer applies it to files it finishes.
#pragma once

#include "recording_types.h"

#include <tl/expected.hpp>

#include <string>

namespace lectern {

// meta with the correction's title, speakers and note (everything else is meta's own).
RecordingMeta with_correction(RecordingMeta meta, const RecordingMeta& correction);
bool same_correction(const RecordingMeta& a, const RecordingMeta& b);  // title, speakers and note equal

// Rewrites every pending record (stem.recording.json) in folder of correction.item_id, so that
// recovery after a crash names the corrected details too.
tl::expected<void, std::string> rewrite_pending_records(const std::string& folder, const RecordingMeta& correction);

// When recording is of correction.item_id and its details differ: its MP4 tags are rewritten (a
// stream copy into the same file, faststart) and then its sidecar (the corrected details, the new
// size and SHA-256). Returns whether it changed anything. A file finalized in place (no room for a
// copy) keeps its tags and gets the corrected sidecar; so does one whose copy fails (the error says so).
tl::expected<bool, std::string> correct_finished(const FinishedRecording& recording, const RecordingMeta& correction);

}  // namespace lectern
