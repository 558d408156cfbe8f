#include "theme.h"

namespace lectern::ui {

void apply_style(float unit) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.FramePadding = ImVec2(18 * unit, 14 * unit);
    style.ItemSpacing = ImVec2(14 * unit, 12 * unit);
    style.FrameRounding = 10 * unit;
    style.GrabRounding = 10 * unit;
    style.ScrollbarSize = 28 * unit;  // finger-sized
    style.TouchExtraPadding = ImVec2(4 * unit, 4 * unit);
    style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colour::background);
    style.Colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(colour::panel_raised);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.25f, 0.45f, 0.7f, 1);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.25f, 0.55f, 0.9f, 1);
    style.Colors[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(colour::panel_raised);
    ImGui::GetStyle() = style;
}

}  // namespace lectern::ui
