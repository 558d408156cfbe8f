#include "station_status.h"

#include <algorithm>

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
    {
        std::lock_guard lock(mutex_);
        preview_ = std::move(copy);
        preview_at_ = std::chrono::steady_clock::now();
    }
    preview_published_.notify_all();
}

std::shared_ptr<const StationStatus> StatusBoard::latest() const {
    std::lock_guard lock(mutex_);
    return status_;
}

std::shared_ptr<const PreviewFrame> StatusBoard::latest_preview() const {
    std::lock_guard lock(mutex_);
    return preview_;
}

bool StatusBoard::preview_wanted() const {
    std::lock_guard lock(mutex_);
    return std::chrono::steady_clock::now() < preview_wanted_until_;
}

std::shared_ptr<const PreviewFrame> StatusBoard::fresh_preview(std::chrono::milliseconds max_age,
                                                                std::chrono::milliseconds wait) const {
    const SteadyTime now = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    preview_wanted_until_ = std::max(preview_wanted_until_, now + kPreviewWantedFor);
    preview_published_.wait_for(lock, wait, [&] { return preview_ && preview_at_ >= now - max_age; });
    return preview_;
}

}  // namespace lectern
