// The recorder as the room and operator screens show it: live preview, REC state with elapsed time,
// audio meters, and alerts in plain words.
#pragma once

#include "screen.h"
#include "ui/draw.h"

namespace lectern {

void draw_preview_panel(const ScreenContext& ctx, const ui::Rect& r);
// Vertical meters, one per channel, from −60 to 0 dBFS, with RMS bars and peak ticks.
void draw_audio_meters(const ScreenContext& ctx, const RecorderView& rec, const ui::Rect& r);

}  // namespace lectern
