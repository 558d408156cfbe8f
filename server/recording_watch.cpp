#include "recording_watch.h"

namespace lectern {

std::string RecordingWatch::check(const RecorderStatus& status, std::chrono::steady_clock::time_point now) {
    if (status.state != state_ || status.frames_recorded != frames_) {
        state_ = status.state;
        frames_ = status.frames_recorded;
        moved_ = now;
    }
    if (state_ != RecorderState::Recording || now - moved_ < limit_) return {};
    const auto stalled = std::chrono::duration_cast<std::chrono::seconds>(now - moved_).count();
    return "the recording has not advanced for " + std::to_string(stalled) + " s (" + std::to_string(frames_) + " frames)";
}

}  // namespace lectern
