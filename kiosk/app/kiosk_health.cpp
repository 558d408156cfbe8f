#include "kiosk_health.h"

#include "recording_station.h"

namespace lectern {

void KioskHealth::loop_turned(const RecordingStation& station) {
    if (!health_.under_systemd()) return;
    // The station's snapshot takes a few locks: read it about once a second, not every frame.
    const auto now = std::chrono::steady_clock::now();
    if (line_.empty() || now - checked_ >= std::chrono::seconds(1)) {
        checked_ = now;
        const StationInputs in = station.status_inputs();
        recorder_ = in.recorder;
        line_ = !in.recorder_open ? (in.recorder_problem.empty() ? "showing the agenda; recorder closed" : "recorder failed: " + in.recorder_problem)
                                  : std::string("showing the agenda; recorder ") + to_string(in.recorder.state);
    }
    health_.report(recorder_, line_);
}

}  // namespace lectern
