// Audio-only capture devices: ALSA (a USB microphone or the mixer's line out into a sound card)
// and PulseAudio (or PipeWire-pulse). Both take the same options; only the format and the fix differ.
#include "source.h"

namespace lectern {
namespace {

SourceSpec audio_device_source(const MediaConfig& c, const char* format, const char* what, const char* fix) {
    SourceSpec s;
    s.what = std::string(what) + " " + c.audio_device;
    s.format = format;
    s.url = c.audio_device;
    s.options = {{"sample_rate", std::to_string(c.sample_rate)}, {"channels", std::to_string(c.channels)}};
    s.fix = fix;
    s.take_video = false;
    // Their timestamps are the wall clock at each read, smoothed: they wander by tens of ms around
    // the sample count (more in the first second). Taken as exact, every wander became inserted
    // silence or cut sound; the device's own sample count is the timeline instead.
    s.exact_timestamps = false;
    s.wall_clock_stamps = true;
    // libavdevice waits in the device for the first packet: a source that sends nothing held open().
    s.reads_ignore_interrupt = true;
    s.open_seconds = 5;
    return s;
}

}  // namespace

SourceSpec alsa_source(const MediaConfig& c) {
    SourceSpec s = audio_device_source(c, "alsa", "ALSA device",
                                       "check 'lectern devices' (or arecord -l) and set [media] audio_device, e.g. \"hw:1,0\"");
    s.fix_denied = "this user may not open the sound card: add it to the 'audio' group (sudo usermod -aG audio USER, "
                   "then log in again)";
    s.fix_busy = "another program holds " + c.audio_device + " (often PulseAudio or PipeWire: 'fuser -v /dev/snd/*'); "
                 "record through it with [media] audio_source = \"pulse\", or stop that program";
    s.fix_unsupported = c.audio_device + " does not record " + std::to_string(c.sample_rate) + " Hz, " +
                        std::to_string(c.channels) + " channels: 'arecord --dump-hw-params -D " + c.audio_device +
                        "' lists what it offers; set [media] sample_rate and channels, or use \"plughw:...\" to convert";
    return s;
}

SourceSpec pulse_source(const MediaConfig& c) {
    SourceSpec s = audio_device_source(c, "pulse", "PulseAudio source",
                                       "check that the sound server runs for this user (pactl list sources short) and set [media] audio_device");
    s.fix_silent = "check that it is not suspended and that something feeds it ('pactl list sources short' shows it "
                   "RUNNING; a pipe, network or Bluetooth source needs its sender), or pick another [media] audio_device";
    return s;
}

}  // namespace lectern
