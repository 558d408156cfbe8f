// Whether a recording still advances, for the service watchdog: while recording, the encoder's frame
// count (slate frames included, so a lost camera still counts) must grow. A recording that stalls (an
// encoder or a disk write that hangs) makes the service unhealthy: the loop stops the WATCHDOG pings
// and systemd restarts the recorder, which recovers the file at its next start.
#pragma once

#include "recording_types.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace lectern {

class RecordingWatch {
public:
    explicit RecordingWatch(std::chrono::milliseconds limit) : limit_(limit) {}
    // Empty while the recording advances (or nothing is recorded), else why the station is unhealthy.
    std::string check(const RecorderStatus& status, std::chrono::steady_clock::time_point now);

private:
    std::chrono::milliseconds limit_;
    RecorderState state_ = RecorderState::Idle;
    int64_t frames_ = -1;
    std::chrono::steady_clock::time_point moved_{};
};

}  // namespace lectern
