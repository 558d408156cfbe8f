#include "service_notify.h"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>

namespace lectern {

ServiceNotifier::ServiceNotifier() {
    enabled_ = std::getenv("NOTIFY_SOCKET") != nullptr;
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0) watchdog_ = std::chrono::microseconds(usec);
}

void ServiceNotifier::ready(const std::string& status) {
    if (!enabled_) return;
    last_status_ = status;
    last_ping_ = std::chrono::steady_clock::now();
    sd_notifyf(0, "READY=1\nSTATUS=%s\nWATCHDOG=1", status.c_str());
}

void ServiceNotifier::stopping(const std::string& status) {
    if (enabled_) sd_notifyf(0, "STOPPING=1\nSTATUS=%s", status.c_str());
}

void ServiceNotifier::healthy(const std::string& status) {
    if (!enabled_) return;
    if (status != last_status_) {
        last_status_ = status;
        sd_notifyf(0, "STATUS=%s", status.c_str());
    }
    const auto now = std::chrono::steady_clock::now();
    if (watchdog_.count() > 0 && now - last_ping_ >= watchdog_ / 2) {
        last_ping_ = now;
        sd_notify(0, "WATCHDOG=1");
    }
}

void ServiceNotifier::unhealthy(const std::string& why) {
    if (!enabled_ || why == last_status_) return;
    last_status_ = why;
    sd_notifyf(0, "STATUS=unhealthy: %s", why.c_str());
}

std::chrono::milliseconds ServiceNotifier::stall_limit() const {
    if (watchdog_.count() == 0) return std::chrono::seconds(30);
    return std::max<std::chrono::milliseconds>(std::chrono::seconds(2), std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_));
}

std::chrono::milliseconds ServiceNotifier::longest_sleep() const {
    if (!enabled_ || watchdog_.count() == 0) return std::chrono::hours(1);
    return std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_ / 2);
}

}  // namespace lectern
