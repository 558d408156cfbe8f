// One turn of a service's main loop, told to systemd (service_notify) with the recording's progress
// (recording_watch): READY the first time; then STATUS and WATCHDOG pings while a recording in
// progress advances, or "STATUS=unhealthy: …" and no ping while it stalls, so that systemd restarts
// the service after WatchdogSec. Each change between the two is logged once. The headless recorder
// and the kiosk report through this; a loop that stops turning stops the pings by itself.
#pragma once

#include "recording_watch.h"
#include "service_notify.h"

#include <chrono>
#include <string>

namespace lectern {

class ServiceHealth {
public:
    ServiceHealth() : watch_(notifier_.stall_limit()) {}
    bool under_systemd() const { return notifier_.under_systemd(); }
    // Once per turn of the main loop; `status` is the line systemctl status shows.
    void report(const RecorderStatus& recorder, const std::string& status);
    void stopping(const std::string& why) { notifier_.stopping(why); }
    // The loop's longest sleep between two reports, so that a healthy loop pings in time.
    std::chrono::milliseconds longest_sleep() const { return notifier_.longest_sleep(); }

private:
    ServiceNotifier notifier_;
    RecordingWatch watch_;
    bool announced_ = false;
    bool was_healthy_ = true;
};

}  // namespace lectern
