// What the operator console shows besides the agenda and the recorder: the controller's state,
// each item's status, the upload queue, recent stats. Filled by the shell once per frame.
#pragma once

#include "agenda.h"
#include "session_controller.h"

#include <set>
#include <string>
#include <vector>

namespace lectern {

struct RecordingsView;

struct UploadRow {
    std::string file;
    std::string target;
    std::string state;   // "queued", "uploading", "verifying", "done", "failed", "paused"
    float fraction = 0;  // 0…1
    double bytes_per_second = 0;
    seconds eta{0};
    std::string error;   // the last error in plain words
    long long id = 0;
};

struct StatsHistory {
    std::vector<float> cpu_percent;     // one sample a second, oldest first
    std::vector<float> video_kbps;
    std::vector<float> upload_mbps;
};

struct OperatorView {
    SessionController::State state = SessionController::State::Idle;
    std::vector<std::pair<const AgendaItem*, ItemStatus>> rundown;  // this room's items
    std::set<std::string> uncorrectable;  // rundown items Edit cannot reach (missed, or with the uploader)
    std::string last_error;            // the last command's failure, in plain words
    bool default_pin = false;          // the demo PIN is in use
    seconds undo_split_left{0};        // the last "next speaker" can be undone for this long
    std::vector<UploadRow> uploads;
    // Problems for the technician only (an upload that failed to queue, …): the console shows them
    // as notices; public screens never do, since they are for the audience.
    std::vector<std::string> problems;
    StatsHistory stats;
    const RecordingsView* recordings = nullptr;  // the Recordings screen's data; null = not in this kiosk
};

}  // namespace lectern
