// One recording playing on the console: the decoder's thread makes pictures and sound; on the frame
// thread this queues the sound to SDL audio, keeps the clock (the sound card's when there is one,
// else the wall clock), and hands over the picture that is due. Play, pause, seek.
#pragma once

#include "playback_decoder.h"

#include <SDL.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace lectern {

class PlaybackSession {
public:
    // Opens the sound device if there is one; without, plays silent and says so in message().
    explicit PlaybackSession(std::unique_ptr<PlaybackDecoder> decoder);
    ~PlaybackSession();
    PlaybackSession(const PlaybackSession&) = delete;
    PlaybackSession& operator=(const PlaybackSession&) = delete;

    void play();
    void pause();
    void seek(double seconds);
    bool paused() const { return paused_; }
    bool ended() const;
    double position() const;
    double duration() const { return decoder_->duration_seconds(); }
    const std::string& message() const { return message_; }

    // Once per frame: queues sound, and returns the newest picture whose time has come (if any).
    std::optional<PlaybackPicture> tick();

private:
    using Clock = std::chrono::steady_clock;
    std::unique_ptr<PlaybackDecoder> decoder_;
    SDL_AudioDeviceID audio_ = 0;
    int bytes_per_frame_ = 0;
    bool paused_ = true;
    double anchor_position_ = 0;          // position at anchor_time_ (wall clock)
    Clock::time_point anchor_time_ = Clock::now();
    std::optional<double> sound_start_;   // media time of the first sample queued since the last seek
    uint64_t sound_queued_ = 0;           // sample frames queued since then
    bool shown_since_seek_ = false;
    std::string message_;
};

}  // namespace lectern
