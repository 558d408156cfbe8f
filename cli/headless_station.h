// A room's recording equipment without a display, for `lectern run --headless`: the FFmpeg recorder
// (opened in the background and retried while it fails), the upload service that takes every
// finished recording at once (no undo hold: nobody at a console can undo a split here), and the
// snapshots the web API publishes. Display-free: no SDL or ImGui.
#pragma once

#include "lectern_config.h"
#include "recorder_opener.h"
#include "status_collector.h"
#include "upload_service.h"

#include <functional>
#include <memory>
#include <string>

namespace lectern {

class HeadlessStation {
public:
    HeadlessStation(const LecternConfig& config, const std::string& time_zone);
    ~HeadlessStation();

    // For the SessionController; commands fail in words while the recorder is not open.
    RecorderControl& control() { return control_; }
    // On the loop thread: finishes opening (or retries every 10 s), queues finished files for upload.
    void tick();
    // What the status collector needs from here (the loop adds the agenda and the controller).
    StationInputs inputs() const;
    bool latest_preview(PreviewFrame& out) const;
    // Stops a recording in progress, waits until every file is finalized, queues them for upload.
    void close();
    // Also tells `finished` of every finished file (on the loop thread; the Opencast agent's hand-off).
    void on_finished(std::function<void(const std::string& media, const std::string& sidecar)> finished) {
        finished_ = std::move(finished);
    }

private:
    class GuardedControl final : public RecorderControl {
    public:
        explicit GuardedControl(HeadlessStation& s) : station_(s) {}
        void start(const RecordingPlan& plan) override { controls().start(plan); }
        void stop() override { controls().stop(); }
        void pause() override { controls().pause(); }
        void resume() override { controls().resume(); }
        void split(const RecordingPlan& next) override { controls().split(next); }

    private:
        MediaRecorderControl& controls() { return station_.recorder_->control_or_throw(); }
        HeadlessStation& station_;
    };

    void queue_finished();

    LecternConfig config_;
    std::unique_ptr<RecorderOpener> recorder_;
    GuardedControl control_{*this};
    std::unique_ptr<UploadService> uploads_;
    std::string upload_problem_;
    std::function<void(const std::string&, const std::string&)> finished_;
};

}  // namespace lectern
