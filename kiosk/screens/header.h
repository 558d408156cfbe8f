// The band at the top of the public screens: event, venue and date on the left, the clock on the
// right, then the demo and problem banners. Returns the y where the screen's own content starts.
#pragma once

#include "screen.h"

namespace lectern {

float draw_header(const ScreenContext& ctx, const std::string& subtitle);

}  // namespace lectern
