#include "headless_station.h"

#include <cstdio>

namespace lectern {

HeadlessStation::HeadlessStation(const LecternConfig& config, const std::string& time_zone)
    : config_(config), time_zone_(time_zone), recorder_(std::make_unique<Recorder>(config_.media)) {
    try {
        uploads_ = std::make_unique<UploadService>(config_.upload);
    } catch (const std::exception& e) {
        upload_problem_ = std::string("Uploads are off: ") + e.what();
        std::fprintf(stderr, "<3>lectern: %s\n", upload_problem_.c_str());
    }
}

HeadlessStation::~HeadlessStation() { close(); }

MediaRecorderControl& HeadlessStation::GuardedControl::open_or_throw() {
    if (!station_.media_control_)
        throw std::runtime_error(station_.recorder_problem_.empty() ? "The recorder is still starting; try again in a moment."
                                                                    : station_.recorder_problem_);
    return *station_.media_control_;
}

void HeadlessStation::tick() {
    const auto now = std::chrono::steady_clock::now();
    if (!media_control_ && !opening_.valid() && now >= next_open_try_)
        // Opening probes devices and RTSP cameras, which can take seconds: not on the loop.
        opening_ = std::async(std::launch::async, [this] { return recorder_->open(); });
    if (opening_.valid() && opening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        if (auto opened = opening_.get()) {
            media_control_ = std::make_unique<MediaRecorderControl>(*recorder_, config_.kiosk.id, time_zone_);
            recorder_problem_.clear();
            std::fprintf(stderr, "<5>lectern: recorder open\n");
        } else {
            if (recorder_problem_ != opened.error()) std::fprintf(stderr, "<3>lectern: %s (retrying every 10 s)\n", opened.error().c_str());
            recorder_problem_ = opened.error();
            next_open_try_ = now + std::chrono::seconds(10);
        }
    }
    queue_finished();
}

void HeadlessStation::queue_finished() {
    while (auto done = recorder_->wait_finished(std::chrono::milliseconds(0))) {
        std::fprintf(stderr, "<6>lectern: finished %s\n", done->media_path.c_str());
        if (!uploads_) continue;
        if (auto queued = uploads_->enqueue(done->media_path, done->sidecar_path); !queued) {
            upload_problem_ = queued.error();
            std::fprintf(stderr, "<3>lectern: %s\n", upload_problem_.c_str());
        }
    }
}

StationInputs HeadlessStation::inputs() const {
    StationInputs in;
    if (!recorder_) return in;
    in.recorder_open = media_control_ != nullptr;
    in.recorder_problem = recorder_problem_;
    in.recorder = recorder_->status();
    in.audio = recorder_->audio_levels();
    if (uploads_) in.uploads = uploads_->view();
    return in;
}

bool HeadlessStation::latest_preview(PreviewFrame& out) const { return media_control_ && recorder_->latest_preview(out); }

void HeadlessStation::close() {
    if (!recorder_) return;
    if (opening_.valid()) opening_.wait();
    media_control_.reset();
    recorder_->close();  // finishes and finalizes a recording in progress
    queue_finished();
    recorder_.reset();
    uploads_.reset();    // jobs not yet uploaded stay queued and resume at the next start
}

}  // namespace lectern
