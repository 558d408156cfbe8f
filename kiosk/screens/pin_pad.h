// The PIN pad that guards the operator console: large digits, dots for what was typed, and the
// reason when entry is refused or locked.
#pragma once

#include "screen.h"

namespace lectern {

struct PinPadUi {
    std::string typed;
    std::string message;          // "Wrong PIN — 2 tries left", set by the shell
    seconds locked_for{0};        // PIN entry is locked for this long
};

std::vector<Intent> draw_pin_pad(const ScreenContext& ctx, PinPadUi& ui);

}  // namespace lectern
