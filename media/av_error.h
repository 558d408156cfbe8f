// Turns AVERROR codes into text at the boundary where an error leaves FFmpeg code.
#pragma once

extern "C" {
#include <libavutil/error.h>
}

#include <string>

namespace lectern::av {

inline std::string error_text(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

}  // namespace lectern::av
