// An ALSA capture device (a USB microphone or the mixer's line out into a sound card).
#include "source.h"

namespace lectern {

SourceSpec alsa_source(const MediaConfig& c) {
    SourceSpec s;
    s.what = "ALSA device " + c.audio_device;
    s.format = "alsa";
    s.url = c.audio_device;
    s.options = {{"sample_rate", std::to_string(c.sample_rate)}, {"channels", std::to_string(c.channels)}};
    s.fix = "check 'lectern devices' (or arecord -l) and set [media] audio_device, e.g. \"hw:1,0\"";
    s.take_video = false;
    s.exact_timestamps = false;
    return s;
}

}  // namespace lectern
