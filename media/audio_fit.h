// Fits decoded sound to what the encoder takes: planar float at the recording's rate and channels,
// placed on the source's timeline. Sound with exact timestamps (files, generators, RTP) is stitched
// to them: a gap (lost packets; a looped file whose sound ends before its picture) is filled with
// silence and an overlap is cut, so neither builds up loop after loop. The sound counterpart of
// video_fit.h; capture_input.cpp decodes and hands each frame here.
#pragma once

#include "av_ptr.h"

#include <tl/expected.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace lectern {

class AudioFit {
public:
    struct Converted {
        av::FramePtr sound;  // null when the resampler keeps all of it for now
        double held = 0;     // seconds of earlier sound still in the resampler: sound starts that much before its frame
    };
    struct Placed {
        av::FramePtr sound;
        double media;  // media time of its first sample, seconds
    };

    AudioFit(int sample_rate, int channels, bool exact_timestamps);
    // One decoded frame (of a stream with time_base) resampled. Fails with a description of the
    // sound ("48000 Hz, stereo, s16") when swresample refuses it.
    tl::expected<Converted, std::string> convert(AVFrame* in, AVRational time_base);
    // Appends converted sound at media (NaN: its frame had no timestamp; it follows the last sound,
    // or starts at `otherwise`) to out, after any silence that fills a gap before it.
    void place(av::FramePtr sound, double media, double otherwise, std::vector<Placed>& out);
    // Media time just after the last sample placed (NaN before the first).
    double next() const { return next_; }

private:
    av::FramePtr silence(int samples) const;

    int sample_rate_, channels_;
    bool exact_timestamps_;
    av::SwrPtr swr_;
    double next_ = NAN;
};

}  // namespace lectern
