// Audio between the capture thread and the encode thread: planar float samples in an
// AVAudioFifo, capped at two seconds (the oldest are dropped and counted when it overflows), with
// the capture time of the next sample, so the encode thread can put sound where its picture is.
#pragma once

#include "av_ptr.h"

#include <cstdint>
#include <mutex>

namespace lectern {

class AudioBuffer {
public:
    AudioBuffer(int sample_rate, int channels);
    // time: steady-clock seconds of the frame's first sample (SourceClock). A frame that does not
    // follow on from the last one (by more than 0.1 s: a source lost and back, a clock stepped)
    // starts a new run: what was buffered is dropped and run() changes.
    void push(const AVFrame* frame, double time);
    // Fills samples [offset, frame->nb_samples) of frame (buffers allocated by the caller) when
    // enough samples are there.
    bool pop(AVFrame* frame, int offset = 0);
    // Drops the next `samples` samples, those not yet pushed included.
    void skip(int64_t samples);
    int size() const;
    void clear();
    int64_t dropped_samples() const;
    // Capture time of the next sample to pop (NaN when nothing was pushed since clear()).
    double head_time() const;
    // Changes whenever the buffer's sound stops following on from what it had (clear, a jump).
    int64_t run() const;

private:
    void drain(int samples);  // mutex_ held

    mutable std::mutex mutex_;
    av::AudioFifoPtr fifo_;
    int rate_, capacity_;
    int64_t dropped_ = 0, to_skip_ = 0, run_ = 0;
    double head_time_;
};

}  // namespace lectern
