// Where a source's frames belong in time. Media time: seconds from the source's own timestamps,
// one origin for its video and audio (so their offset in the source is kept), continued across
// the loops of a file. Capture time: the steady clock's seconds, so that the video of one source
// and the sound of another (PulseAudio, ALSA) line up: fixed to media time by the first frame, or,
// for a device stamping with the wall clock, by what its stamps say (its first frames may wait in
// a buffer while the recorder opens; a second there would put its sound a second late).
#pragma once

extern "C" {
#include <libavutil/rational.h>
}

#include <atomic>
#include <cstdint>

namespace lectern {

class SourceClock {
public:
    // Media: a file, a generator, a network stream (capture time = when its first frame is read).
    // WallClock: libavdevice's ALSA, PulseAudio, x11grab and V4L2 stamp with the wall clock at
    // capture (a stamp that is not within 10 s of now is taken as Media).
    enum class Stamps { Media, WallClock };
    // origin: the source's start in seconds (AVFormatContext::start_time), or NaN to take the
    // first timestamp seen.
    explicit SourceClock(double origin, Stamps stamps = Stamps::Media);

    // Media seconds of a timestamp in time base tb.
    double media_time(int64_t pts, AVRational tb);
    // The file starts again: its timestamps restart at the origin, media time goes on from loop_start.
    void restart(double loop_start);
    // Steady-clock seconds at which media time t was captured (or is due, for a paced source).
    double capture_time(double t);
    // Sleeps until media time t is due (a file or generator standing in for a camera), or stop.
    void wait_until(double t, const std::atomic<bool>& stop);

    static double steady_now();
    static double wall_now();

private:
    double origin_, loop_offset_ = 0;
    bool origin_from_first_;
    Stamps stamps_;
    double steady_origin_;  // NaN until the first frame
};

}  // namespace lectern
