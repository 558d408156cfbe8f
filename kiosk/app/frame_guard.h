// Keeps a failing frame from ending the kiosk (issue 12 item 10). The live loop runs each frame's
// drawing and its acting on what was drawn (commands, uploads, the web API) through run(): an
// exception there is caught and counted, the first and then at most one a minute is logged, and the
// console shows an alert while failures are recent. The recorder runs on its own threads and never
// waits for a frame, so the recording in progress goes on and is finished as usual.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace lectern {

class FrameGuard {
public:
    using Clock = std::chrono::steady_clock;

    // LECTERN_INJECT_FRAME_FAULT=FILE (for tests only): while FILE exists, inject() throws.
    FrameGuard();

    // Runs one stage of a frame ("draw", "act"); false when it threw.
    bool run(const char* stage, const std::function<void()>& work, Clock::time_point now = Clock::now());
    // Called by the drawing stage: the tests' way to make a frame fail.
    void inject() const;
    // The console's notice while the last failure is less than a minute old.
    std::optional<std::string> alert(Clock::time_point now = Clock::now()) const;
    uint64_t failures() const { return failures_; }

private:
    std::string fault_file_;
    uint64_t failures_ = 0;
    uint64_t logged_failures_ = 0;  // failures_ when the last line was logged
    std::string last_;
    Clock::time_point last_at_{};
    std::optional<Clock::time_point> logged_at_;
};

}  // namespace lectern
