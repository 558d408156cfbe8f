#include "kiosk_health.h"

#include "recording_station.h"

#include <cstdio>

namespace lectern {

void KioskHealth::loop_turned(const RecordingStation& station) {
    if (!notifier_.under_systemd()) return;
    // The station's snapshot takes a few locks: read it about once a second, not every frame.
    const auto now = std::chrono::steady_clock::now();
    if (now - checked_ >= std::chrono::seconds(1) || !announced_) {
        checked_ = now;
        const StationInputs in = station.status_inputs();
        stalled_ = watch_.check(in.recorder, now);
        line_ = !in.recorder_open ? (in.recorder_problem.empty() ? "showing the agenda; recorder closed" : "recorder failed: " + in.recorder_problem)
                                  : std::string("showing the agenda; recorder ") + to_string(in.recorder.state);
        if (stalled_.empty() != was_healthy_)
            std::fprintf(stderr, stalled_.empty() ? "<5>lectern: the recording advances again%s\n"
                                                  : "<2>lectern: %s; no watchdog pings until it advances\n",
                         stalled_.c_str());
        was_healthy_ = stalled_.empty();
    }
    if (!announced_) notifier_.ready(line_), announced_ = true;
    else if (!stalled_.empty()) notifier_.unhealthy(stalled_);
    else notifier_.healthy(line_);
}

}  // namespace lectern
