// A PulseAudio (or PipeWire-pulse) source.
#include "source.h"

namespace lectern {

SourceSpec pulse_source(const MediaConfig& c) {
    SourceSpec s;
    s.what = "PulseAudio source " + c.audio_device;
    s.format = "pulse";
    s.url = c.audio_device;
    s.options = {{"sample_rate", std::to_string(c.sample_rate)}, {"channels", std::to_string(c.channels)}};
    s.fix = "check that the sound server runs for this user (pactl list sources short) and set [media] audio_device";
    s.take_video = false;
    s.exact_timestamps = false;
    return s;
}

}  // namespace lectern
