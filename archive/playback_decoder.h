// Plays back a finished recording for the operator console: a decoder thread ("lectern-play")
// that reads the file with libav, turns pictures into RGBA (at most max_width wide) and sound into
// interleaved float stereo at 48 kHz, and keeps a short queue of each for whoever shows them (the
// kiosk uploads pictures to a texture and queues sound to SDL audio). Seeking lands on the first
// picture at or after the target. Display-free: no SDL here.
#pragma once

#include <tl/expected.hpp>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lectern {

struct PlaybackPicture {
    double seconds = 0;  // from the start of the file
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
};

struct PlaybackSound {
    double seconds = 0;          // of the first sample
    std::vector<float> samples;  // interleaved, PlaybackOptions::channels per frame
};

struct PlaybackOptions {
    int max_width = 960;         // pictures are scaled down to this (the console's player is smaller)
    int sample_rate = 48000;
    int channels = 2;
    size_t pictures_ahead = 12;  // decoded pictures kept ready
    double sound_ahead_s = 1.0;  // decoded sound kept ready
    bool low_priority = true;    // nice the thread: a recording (if one starts) comes first
};

class PlaybackDecoder {
public:
    // The error names the file and what failed.
    static tl::expected<std::unique_ptr<PlaybackDecoder>, std::string> open(const std::string& path, const PlaybackOptions& options = {});
    ~PlaybackDecoder();
    PlaybackDecoder(const PlaybackDecoder&) = delete;
    PlaybackDecoder& operator=(const PlaybackDecoder&) = delete;

    double duration_seconds() const { return duration_; }
    bool has_sound() const { return sound_stream_ >= 0; }
    const PlaybackOptions& options() const { return options_; }

    // Never block: empty when nothing is decoded yet.
    std::optional<double> next_picture_seconds() const;
    std::optional<PlaybackPicture> take_picture();
    std::optional<PlaybackSound> take_sound();
    // Drops what is queued and continues from `seconds` (clamped to the file).
    void seek(double seconds);
    // Everything was decoded and taken (or the file could not be read further: see error()).
    bool finished() const;
    std::string error() const;

    // Tests: waits until a picture is queued or decoding ended; false at the deadline.
    bool wait_for_picture(std::chrono::milliseconds deadline);

private:
    struct Impl;
    explicit PlaybackDecoder(std::unique_ptr<Impl> impl, const PlaybackOptions& options);
    void run();
    bool queue_full_locked() const;

    std::unique_ptr<Impl> impl_;  // libav state, touched by the decoder thread only
    PlaybackOptions options_;
    double duration_ = 0;
    int sound_stream_ = -1;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<PlaybackPicture> pictures_;
    std::deque<PlaybackSound> sound_;
    size_t sound_samples_ = 0;  // queued, per channel
    std::optional<double> seek_to_;
    uint64_t serial_ = 0;       // grows with every seek: what was decoded before it is dropped
    bool ended_ = false, stop_ = false;
    std::string error_;
    std::thread thread_;
};

}  // namespace lectern
