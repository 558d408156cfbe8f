// The technician's console: preview and meters with the recording state and alerts, the transport
// (Start, Stop, Pause, Next speaker) with keyboard shortcuts, stage messages, the room's rundown
// with skip/record and metadata corrections, the uploads, and a stats strip.
#pragma once

#include "operator_view.h"
#include "screen.h"
#include "ui/draw.h"

namespace lectern {

struct OperatorUi {
    std::string editing_item;  // item whose metadata is being corrected; empty = none
    int editing_field = 0;     // 0 title, 1 speakers, 2 note
    MetadataCorrection draft;
    bool keyboard = false;
};

std::vector<Intent> draw_operator(const ScreenContext& ctx, const OperatorView& view, OperatorUi& ui);

// Parts of the console, one file each.
void draw_rundown(const ScreenContext& ctx, const OperatorView& view, OperatorUi& ui, const ui::Rect& r, std::vector<Intent>& out);
void draw_uploads_panel(const ScreenContext& ctx, const std::vector<UploadRow>& uploads, const ui::Rect& r, std::vector<Intent>& out);
void draw_stats_strip(const ScreenContext& ctx, const StatsHistory& stats, const ui::Rect& r);
void draw_metadata_editor(const ScreenContext& ctx, OperatorUi& ui, const ui::Rect& r, std::vector<Intent>& out);

}  // namespace lectern
