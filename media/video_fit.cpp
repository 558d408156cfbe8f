#include "video_fit.h"

#include <cmath>
#include <cstring>

namespace lectern {
namespace {

// The picture's shape as seen: its size times the pixel aspect ratio (anamorphic sources).
double pixel_aspect(const AVFrame* in) {
    AVRational sar = in->sample_aspect_ratio;
    return sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0;
}

// 4:2:0 needs even sizes and offsets.
int even(double v) { return std::max(2, static_cast<int>(std::lround(v / 2)) * 2); }

void paint_black(AVFrame* f) {
    // BT.601 limited range black.
    for (int y = 0; y < f->height; ++y) memset(f->data[0] + y * f->linesize[0], 16, f->width);
    for (int p = 1; p <= 2; ++p)
        for (int y = 0; y < f->height / 2; ++y) memset(f->data[p] + y * f->linesize[p], 128, f->width / 2);
}

}  // namespace

Fit fit_from_name(const std::string& name) {
    if (name == "stretch") return Fit::Stretch;
    if (name == "crop") return Fit::Crop;
    return Fit::Letterbox;
}

VideoFit::VideoFit(int width, int height, Fit fit) : width_(width), height_(height), fit_(fit) {}

bool VideoFit::rebuild(const AVFrame* in) {
    in_width_ = in->width;
    in_height_ = in->height;
    in_format_ = in->format;
    in_aspect_ = in->sample_aspect_ratio;
    out_x_ = out_y_ = crop_x_ = crop_y_ = 0;
    out_w_ = width_;
    out_h_ = height_;
    crop_w_ = in->width;
    crop_h_ = in->height;
    const double par = pixel_aspect(in);
    const double source = in->width * par / in->height, frame = static_cast<double>(width_) / height_;
    const bool same_shape = std::abs(source - frame) < 0.01 * frame;
    if (fit_ == Fit::Letterbox && !same_shape) {
        if (source > frame) {  // wider: bars above and below
            out_h_ = std::min(height_, even(width_ / source));
            out_y_ = (height_ - out_h_) / 2 / 2 * 2;
        } else {  // narrower: bars left and right
            out_w_ = std::min(width_, even(height_ * source));
            out_x_ = (width_ - out_w_) / 2 / 2 * 2;
        }
    } else if (fit_ == Fit::Crop && !same_shape) {
        if (source > frame) {  // wider: cut the sides
            crop_w_ = std::min(in->width, even(in->height * frame / par));
            crop_x_ = (in->width - crop_w_) / 2 / 2 * 2;
        } else {  // taller: cut top and bottom
            crop_h_ = std::min(in->height, even(in->width * par / frame));
            crop_y_ = (in->height - crop_h_) / 2 / 2 * 2;
        }
    }
    sws_ = av::make_sws(crop_w_, crop_h_, static_cast<AVPixelFormat>(in->format), out_w_, out_h_, AV_PIX_FMT_YUV420P,
                        SWS_BICUBIC);
    return sws_ != nullptr;
}

av::FramePtr VideoFit::fit(const AVFrame* in) {
    av::FramePtr out;
    const bool square = in->sample_aspect_ratio.num == 0 || in->sample_aspect_ratio.num == in->sample_aspect_ratio.den;
    if (in->width == width_ && in->height == height_ && in->format == AV_PIX_FMT_YUV420P && square) {
        out = av::make_frame();
        if (av_frame_ref(out.get(), in) < 0) return nullptr;
        return out;
    }
    // A context made for one size and format reads any other picture wrongly (or out of bounds).
    if (!sws_ || in->width != in_width_ || in->height != in_height_ || in->format != in_format_ ||
        av_cmp_q(in->sample_aspect_ratio, in_aspect_) != 0) {
        if (!rebuild(in)) return nullptr;
    }
    out = av::make_video_frame(width_, height_, AV_PIX_FMT_YUV420P);
    if (!out) return nullptr;
    if (out_w_ != width_ || out_h_ != height_) paint_black(out.get());

    // Cropping moves a reference's data pointers past the cut edges, for any pixel format.
    av::FramePtr cropped;
    const AVFrame* source = in;
    if (crop_w_ != in->width || crop_h_ != in->height) {
        cropped = av::make_frame();
        if (av_frame_ref(cropped.get(), in) < 0) return nullptr;
        cropped->crop_left = crop_x_;
        cropped->crop_right = in->width - crop_w_ - crop_x_;
        cropped->crop_top = crop_y_;
        cropped->crop_bottom = in->height - crop_h_ - crop_y_;
        if (av_frame_apply_cropping(cropped.get(), AV_FRAME_CROP_UNALIGNED) < 0) return nullptr;
        source = cropped.get();
    }
    uint8_t* target[4] = {out->data[0] + out_y_ * out->linesize[0] + out_x_,
                          out->data[1] + out_y_ / 2 * out->linesize[1] + out_x_ / 2,
                          out->data[2] + out_y_ / 2 * out->linesize[2] + out_x_ / 2, nullptr};
    sws_scale(sws_.get(), source->data, source->linesize, 0, crop_h_, target, out->linesize);
    out->pts = in->pts;
    return out;
}

}  // namespace lectern
