// The picture recorded while the source is lost: the "NO SIGNAL" slate shipped in assets/
// (slate-no-signal.png), decoded with libav and letterboxed to the recording size.
#pragma once

#include "av_ptr.h"

#include <tl/expected.hpp>

#include <filesystem>
#include <string>

namespace lectern {

// The picture at `png` as a YUV 4:2:0 frame of width x height; the error names the file and the fix.
tl::expected<av::FramePtr, std::string> load_slate(const std::filesystem::path& png, int width, int height);

// The shipped slate, or a plain dark blue plate when it cannot be read (logged on stderr once per
// call, with the reason and the fix): a recording never stops for a missing picture.
av::FramePtr make_slate(int width, int height);

}  // namespace lectern
