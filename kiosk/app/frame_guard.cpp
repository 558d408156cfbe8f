#include "frame_guard.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace lectern {

namespace {
constexpr auto kLogEvery = std::chrono::minutes(1);
constexpr auto kAlertFor = std::chrono::minutes(1);
}  // namespace

FrameGuard::FrameGuard() {
    if (const char* file = std::getenv("LECTERN_INJECT_FRAME_FAULT"); file && *file) fault_file_ = file;
}

bool FrameGuard::run(const char* stage, const std::function<void()>& work, Clock::time_point now) {
    try {
        work();
        return true;
    } catch (const std::exception& e) {
        last_ = std::string(stage) + ": " + e.what();
    } catch (...) {
        last_ = std::string(stage) + ": an exception that is no std::exception";
    }
    ++failures_;
    last_at_ = now;
    if (!logged_at_ || now - *logged_at_ >= kLogEvery) {
        // journald priority 3 (error); one line a minute at most, however many frames fail.
        std::fprintf(stderr, "<3>lectern: a frame failed (%s); %llu failed since the last report; the kiosk and the recording go on\n",
                     last_.c_str(), static_cast<unsigned long long>(failures_ - logged_failures_));
        logged_failures_ = failures_;
        logged_at_ = now;
    }
    return false;
}

void FrameGuard::inject() const {
    struct stat info {};
    if (!fault_file_.empty() && stat(fault_file_.c_str(), &info) == 0) throw std::runtime_error("fault injected by " + fault_file_);
}

std::optional<std::string> FrameGuard::alert(Clock::time_point now) const {
    if (failures_ == 0 || now - last_at_ >= kAlertFor) return std::nullopt;
    return "The screen failed to draw " + std::to_string(failures_) + " frame(s); the recording goes on. Last: " + last_ +
           ". Please report it with the log (journalctl -u lectern-kiosk).";
}

}  // namespace lectern
