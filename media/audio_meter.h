// Peak and RMS in dBFS per channel over 40 ms windows (25 readings a second), for the UI's meters.
#pragma once

#include "recording_types.h"

extern "C" {
#include <libavutil/frame.h>
}

#include <mutex>

namespace lectern {

class AudioMeter {
public:
    AudioMeter(int sample_rate, int channels);
    void add(const AVFrame* planar_float);
    AudioLevels levels() const;

private:
    int window_;
    int channels_;
    int filled_ = 0;
    std::vector<double> peak_, sum_squares_;
    mutable std::mutex mutex_;
    AudioLevels published_;
};

}  // namespace lectern
