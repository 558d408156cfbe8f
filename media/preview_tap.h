// The preview branch: a downscaled RGBA copy of the picture for the UI, through a latest-frame
// slot. The UI takes the newest; older ones are overwritten, so a slow UI never holds up recording.
#pragma once

#include "av_ptr.h"
#include "recording_types.h"

#include <mutex>

namespace lectern {

class PreviewTap {
public:
    // width 0 = no preview. Counted in frames, not wall time, so that a benchmark running faster
    // than real time pays for the same previews per media second as the kiosk does.
    PreviewTap(int width, int preview_fps, int source_fps);
    // True for every (source_fps / preview_fps)-th frame; the caller skips it when lagging.
    bool due(int64_t frame_number) const;
    void offer(const AVFrame* frame);
    // Copies the newest picture into out when it is newer than out.sequence.
    bool latest(PreviewFrame& out) const;

private:
    int width_;
    int64_t every_;
    av::SwsPtr sws_;
    int src_w_ = 0, src_h_ = 0;
    mutable std::mutex mutex_;
    PreviewFrame slot_;
};

}  // namespace lectern
