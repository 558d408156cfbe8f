#include "preview_tap.h"

namespace lectern {

PreviewTap::PreviewTap(int width, int preview_fps, int source_fps)
    : width_(width), every_(std::max<int64_t>(1, (source_fps + preview_fps - 1) / std::max(1, preview_fps))) {}

namespace {
int64_t ticks(PreviewTap::Time t) { return t.time_since_epoch().count(); }
}  // namespace

bool PreviewTap::due(int64_t frame_number, Time now) const {
    return width_ > 0 && frame_number % every_ == 0 && ticks(now) < wanted_until_.load(std::memory_order_relaxed);
}

void PreviewTap::offer(const AVFrame* frame) {
    if (!sws_ || frame->width != src_w_ || frame->height != src_h_) {
        src_w_ = frame->width;
        src_h_ = frame->height;
        int height = std::max(2, (width_ * src_h_ / src_w_) & ~1);
        // Fast bilinear is plenty for a thumbnail: it keeps the preview near 1% of a core at 720p.
        sws_ = av::make_sws(src_w_, src_h_, static_cast<AVPixelFormat>(frame->format), width_, height,
                            AV_PIX_FMT_RGBA, SWS_FAST_BILINEAR);
        if (!sws_) return;
    }
    int height = std::max(2, (width_ * src_h_ / src_w_) & ~1);
    PreviewFrame next;
    next.width = width_;
    next.height = height;
    next.rgba = std::move(spare_);
    next.rgba.resize(static_cast<size_t>(width_) * height * 4);
    uint8_t* dst[4] = {next.rgba.data(), nullptr, nullptr, nullptr};
    int dst_stride[4] = {width_ * 4, 0, 0, 0};
    sws_scale(sws_.get(), frame->data, frame->linesize, 0, src_h_, dst, dst_stride);
    std::lock_guard lock(mutex_);
    next.sequence = slot_.sequence + 1;
    std::swap(slot_, next);
    spare_ = std::move(next.rgba);
}

bool PreviewTap::latest(PreviewFrame& out, Time now) const {
    wanted_until_.store(ticks(now + kAskedFor), std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    if (slot_.sequence == 0 || slot_.sequence == out.sequence) return false;
    out = slot_;
    return true;
}

}  // namespace lectern
