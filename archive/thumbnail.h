// A recording's thumbnail: one frame from a few seconds in, decoded with libav and scaled to RGBA,
// for the kiosk's Recordings screen (which uploads it to a texture) and a cache on disk. Slow
// (opens and decodes the file): call it on a worker, never on the frame thread.
#pragma once

#include <tl/expected.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

struct Thumbnail {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;  // width * height * 4
};

// The first picture at or after `at_seconds` (or the last one of a shorter file), scaled to
// `width` wide, keeping the aspect ratio. The error names the file and what went wrong.
tl::expected<Thumbnail, std::string> make_thumbnail(const std::string& media_path, double at_seconds = 3.0,
                                                    int width = 320);

}  // namespace lectern
