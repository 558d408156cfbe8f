// What the web API tells about this station (one room's recorder): a value the owner's loop (the
// kiosk's frame loop or `lectern run --headless`) assembles from the snapshots it already has
// (RecorderStatus, AudioLevels, UploadQueueView, the agenda) and publishes on a StatusBoard. HTTP
// threads copy the latest; they never call into the recorder or the uploader.
#pragma once

#include "recording_types.h"
#include "upload_job.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace lectern {

struct ItemSummary {
    std::string id;
    std::string title;
    std::string speakers;  // names, comma-separated
    TimePoint start{};
    TimePoint end{};
};

struct StationStatus {
    std::string kiosk_id;
    std::string room;
    std::string version;
    double uptime_seconds = 0;
    TimePoint now{};
    // starting | idle | recording | paused | error; `reason` says why for error (and the latest event otherwise).
    std::string state = "idle";
    std::string reason;
    bool recorder_open = false;
    RecorderStatus recorder;
    AudioLevels audio;
    double silence_seconds = 0;               // since any channel was last above the silence level
    std::optional<ItemSummary> current, next;
    int64_t disk_free_bytes = -1;             // -1 = unknown
    int64_t disk_stop_bytes = 0;              // the recorder stops cleanly below this
    double recording_seconds_left = -1;       // at the current bitrate; -1 = unknown
    UploadQueueView uploads;
    int64_t upload_last_success_unix = 0;     // 0 = none yet
    std::string agenda_source;                // file path, agenda.url without secrets, "demo" or "opencast"
    int64_t agenda_loaded_unix = 0;
    std::string agenda_problem;
};

// Whether the station could record now: recorder open and the disk above the stop limit.
// Empty when ready, else the reason.
std::string not_ready_reason(const StationStatus& status);

// Latest-value slots for the status and the preview picture. publish_* from the owner's loop;
// latest*() from any thread.
class StatusBoard {
public:
    void publish(StationStatus status);
    // Copies the frame only when it is newer than the one held.
    void publish_preview(const PreviewFrame& frame);
    std::shared_ptr<const StationStatus> latest() const;
    std::shared_ptr<const PreviewFrame> latest_preview() const;

    // The recorder makes preview pictures only while asked (PreviewTap). A headless owner copies
    // them while preview_wanted(); a client asking through fresh_preview() makes it wanted for
    // kPreviewWantedFor and waits up to `wait` for a picture published within `max_age`
    // (returning the last one, or none, when none comes).
    static constexpr std::chrono::seconds kPreviewWantedFor{5};
    bool preview_wanted() const;
    std::shared_ptr<const PreviewFrame> fresh_preview(std::chrono::milliseconds max_age,
                                                      std::chrono::milliseconds wait) const;

private:
    using SteadyTime = std::chrono::steady_clock::time_point;
    mutable std::mutex mutex_;
    mutable std::condition_variable preview_published_;
    std::shared_ptr<const StationStatus> status_ = starting();
    static std::shared_ptr<const StationStatus> starting();  // until the owner's loop publishes
    std::shared_ptr<const PreviewFrame> preview_;
    SteadyTime preview_at_{};
    mutable SteadyTime preview_wanted_until_{};
};

}  // namespace lectern
