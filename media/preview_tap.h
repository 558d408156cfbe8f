// The preview branch: a downscaled RGBA copy of the picture for the UI, through a latest-frame
// slot. The UI takes the newest; older ones are overwritten, so a slow UI never holds up recording.
// Pictures are made only while someone asks for them: a recording with no screen or dashboard
// looking (`lectern record`, a headless room nobody watches) pays nothing for its preview.
#pragma once

#include "av_ptr.h"
#include "recording_types.h"

#include <atomic>
#include <limits>
#include <chrono>
#include <mutex>
#include <vector>

namespace lectern {

class PreviewTap {
public:
    using Time = std::chrono::steady_clock::time_point;
    // How long one latest() call keeps pictures coming.
    static constexpr std::chrono::seconds kAskedFor{3};

    // width 0 = no preview. Counted in frames, not wall time, so that a benchmark running faster
    // than real time pays for the same previews per media second as the kiosk does.
    PreviewTap(int width, int preview_fps, int source_fps);
    // True for every (source_fps / preview_fps)-th frame while latest() was called within
    // kAskedFor of now; the caller skips it when lagging.
    bool due(int64_t frame_number, Time now) const;
    void offer(const AVFrame* frame);
    // Copies the newest picture into out when it is newer than out.sequence, and asks for more.
    bool latest(PreviewFrame& out, Time now) const;

private:
    int width_;
    int64_t every_;
    av::SwsPtr sws_;
    int src_w_ = 0, src_h_ = 0;
    // steady_clock nanoseconds until which pictures are wanted; written by the UI, read by the encoder.
    mutable std::atomic<int64_t> wanted_until_{std::numeric_limits<int64_t>::min()};
    mutable std::mutex mutex_;
    PreviewFrame slot_;
    std::vector<uint8_t> spare_;  // the previous picture's pixels, reused instead of a fresh allocation
};

}  // namespace lectern
