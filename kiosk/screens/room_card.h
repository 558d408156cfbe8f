// One room's now and next, as a card: used by the lobby (several rooms) and the room screen.
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

void draw_room_card(const ScreenContext& ctx, const Room& room, const ui::Rect& r);

}  // namespace lectern
