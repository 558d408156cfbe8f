// Picks the source kinds named in [media].
#include "source.h"

extern "C" {
#include <libavutil/error.h>
}

#include <cerrno>

namespace lectern {

SourceSpec video_source_spec(const MediaConfig& c) {
    SourceSpec s;
    if (c.source == "v4l2") s = v4l2_source(c);
    else if (c.source == "x11grab") s = x11grab_source(c);
    else if (c.source == "rtsp") s = rtsp_source(c);
    else if (c.source == "file") s = file_source(c);
    else s = synthetic_source(c);
    // A separate audio device or no audio: take only the picture from the video source.
    if (c.audio_source != "auto") s.take_audio = false;
    return s;
}

const std::string& fix_for(const SourceSpec& spec, int averror) {
    const std::string* fix = &spec.fix;
    if (averror == AVERROR(EACCES) || averror == AVERROR(EPERM)) fix = &spec.fix_denied;
    else if (averror == AVERROR(EBUSY)) fix = &spec.fix_busy;
    else if (averror == AVERROR(ENOTTY) || averror == AVERROR(ENODEV) || averror == AVERROR(EINVAL))
        fix = &spec.fix_unsupported;
    return fix->empty() ? spec.fix : *fix;
}

std::optional<SourceSpec> audio_source_spec(const MediaConfig& c) {
    if (c.audio_source == "alsa") return alsa_source(c);
    if (c.audio_source == "pulse") return pulse_source(c);
    return std::nullopt;
}

}  // namespace lectern
