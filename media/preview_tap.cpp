#include "preview_tap.h"

namespace lectern {

PreviewTap::PreviewTap(int width, int fps)
    : width_(width), interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(1.0 / std::max(1, fps)))) {}

bool PreviewTap::due(std::chrono::steady_clock::time_point now) const {
    return width_ > 0 && now - last_ >= interval_;
}

void PreviewTap::offer(const AVFrame* frame, std::chrono::steady_clock::time_point now) {
    last_ = now;
    if (!sws_ || frame->width != src_w_ || frame->height != src_h_) {
        src_w_ = frame->width;
        src_h_ = frame->height;
        int height = std::max(2, (width_ * src_h_ / src_w_) & ~1);
        // Bilinear is plenty for a thumbnail and costs a fraction of bicubic.
        sws_ = av::make_sws(src_w_, src_h_, static_cast<AVPixelFormat>(frame->format), width_, height,
                            AV_PIX_FMT_RGBA, SWS_BILINEAR);
        if (!sws_) return;
    }
    int height = std::max(2, (width_ * src_h_ / src_w_) & ~1);
    PreviewFrame next;
    next.width = width_;
    next.height = height;
    next.rgba.resize(static_cast<size_t>(width_) * height * 4);
    uint8_t* dst[4] = {next.rgba.data(), nullptr, nullptr, nullptr};
    int dst_stride[4] = {width_ * 4, 0, 0, 0};
    sws_scale(sws_.get(), frame->data, frame->linesize, 0, src_h_, dst, dst_stride);
    std::lock_guard lock(mutex_);
    next.sequence = slot_.sequence + 1;
    slot_ = std::move(next);
}

bool PreviewTap::latest(PreviewFrame& out) const {
    std::lock_guard lock(mutex_);
    if (slot_.sequence == 0 || slot_.sequence == out.sequence) return false;
    out = slot_;
    return true;
}

}  // namespace lectern
