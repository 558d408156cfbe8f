// The lobby when room cards do not fit (5 to hundreds of rooms): one line per room, like a
// departures board — room, what is on now, what is next (with the weekday when more than a day
// away). Two board columns where the screen is wide enough; pages only when even that does not fit.
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

void draw_departures_board(const ScreenContext& ctx, const std::vector<const Room*>& rooms, const ui::Rect& area);

}  // namespace lectern
