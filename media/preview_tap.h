// The preview branch: a downscaled RGBA copy of the picture for the UI, through a latest-frame
// slot. The UI takes the newest; older ones are overwritten, so a slow UI never holds up recording.
#pragma once

#include "av_ptr.h"
#include "recording_types.h"

#include <chrono>
#include <mutex>

namespace lectern {

class PreviewTap {
public:
    PreviewTap(int width, int fps);  // width 0 = no preview
    // True when this frame is due (at most fps a second); the caller skips it when lagging.
    bool due(std::chrono::steady_clock::time_point now) const;
    void offer(const AVFrame* frame, std::chrono::steady_clock::time_point now);
    // Copies the newest picture into out when it is newer than out.sequence.
    bool latest(PreviewFrame& out) const;

private:
    int width_;
    std::chrono::steady_clock::duration interval_;
    std::chrono::steady_clock::time_point last_{};
    av::SwsPtr sws_;
    int src_w_ = 0, src_h_ = 0;
    mutable std::mutex mutex_;
    PreviewFrame slot_;
};

}  // namespace lectern
