// The kiosk unit's health for systemd (server/service_health): READY once the first frame is on the
// screen, STATUS with the recorder's state, WATCHDOG pings from the frame loop only while it turns
// and a recording in progress advances. A loop stuck in the display driver or a recording that
// stalls stops the pings, and systemd restarts the kiosk after WatchdogSec (the file is recovered).
// Does nothing outside systemd.
#pragma once

#include "recording_types.h"
#include "service_health.h"

#include <chrono>
#include <string>

namespace lectern {

class RecordingStation;

class KioskHealth {
public:
    // Once per turn of the frame loop, after a frame was presented (or nothing needed drawing).
    void loop_turned(const RecordingStation& station);
    void stopping() { health_.stopping("finishing the current file"); }
    // The loop's longest sleep, so that a healthy loop pings in time.
    int max_wait_ms() const { return static_cast<int>(health_.longest_sleep().count()); }

private:
    ServiceHealth health_;
    std::chrono::steady_clock::time_point checked_{};
    RecorderStatus recorder_;
    std::string line_;
};

}  // namespace lectern
