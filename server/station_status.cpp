#include "station_status.h"

namespace lectern {

std::string not_ready_reason(const StationStatus& s) {
    if (!s.recorder_open) return s.reason.empty() ? "the recorder is not open yet" : "the recorder is not open: " + s.reason;
    if (s.recorder.state == RecorderState::Failed) return "the recorder failed: " + s.recorder.message;
    if (s.disk_free_bytes >= 0 && s.disk_free_bytes <= s.disk_stop_bytes)
        return "the disk is full: " + std::to_string(s.disk_free_bytes / (1024 * 1024)) + " MiB free, the stop limit is " +
               std::to_string(s.disk_stop_bytes / (1024 * 1024)) + " MiB";
    return {};
}

std::shared_ptr<const StationStatus> StatusBoard::starting() {
    StationStatus s;
    s.state = "starting";
    s.reason = "the station is starting";
    return std::make_shared<const StationStatus>(std::move(s));
}

void StatusBoard::publish(StationStatus status) {
    auto next = std::make_shared<const StationStatus>(std::move(status));
    std::lock_guard lock(mutex_);
    status_ = std::move(next);
}

void StatusBoard::publish_preview(const PreviewFrame& frame) {
    {
        std::lock_guard lock(mutex_);
        if (preview_ && preview_->sequence >= frame.sequence) return;
    }
    auto copy = std::make_shared<const PreviewFrame>(frame);
    std::lock_guard lock(mutex_);
    preview_ = std::move(copy);
}

std::shared_ptr<const StationStatus> StatusBoard::latest() const {
    std::lock_guard lock(mutex_);
    return status_;
}

std::shared_ptr<const PreviewFrame> StatusBoard::latest_preview() const {
    std::lock_guard lock(mutex_);
    return preview_;
}

}  // namespace lectern
