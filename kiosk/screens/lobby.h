// The lobby screen: read across a room. Clock and event, each room's now and next with a progress
// bar, the day's timeline, and "find my slot" for speakers (physical or on-screen keyboard).
#pragma once

#include "screen.h"

namespace lectern {

// The lobby's own input state, kept by the shell between frames.
struct LobbyUi {
    std::string query;      // find-my-slot search text (UTF-8)
    bool keyboard = false;  // the on-screen keyboard is open
};

std::vector<Intent> draw_lobby(const ScreenContext& ctx, LobbyUi& ui);

}  // namespace lectern
