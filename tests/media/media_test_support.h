// Helpers for the media suite: small recordings in fresh folders, and ffprobe answers.
#pragma once

#include "media_config.h"
#include "recording_types.h"

#include <functional>
#include <string>
#include <vector>

namespace lectern {
class Recorder;
}

namespace lectern::test {

// A fresh empty folder under /tmp for one test.
std::string fresh_dir(const std::string& name);
// 320x240 at 30 fps keeps the suite fast on two shared cores.
MediaConfig small_config(const std::string& output_dir);
// Why a Recorder with this configuration does not open ("" when it does).
std::string open_error(const MediaConfig& c);
RecordingMeta sample_meta(const std::string& title);

// A short H.264+AAC clip from a lavfi picture (e.g. "testsrc2=size=320x240:rate=30") and a 440 Hz
// tone, standing in for a camera's file; returns its path (dir/name).
std::string make_clip(const std::string& dir, const std::string& name, const std::string& picture, double seconds);
// A configuration that records `clip` as its camera (looped or not).
MediaConfig file_config(const std::string& output_dir, const std::string& clip, bool loop);

// Runs a shell command and returns its standard output (stderr discarded unless redirected).
std::string run(const std::string& command);
std::vector<std::string> codecs_of(const std::string& file);
double duration_of(const std::string& file);
int64_t video_frames_of(const std::string& file);
// Video presentation times in seconds, in presentation order.
std::vector<double> video_times_of(const std::string& file);
// True when ffmpeg decodes the whole file without an error.
bool decodes_cleanly(const std::string& file);
std::string read_text(const std::string& file);

// Waits (up to 20 s) for a status snapshot that satisfies done; returns the last one seen.
RecorderStatus wait_for_status(const Recorder& recorder, const std::function<bool(const RecorderStatus&)>& done);
// Waits until at least `frames` frames have been recorded since start().
RecorderStatus wait_for_frames(const Recorder& recorder, int64_t frames);
// The luma (Y, 0-255) of the video frame shown at `seconds`, width*height bytes row by row; empty
// when ffmpeg cannot decode one.
std::string luma_at(const std::string& file, double seconds, int width, int height);
// Mean luma of the rectangle [x0, x1) x [y0, y1), and the share of its pixels brighter than `bright`.
double mean_luma(const std::string& luma, int width, int x0, int y0, int x1, int y1);
double bright_share(const std::string& luma, int width, int x0, int y0, int x1, int y1, int bright = 170);

}  // namespace lectern::test
