// Find-my-slot results: each matching speaker with their slots, room, time and "in N min".
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

void draw_slot_results(const ScreenContext& ctx, const std::string& query, const ui::Rect& r);

}  // namespace lectern
