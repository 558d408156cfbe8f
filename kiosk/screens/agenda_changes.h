// The console's programme box: why the last agenda (re)load failed (a fetch or a bad edit: public
// screens show only the staleness badge), and what the last reloads changed (moved, cancelled,
// added, room or speakers changed), newest first, for agenda.changes_shown_minutes.
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

// Draws at the foot of r, as tall as its lines need (at most 5 changes, at most 40% of r), and
// returns the part of r above it (all of r when there is nothing to say).
ui::Rect draw_agenda_changes(const ScreenContext& ctx, const ui::Rect& r);

}  // namespace lectern
