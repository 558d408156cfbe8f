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

    void start(const RecordingPlan& plan) override;  // throws std::runtime_error with the recorder's reason
    void stop() override;
    void pause() override;
    void resume() override;
    void split(const RecordingPlan& next) override;

private:
    Recorder& recorder_;
    std::string kiosk_id_;
    std::string time_zone_;
};

}  // namespace lectern
