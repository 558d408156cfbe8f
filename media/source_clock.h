// Where a source's frames belong in time. Media time: seconds from the source's own timestamps,
// one origin for its video and audio (so their offset in the source is kept), continued across
// the loops of a file. Capture time: the steady clock's seconds, so that the video of one source
// and the sound of another (PulseAudio, ALSA) line up: fixed to media time by the first frame, or,
// for a device stamping with the wall clock, by what its stamps say (its first frames may wait in
// a buffer while the recorder opens; a second there would put its sound a second late), or, for a
// network stream, by when its frames arrived (they wait in the network buffer while the stream is
// probed, then come in a burst).
#pragma once

extern "C" {
#include <libavutil/rational.h>
}

#include <atomic>
#include <cmath>
#include <cstdint>

namespace lectern {

class SourceClock {
public:
    // Media: a file, a generator, a network stream (capture time = when its first frame is read).
    // WallClock: libavdevice's ALSA, PulseAudio, x11grab and V4L2 stamp with the wall clock at
    // capture (a stamp that is not within 10 s of now is taken as Media).
    // Arrival: a network stream (RTSP): media time 0 was captured at the earliest arrival seen
    // (steady time of arrival minus media time, smallest), found once its backlog is read.
    enum class Stamps { Media, WallClock, Arrival };
    // origin: the source's start in seconds (AVFormatContext::start_time), or NaN to take the
    // first timestamp seen.
    explicit SourceClock(double origin, Stamps stamps = Stamps::Media);

    // Media seconds of a timestamp in time base tb.
    double media_time(int64_t pts, AVRational tb);
    // The file starts again: its timestamps restart at the origin, media time goes on from loop_start.
    void restart(double loop_start);
    // Steady-clock seconds at which media time t was captured (or is due, for a paced source).
    double capture_time(double t);
    // Arrival: a packet of media time t was read at steady time now.
    void arrived(double t, double now);
    // False while an Arrival stream's backlog may not all be read yet: its frames are held until
    // then (at most kMaxHold seconds of media), so that the first of them gets its capture time.
    bool settled() const { return stamps_ != Stamps::Arrival || !std::isnan(steady_origin_); }
    static constexpr double kMaxHold = 2.0;
    // Sleeps until media time t is due (a file or generator standing in for a camera), or stop.
    void wait_until(double t, const std::atomic<bool>& stop);

    static double steady_now();
    static double wall_now();

private:
    double origin_, loop_offset_ = 0;
    bool origin_from_first_;
    Stamps stamps_;
    double steady_origin_;  // NaN until the first frame (Arrival: until settled)
    double earliest_ = NAN, first_arrival_ = NAN;  // Arrival: smallest now - t; first t seen
    int later_in_a_row_ = 0;  // Arrival: packets since the earliest arrival last moved earlier
};

}  // namespace lectern
