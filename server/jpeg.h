// A preview frame as JPEG (libjpeg-turbo), for GET /api/v1/preview.jpg.
#pragma once

#include "recording_types.h"

#include <string>

namespace lectern {

// Throws std::runtime_error when the frame's size does not match its pixels.
std::string encode_jpeg(const PreviewFrame& frame, int quality);

}  // namespace lectern
