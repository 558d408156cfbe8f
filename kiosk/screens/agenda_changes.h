// The console's list of what the last reloads changed in the programme (moved, cancelled, added,
// room or speakers changed), newest first, for agenda.changes_shown_minutes.
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

// Draws at the bottom of r, as tall as its lines need (at most 5); nothing when there are none.
void draw_agenda_changes(const ScreenContext& ctx, const ui::Rect& r);

}  // namespace lectern
