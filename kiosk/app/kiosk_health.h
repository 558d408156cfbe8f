// The kiosk unit's health for systemd (server/service_notify): READY once the first frame is on the
// screen, STATUS with the recorder's state, WATCHDOG pings from the frame loop only while it turns
// and a recording in progress advances. A loop stuck in the display driver or a recording that
// stalls stops the pings, and systemd restarts the kiosk after WatchdogSec (the file is recovered).
// Does nothing outside systemd.
#pragma once

#include "recording_watch.h"
#include "service_notify.h"

#include <chrono>
#include <string>

namespace lectern {

class RecordingStation;

class KioskHealth {
public:
    KioskHealth() : watch_(notifier_.stall_limit()) {}
    // Once per turn of the frame loop, after a frame was presented (or nothing needed drawing).
    void loop_turned(const RecordingStation& station);
    void stopping() { notifier_.stopping("finishing the current file"); }
    // The loop's longest sleep, so that a healthy loop pings in time.
    int max_wait_ms() const { return static_cast<int>(notifier_.longest_sleep().count()); }

private:
    ServiceNotifier notifier_;
    RecordingWatch watch_;
    std::chrono::steady_clock::time_point checked_{};
    bool announced_ = false;
    bool was_healthy_ = true;
    std::string stalled_;
    std::string line_ = "starting";
};

}  // namespace lectern
