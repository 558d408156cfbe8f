#include "slate.h"

#include "assets.h"
#include "capture_input.h"

#include <cstdio>
#include <cstring>

namespace lectern {
namespace {

av::FramePtr plain_plate(int width, int height) {
    av::FramePtr f = av::make_video_frame(width, height, AV_PIX_FMT_YUV420P);
    if (!f) return f;
    // A dark blue plate (BT.601 limited range), plainly not a picture from the camera.
    for (int y = 0; y < height; ++y) memset(f->data[0] + y * f->linesize[0], 40, width);
    for (int y = 0; y < height / 2; ++y) {
        memset(f->data[1] + y * f->linesize[1], 160, width / 2);
        memset(f->data[2] + y * f->linesize[2], 118, width / 2);
    }
    return f;
}

}  // namespace

tl::expected<av::FramePtr, std::string> load_slate(const std::filesystem::path& png, int width, int height) {
    SourceSpec spec;
    spec.what = "NO SIGNAL slate " + png.string();
    spec.url = png.string();
    spec.fix = "reinstall Lectern (cmake --install puts it in share/lectern) or set LECTERN_ASSETS_DIR to the "
               "folder holding slate-no-signal.png";
    spec.take_audio = false;
    spec.live = spec.pace = spec.reconnect = false;
    static const std::atomic<bool> never{false};
    CaptureFormat format;
    format.width = width;
    format.height = height;
    format.fit = Fit::Letterbox;  // all of the text stays in the picture, whatever the frame's shape
    CaptureInput picture(spec, format, never);
    if (auto ok = picture.open(); !ok) return tl::unexpected(ok.error());
    av::FramePtr frame;
    while (true) {
        switch (picture.read(frame)) {
            case CaptureInput::Read::Video: return frame;
            case CaptureInput::Read::Audio:
            case CaptureInput::Read::Again: continue;
            case CaptureInput::Read::Failed: return tl::unexpected(picture.error());
            case CaptureInput::Read::End: return tl::unexpected(spec.what + ": holds no picture; " + spec.fix);
        }
    }
}

av::FramePtr make_slate(int width, int height) {
    auto picture = load_slate(asset_path("slate-no-signal.png"), width, height);
    if (picture) return std::move(*picture);
    std::fprintf(stderr, "media: %s; recording a plain plate instead when the source is lost\n",
                 picture.error().c_str());
    return plain_plate(width, height);
}

}  // namespace lectern
