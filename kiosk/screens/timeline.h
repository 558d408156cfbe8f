// The day at a glance: one lane per room, items as blocks on a time axis, a line at "now".
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

void draw_timeline(const ScreenContext& ctx, const std::vector<const Room*>& rooms, const ui::Rect& r);

}  // namespace lectern
