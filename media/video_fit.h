// Fits any decoded picture into the recording's frame (size and YUV 4:2:0): letterboxed with
// black bars (the default), stretched, or cropped to fill. The scaler is rebuilt whenever the
// source changes size or pixel format mid-stream (a camera switching modes, a file of joined clips).
#pragma once

#include "av_ptr.h"

#include <string>

namespace lectern {

enum class Fit { Letterbox, Stretch, Crop };

// "letterbox", "stretch", "crop" ([media] fit); anything else is Letterbox.
Fit fit_from_name(const std::string& name);

class VideoFit {
public:
    VideoFit(int width, int height, Fit fit);
    // A new frame of the recording's size and format; null when the source format cannot be
    // converted. A frame already of that size and format is passed on without a copy.
    av::FramePtr fit(const AVFrame* in);

private:
    bool rebuild(const AVFrame* in);  // for a new input size or format; false when sws refuses it

    int width_, height_;
    Fit fit_;
    av::SwsPtr sws_;
    int in_width_ = 0, in_height_ = 0, in_format_ = -1;
    AVRational in_aspect_{0, 1};
    // Where the picture goes in the output (letterbox) and what part of the input is used (crop).
    int out_x_ = 0, out_y_ = 0, out_w_ = 0, out_h_ = 0;
    int crop_x_ = 0, crop_y_ = 0, crop_w_ = 0, crop_h_ = 0;
};

}  // namespace lectern
