// The speaker timer for a confidence monitor facing the stage: time left in very large digits whose
// colour changes at the thresholds, overrun counting up, now and next, the operator's message, and
// the room's real delay.
#pragma once

#include "screen.h"

namespace lectern {

std::vector<Intent> draw_timer(const ScreenContext& ctx);

}  // namespace lectern
