// Audio between the capture thread and the encode thread: planar float samples in an
// AVAudioFifo, capped at two seconds (the oldest are dropped and counted when it overflows).
#pragma once

#include "av_ptr.h"

#include <cstdint>
#include <mutex>

namespace lectern {

class AudioBuffer {
public:
    AudioBuffer(int sample_rate, int channels);
    void push(const AVFrame* frame);
    // Fills frame (nb_samples set by the caller, buffers allocated) when enough samples are there.
    bool pop(AVFrame* frame);
    int size() const;
    void clear();
    int64_t dropped_samples() const;

private:
    mutable std::mutex mutex_;
    av::AudioFifoPtr fifo_;
    int capacity_;
    int64_t dropped_ = 0;
};

}  // namespace lectern
