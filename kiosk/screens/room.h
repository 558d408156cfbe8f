// The room screen beside the lectern: the live preview with audio meters and recording state, the
// room's now and next with the speaker's time left, and the room's day.
#pragma once

#include "screen.h"

namespace lectern {

std::vector<Intent> draw_room(const ScreenContext& ctx);

}  // namespace lectern
