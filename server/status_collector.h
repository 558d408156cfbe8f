// Builds the StationStatus that the web API publishes, from the snapshots a loop already holds:
// the recorder's status and meters, the session controller, the agenda and the upload queue view.
// Keeps what needs memory across calls (uptime, last sound, last successful upload, agenda age).
// Call it from the loop that owns those snapshots, about once a second.
#pragma once

#include "lectern_config.h"
#include "recorder_opener.h"
#include "session_controller.h"
#include "station_status.h"
#include "upload_service.h"

#include <chrono>
#include <memory>
#include <optional>
#include <set>

namespace lectern {

struct StationInputs {
    const Agenda* agenda = nullptr;
    std::string agenda_problem;
    // When the server last confirmed the agenda from agenda.url (a 200 or a 304); unset for a file,
    // the demo or Opencast, whose age is when the loop first saw the snapshot.
    std::optional<TimePoint> agenda_confirmed;
    const SessionController* controller = nullptr;  // null: idle
    bool recorder_wanted = true;                    // false: a kiosk opens it only when a screen or command needs it
    bool recorder_open = false;
    std::string recorder_problem;                   // why it is not open
    RecorderStatus recorder;
    AudioLevels audio;
    UploadQueueView uploads;
};

// The recorder's and the uploads' part of the inputs (uploads may be null: uploads are off).
StationInputs recorder_inputs(const RecorderOpener& recorder, const UploadService* uploads);

class StatusCollector {
public:
    StatusCollector(const LecternConfig& config, std::string room_id);
    StationStatus collect(const StationInputs& in, TimePoint now);

private:
    LecternConfig config_;
    std::string room_id_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_heard_ = started_;
    const Agenda* seen_agenda_ = nullptr;
    int64_t agenda_loaded_unix_ = 0;
    std::set<int64_t> done_jobs_;
    bool primed_ = false;
    int64_t last_success_unix_ = 0;
    std::chrono::steady_clock::time_point disk_checked_{};
    int64_t disk_free_ = -1;
};

}  // namespace lectern
