#include "pin_pad.h"

#include "on_screen_keyboard.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

std::vector<Intent> draw_pin_pad(const ScreenContext& ctx, PinPadUi& ui) {
    std::vector<Intent> intents;
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const ImVec2 size = ctx.size;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), size, colour::background);

    const float key = std::min(150 * u, (size.y - 420 * u) / 4.6f);
    const float gap = 18 * u;
    const float pad_w = 3 * key + 2 * gap;
    const float x0 = (size.x - pad_w) / 2;
    float y = 60 * u;
    const std::string title = "Operator console";
    text(f.title, ImVec2((size.x - measure(f.title, title).x) / 2, y), colour::text, title);
    y += f.title->FontSize + 20 * u;

    // Dots for the digits typed, never the digits.
    const float dot = 16 * u;
    const size_t n = std::max<size_t>(4, ui.typed.size());
    float dx = (size.x - n * (2 * dot + 16 * u)) / 2 + dot;
    for (size_t i = 0; i < n; ++i, dx += 2 * dot + 16 * u)
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(dx, y + dot), dot, i < ui.typed.size() ? colour::text : colour::track);
    y += 2 * dot + 20 * u;
    const bool locked = ui.locked_for > seconds{0};
    const std::string message =
        locked ? "Too many wrong PINs — try again in " + std::to_string(ui.locked_for.count()) + " s" : ui.message;
    if (!message.empty()) text(f.body, ImVec2((size.x - measure(f.body, message).x) / 2, y), colour::warning, message);
    y += f.body->FontSize + 24 * u;

    ImGui::BeginDisabled(locked);
    static const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Cancel", "0", "OK"};
    for (int i = 0; i < 12; ++i) {
        const float kx = x0 + (i % 3) * (key + gap), ky = y + (i / 3) * (key + gap);
        const Rect r{{kx, ky}, {kx + key, ky + key}};
        ImFont* font = i == 9 || i == 11 ? f.heading : f.title;
        if (!button_at(labels[i], r, font, i == 11 ? IM_COL32(40, 110, 190, 255) : 0)) continue;
        if (i == 9)
            intents.push_back({IntentKind::CancelPin});
        else if (i == 11)
            intents.push_back({IntentKind::SubmitPin, {}, ui.typed});
        else if (ui.typed.size() < 12)
            ui.typed += labels[i];
    }
    ImGui::EndDisabled();
    // A keyboard works too: digits, Backspace, Enter, Escape.
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters)
        if (c >= '0' && c <= '9' && ui.typed.size() < 12 && !locked) ui.typed += static_cast<char>(c);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) erase_last_character(ui.typed);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !locked) intents.push_back({IntentKind::SubmitPin, {}, ui.typed});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) intents.push_back({IntentKind::CancelPin});
    return intents;
}

}  // namespace lectern
