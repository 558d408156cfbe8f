// Telling systemd how the service is (libsystemd's sd_notify): READY once serving, STATUS with the
// recorder's state, WATCHDOG pings from the main loop only while it runs (a stuck loop stops the
// pings and systemd restarts the service after WatchdogSec). Does nothing outside systemd.
#pragma once

#include <chrono>
#include <string>

namespace lectern {

class ServiceNotifier {
public:
    ServiceNotifier();  // reads $NOTIFY_SOCKET and $WATCHDOG_USEC through libsystemd
    bool under_systemd() const { return enabled_; }
    void ready(const std::string& status);
    void stopping(const std::string& status);
    // Call once per healthy loop iteration: STATUS when it changed, WATCHDOG at half the interval.
    void healthy(const std::string& status);
    // Instead of healthy() while the loop turns but the station is stuck (a stalled recording): STATUS
    // says why, and no WATCHDOG, so systemd restarts the service after WatchdogSec.
    void unhealthy(const std::string& why);
    // How long a stall may last before the service counts as unhealthy: the watchdog's interval
    // (at least 2 s), or 30 s outside systemd.
    std::chrono::milliseconds stall_limit() const;
    // The longest a healthy loop may sleep between two calls of healthy(): half the watchdog's
    // interval, or an hour outside systemd or without a watchdog.
    std::chrono::milliseconds longest_sleep() const;

private:
    bool enabled_ = false;
    std::chrono::microseconds watchdog_{0};
    std::chrono::steady_clock::time_point last_ping_{};
    std::string last_status_;
};

}  // namespace lectern
