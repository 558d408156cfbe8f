#include "recorder_opener.h"

#include <stdexcept>

namespace lectern {

RecorderOpener::RecorderOpener(const MediaConfig& media, std::string kiosk_id, std::string time_zone)
    : recorder_(std::make_unique<Recorder>(media)), kiosk_id_(std::move(kiosk_id)), time_zone_(std::move(time_zone)) {}

RecorderOpener::Change RecorderOpener::poll(bool wanted) {
    const auto now = std::chrono::steady_clock::now();
    Change change = Change::None;
    if (opening_.valid() && opening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        if (auto opened = opening_.get()) {
            control_ = std::make_unique<MediaRecorderControl>(*recorder_, kiosk_id_, time_zone_);
            problem_.clear();
            change = Change::Opened;
        } else {
            change = problem_ != opened.error() ? Change::Failed : Change::None;
            problem_ = opened.error();
            next_try_ = now + std::chrono::seconds(10);
        }
    }
    if (wanted && !control_ && !opening_.valid() && now >= next_try_)
        opening_ = std::async(std::launch::async, [this] { return recorder_->open(); });
    return change;
}

MediaRecorderControl& RecorderOpener::control_or_throw() const {
    if (!control_) throw std::runtime_error(problem_.empty() ? "The recorder is still starting; try again in a moment." : problem_);
    return *control_;
}

void RecorderOpener::close() {
    if (!recorder_) return;
    if (opening_.valid()) opening_.wait();
    control_.reset();
    recorder_->close();
}

}  // namespace lectern
