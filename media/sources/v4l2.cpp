// A V4L2 camera or HDMI capture card.
#include "source.h"

extern "C" {
#include <libavcodec/codec_desc.h>
#include <libavutil/pixdesc.h>
}

namespace lectern {

SourceSpec v4l2_source(const MediaConfig& c) {
    SourceSpec s;
    s.what = "camera " + c.device;
    s.format = "video4linux2";
    s.url = c.device;
    const std::string size = std::to_string(c.width) + "x" + std::to_string(c.height);
    s.options = {{"video_size", size}, {"framerate", std::to_string(c.fps)}};
    if (!c.input_format.empty()) {
        s.options.emplace_back("input_format", c.input_format);
        // FFmpeg's v4l2 input takes a pixel format or a codec name; checked before the device is opened.
        if (av_get_pix_fmt(c.input_format.c_str()) == AV_PIX_FMT_NONE &&
            !avcodec_descriptor_get_by_name(c.input_format.c_str()))
            s.invalid = "[media] input_format \"" + c.input_format +
                        "\" is neither a pixel format nor a codec FFmpeg knows; use what 'v4l2-ctl --list-formats-ext -d " +
                        c.device + "' lists, e.g. \"mjpeg\" or \"yuyv422\", or \"\" for the camera's default";
    }
    s.fix = "check that the camera is plugged in and listed by 'lectern devices', or set [media] device";
    s.fix_denied = "this user may not open " + c.device + ": add it to the 'video' group (sudo usermod -aG video USER, "
                   "then log in again)";
    s.fix_busy = "another program is using " + c.device + " (find it with 'fuser -v " + c.device +
                 "'): close it, or set [media] device to another camera";
    s.fix_unsupported = c.device + " is not a camera that gives " + size + " at " + std::to_string(c.fps) + " fps" +
                        (c.input_format.empty() ? "" : " in " + c.input_format) +
                        ": 'v4l2-ctl --list-formats-ext -d " + c.device +
                        "' lists what it offers; set [media] width, height, fps and input_format to one of them, "
                        "or [media] device to the capture node ('lectern devices')";
    s.fix_silent = "the camera opened but sends no picture: a capture card without an input signal does this; check "
                   "the cable and that the laptop or camera outputs to it";
    // Its read waits in the driver (VIDIOC_DQBUF) for a picture that may never come.
    s.reads_ignore_interrupt = true;
    s.take_audio = false;
    // With its default "timestamps" option, FFmpeg's v4l2 input turns the driver's monotonic
    // stamps into wall-clock time (a driver that does otherwise falls back: see SourceClock).
    s.wall_clock_stamps = true;
    return s;
}

}  // namespace lectern
