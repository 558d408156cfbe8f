// A recorder and upload state read from JSON, for screenshots of the room and operator screens in
// a chosen situation (recording with an alert, uploads in progress) without running the pipeline.
#pragma once

#include "screens/operator_view.h"
#include "screens/recorder_view.h"

#include <string>

namespace lectern {

struct ScreenState {
    RecorderView recorder;
    std::vector<UploadRow> uploads;
    StatsHistory stats;
    std::string current_item;  // pretend the technician started this item…
    std::string started_at;    // …at this RFC 3339 time (for the real delay)
};

// Throws InputError naming the file and the field.
ScreenState load_screen_state(const std::string& file);

}  // namespace lectern
