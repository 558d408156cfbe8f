// This kiosk's recording equipment as the shell sees it: the FFmpeg recorder (opened in the
// background and retried while it fails, e.g. a camera not yet plugged in) and the upload service
// that takes every finished recording. Once per frame it turns their snapshots into what the
// screens draw; it never blocks the frame on either.
#pragma once

#include "held_recordings.h"
#include "lectern_config.h"
#include "recorder_opener.h"
#include "screens/operator_view.h"
#include "screens/recorder_view.h"
#include "screens/screen.h"
#include "status_collector.h"
#include "upload_handoff.h"
#include "upload_service.h"

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <vector>
#include <string>

namespace lectern {

class FrameRenderer;

class RecordingStation {
public:
    RecordingStation(const LecternConfig& config, const std::string& time_zone);
    ~RecordingStation();

    // The controller's view of the recorder; always valid (commands fail in words while it is not open).
    RecorderControl& control() { return control_; }

    // Once per frame on the main thread. Capture runs only once a screen (preview) or a command
    // wanted it: an idle lobby captures and encodes nothing. With session.auto_record it is wanted
    // from the start. Once open, the recorder stays open.
    void want_capture(bool wanted) { capture_wanted_ = capture_wanted_ || wanted; }
    RecorderView recorder_view(FrameRenderer& renderer);  // polls the recorder's opening, too
    // Polls the recorder's opening without drawing: the loop's commands need it while drawing fails.
    void poll() { recorder_->poll(capture_wanted_); }
    std::vector<UploadRow> upload_rows() const;
    void apply_upload_intents(const std::vector<Intent>& intents);
    // Once a second is enough: CPU of this process, video bitrate, upload speed.
    const StatsHistory& sample_stats(TimePoint now);
    std::vector<std::string> problems() const;  // for the notice banner
    // For the web API (kiosk_web): the recorder's and the uploads' snapshots, and the latest preview.
    StationInputs status_inputs() const;
    const PreviewFrame& preview() const { return preview_; }

private:
    class GuardedControl final : public RecorderControl {
    public:
        explicit GuardedControl(RecordingStation& station) : station_(station) {}
        void start(const RecordingPlan& plan) override;
        void stop() override;
        void pause() override;
        void resume() override;
        void split(const RecordingPlan& next) override;
        void merge_back() override;
        void correct(const RecordingPlan& corrected) override;
        bool handed_on(const std::string& item_id) const override;
        RecorderActivity activity() const override;

    private:
        MediaRecorderControl& open_or_throw();
        RecordingStation& station_;
    };

    LecternConfig config_;
    std::unique_ptr<RecorderOpener> recorder_;
    GuardedControl control_{*this};
    bool capture_wanted_ = false;
    // Finished recordings wait out the undo window here (written down first) before upload.
    std::unique_ptr<HeldRecordings> held_;
    // Items with a file in the upload queue (written by the upload-handoff thread, read by the frame).
    mutable std::mutex handed_mutex_;
    std::set<std::string> handed_on_;
    mutable std::mutex problem_mutex_;  // guards upload_problem_
    std::unique_ptr<UploadService> uploads_;
    std::string upload_problem_;
    // Hands held files and upload actions to the queue off the frame (last: it uses the above).
    std::unique_ptr<UploadHandoff> handoff_;
    PreviewFrame preview_;
    ImTextureID preview_texture_ = nullptr;
    std::chrono::steady_clock::time_point sound_last_heard_ = std::chrono::steady_clock::now();
    StatsHistory stats_;
    TimePoint last_sample_{};
    double last_cpu_seconds_ = 0;
};

}  // namespace lectern
