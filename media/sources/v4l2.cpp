// A V4L2 camera or HDMI capture card.
#include "source.h"

namespace lectern {

SourceSpec v4l2_source(const MediaConfig& c) {
    SourceSpec s;
    s.what = "camera " + c.device;
    s.format = "video4linux2";
    s.url = c.device;
    s.options = {{"video_size", std::to_string(c.width) + "x" + std::to_string(c.height)},
                 {"framerate", std::to_string(c.fps)}};
    if (!c.input_format.empty()) s.options.emplace_back("input_format", c.input_format);
    s.fix = "check that the camera is plugged in and listed by 'lectern devices', or set [media] device";
    s.take_audio = false;
    // With its default "timestamps" option, FFmpeg's v4l2 input turns the driver's monotonic
    // stamps into wall-clock time (a driver that does otherwise falls back: see SourceClock).
    s.wall_clock_stamps = true;
    return s;
}

}  // namespace lectern
