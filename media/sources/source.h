// What a capture source is: how libavdevice/libavformat opens it and how it behaves when it ends.
// Each kind (synthetic, v4l2, alsa, pulse, x11grab, rtsp, file) lives in its own file and only
// builds a SourceSpec; capture_input.cpp opens and decodes any of them the same way.
#pragma once

#include "media_config.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lectern {

struct SourceSpec {
    std::string what;         // for messages: "camera /dev/video0", "RTSP rtsp://cam/stream"
    std::string format;       // libavdevice/libavformat input name; "" = probe the URL
    std::string url;
    std::vector<std::pair<std::string, std::string>> options;
    std::string fix;          // what a person should do when it cannot be opened
    // ... when it may not be opened (EACCES, EPERM), is held by another program (EBUSY), or is
    // not that kind of device or refuses the asked format (ENOTTY, ENODEV, EINVAL); "" = fix.
    std::string fix_denied, fix_busy, fix_unsupported;
    // ... when it opens but sends nothing within open_seconds; "" = fix.
    std::string fix_silent;
    // Opening it and reading its first packets (the stream probe) end after this many seconds.
    double open_seconds = 10;
    // Its reads wait in the device without looking at FFmpeg's interrupt callback (libavdevice's
    // PulseAudio, ALSA and V4L2; x11grab in libxcb): it is probed on a thread of its own (source_probe.h).
    bool reads_ignore_interrupt = false;
    // A setting found wrong before the device is touched (e.g. an input_format FFmpeg does not
    // know): open() reports it instead of opening.
    std::string invalid;
    bool take_video = true;
    bool take_audio = true;
    bool live = true;         // a live source never waits: frames are dropped if the encoder lags
    bool pace = false;        // read at real-time speed (a file or a generator standing in for a camera)
    bool loop = false;        // at the end start again (a file looped as a camera)
    bool reconnect = true;    // try again with backoff after it stops
    // Its audio timestamps count samples (files, generators, RTP); a gap or overlap in them is
    // filled with silence or cut. ALSA and PulseAudio stamp with the wall clock at each read.
    bool exact_timestamps = true;
    // Its timestamps are the wall clock at capture (libavdevice's ALSA, PulseAudio, x11grab and
    // V4L2 by default): they say when it was captured even if it waited in a buffer (SourceClock).
    bool wall_clock_stamps = false;
    // A network stream (RTSP): its first frames wait in the network buffer while it is probed and
    // come in a burst; it was captured when its packets arrive as they are sent (SourceClock).
    bool arrival_stamps = false;
};

// The fix for an AVERROR from opening or reading spec (fix_denied, fix_busy, fix_unsupported or fix).
const std::string& fix_for(const SourceSpec& spec, int averror);

SourceSpec synthetic_source(const MediaConfig& c, bool real_time = true);
// The lavfi graph of the synthetic source, shared with the benchmark's ffmpeg CLI run; clock =
// false leaves out the drawtext clock (for a machine without fonts).
std::string synthetic_graph(const MediaConfig& c, bool clock = true);
// The sync pattern ([media] source = "sync"): a white flash and a 1 kHz beep at the start of every
// second, for measuring how far sound and picture drift apart (bench/media/av_sync).
std::string sync_graph(const MediaConfig& c);
// A camera-like picture ([media] source = "camera_like"): the test pattern's moving parts with
// sensor-like noise on every pixel of every frame, which costs x264 what a real camera costs
// (BENCHMARKS.md); the synthetic beep as sound.
std::string camera_like_graph(const MediaConfig& c);
SourceSpec v4l2_source(const MediaConfig& c);
SourceSpec x11grab_source(const MediaConfig& c);
SourceSpec rtsp_source(const MediaConfig& c);
SourceSpec file_source(const MediaConfig& c);
SourceSpec alsa_source(const MediaConfig& c);
SourceSpec pulse_source(const MediaConfig& c);

// The video source named by [media] source, and a separate audio source when audio_source asks
// for one (alsa, pulse). Synthetic, file and RTSP carry their own audio.
SourceSpec video_source_spec(const MediaConfig& c);
std::optional<SourceSpec> audio_source_spec(const MediaConfig& c);

}  // namespace lectern
