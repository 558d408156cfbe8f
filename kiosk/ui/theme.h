// Colours and the ImGui style shared by every screen: high contrast, dark background, large
// touch targets. Colours are ImU32 so drawing code can use them with ImDrawList directly.
#pragma once

#include <imgui.h>

namespace lectern::ui {

namespace colour {
constexpr ImU32 background = IM_COL32(14, 18, 26, 255);
constexpr ImU32 panel = IM_COL32(27, 33, 45, 255);
constexpr ImU32 panel_raised = IM_COL32(38, 46, 62, 255);
constexpr ImU32 text = IM_COL32(242, 244, 248, 255);
constexpr ImU32 text_dim = IM_COL32(160, 170, 188, 255);
constexpr ImU32 accent = IM_COL32(64, 170, 255, 255);   // "now"
constexpr ImU32 next = IM_COL32(255, 196, 64, 255);     // "next"
constexpr ImU32 live = IM_COL32(236, 64, 64, 255);      // REC, now-line
constexpr ImU32 ok = IM_COL32(70, 200, 120, 255);
constexpr ImU32 warning = IM_COL32(255, 170, 40, 255);
constexpr ImU32 demo = IM_COL32(120, 80, 200, 255);
constexpr ImU32 track = IM_COL32(55, 64, 82, 255);
constexpr ImU32 button_on_row = IM_COL32(72, 84, 108, 255);  // a button on a panel_raised row: Skip, Edit
}  // namespace colour

void apply_style(float unit);

}  // namespace lectern::ui
