// A recorder opened in the background and retried every 10 s while it fails (a camera not yet
// plugged in, an RTSP camera still booting). Opening probes devices and cameras, which can take
// seconds, so it never runs on the owner's loop (the kiosk's frame, the headless recorder's loop).
// Shared by the kiosk's RecordingStation and `lectern run --headless`.
#pragma once

#include "recorder.h"
#include "recorder_control.h"

#include <chrono>
#include <future>
#include <memory>
#include <string>

namespace lectern {

class RecorderOpener {
public:
    RecorderOpener(const MediaConfig& media, std::string kiosk_id, std::string time_zone);
    ~RecorderOpener() { close(); }

    Recorder& recorder() { return *recorder_; }
    const Recorder& recorder() const { return *recorder_; }

    enum class Change { None, Opened, Failed };
    // On the owner's loop: takes in a finished try and, while `wanted` and not open, starts the next
    // one once the retry wait is over. Says what changed, for the owner's log.
    Change poll(bool wanted);

    bool is_open() const { return control_ != nullptr; }
    const std::string& problem() const { return problem_; }  // empty while none (or once open)
    MediaRecorderControl* control() const { return control_.get(); }
    // The controls, or std::runtime_error with the reason in words while the recorder is not open.
    MediaRecorderControl& control_or_throw() const;

    // Waits for a try in flight, then finishes and finalizes a recording in progress.
    void close();

private:
    std::unique_ptr<Recorder> recorder_;
    std::string kiosk_id_, time_zone_;
    std::unique_ptr<MediaRecorderControl> control_;
    std::future<tl::expected<void, std::string>> opening_;
    std::chrono::steady_clock::time_point next_try_{};
    std::string problem_;
};

}  // namespace lectern
