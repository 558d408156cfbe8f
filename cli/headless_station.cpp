#include "headless_station.h"

#include <cstdio>

namespace lectern {

HeadlessStation::HeadlessStation(const LecternConfig& config, const std::string& time_zone)
    : config_(config), recorder_(std::make_unique<RecorderOpener>(config_.media, config_.kiosk.id, time_zone)) {
    try {
        uploads_ = std::make_unique<UploadService>(config_.upload);
    } catch (const std::exception& e) {
        upload_problem_ = std::string("Uploads are off: ") + e.what();
        std::fprintf(stderr, "<3>lectern: %s\n", upload_problem_.c_str());
    }
}

HeadlessStation::~HeadlessStation() { close(); }

void HeadlessStation::tick() {
    switch (recorder_->poll(true)) {
        case RecorderOpener::Change::Opened: std::fprintf(stderr, "<5>lectern: recorder open\n"); break;
        case RecorderOpener::Change::Failed:
            std::fprintf(stderr, "<3>lectern: %s (retrying every 10 s)\n", recorder_->problem().c_str());
            break;
        case RecorderOpener::Change::None: break;
    }
    queue_finished();
}

void HeadlessStation::queue_finished() {
    while (auto done = recorder_->recorder().wait_finished(std::chrono::milliseconds(0))) {
        std::fprintf(stderr, "<6>lectern: finished %s\n", done->media_path.c_str());
        if (finished_) finished_(done->media_path, done->sidecar_path);
        if (!uploads_) continue;
        if (auto queued = uploads_->enqueue(done->media_path, done->sidecar_path); !queued) {
            upload_problem_ = queued.error();
            std::fprintf(stderr, "<3>lectern: %s\n", upload_problem_.c_str());
        }
    }
}

StationInputs HeadlessStation::inputs() const {
    return recorder_ ? recorder_inputs(*recorder_, uploads_.get()) : StationInputs{};
}

bool HeadlessStation::latest_preview(PreviewFrame& out) const {
    return recorder_ && recorder_->is_open() && recorder_->recorder().latest_preview(out);
}

void HeadlessStation::close() {
    if (!recorder_) return;
    recorder_->close();  // finishes and finalizes a recording in progress
    queue_finished();
    recorder_.reset();
    uploads_.reset();    // jobs not yet uploaded stay queued and resume at the next start
}

}  // namespace lectern
