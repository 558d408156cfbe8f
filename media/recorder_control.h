// Connects the session controller (core/session_controller.h: start, next speaker, pause,
// stop, automatic recording) to the FFmpeg recorder, and turns agenda items and the controller's
// plans into RecordingMeta.
#pragma once

#include "recorder.h"
#include "session_controller.h"

#include <string>

namespace lectern {

RecordingMeta meta_from_plan(const RecordingPlan& plan, const std::string& kiosk_id, const std::string& time_zone);
RecordingMeta meta_for_item(const Agenda& agenda, const AgendaItem& item, const std::string& kiosk_id);

class MediaRecorderControl final : public RecorderControl {
public:
    // time_zone: the event's, for file names and sidecar times.
    MediaRecorderControl(Recorder& recorder, std::string kiosk_id, std::string time_zone);

    // Does not wait for the file to open (the kiosk's frame must not); throws std::runtime_error when
    // the recorder is not open. A file that cannot be opened shows as activity() Stopped.
    void start(const RecordingPlan& plan) override;
    void stop() override;
    void pause() override;
    void resume() override;
    void split(const RecordingPlan& next) override;
    void correct(const RecordingPlan& corrected) override;
    RecorderActivity activity() const override;
    // The file being recorded since the last start() or split() (FinishedRecording::file_id).
    uint64_t current_file() const { return current_file_; }

private:
    Recorder& recorder_;
    uint64_t current_file_ = 0;
    std::string kiosk_id_;
    std::string time_zone_;
};

}  // namespace lectern
