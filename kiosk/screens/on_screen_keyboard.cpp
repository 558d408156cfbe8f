#include "on_screen_keyboard.h"

#include "ui/theme.h"

#include <imgui_internal.h>  // ImTextStrToUtf8

#include <algorithm>
#include <string_view>

namespace lectern {

using namespace ui;

void take_typed_text(std::string& text) {
    ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters) {
        if (c < 0x20 || c == 0x7F) continue;
        const ImWchar one[2] = {c, 0};
        char utf8[8] = {};
        ImTextStrToUtf8(utf8, sizeof utf8, one, one + 1);
        text += utf8;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) erase_last_character(text);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) text.clear();
}

void erase_last_character(std::string& text) {
    while (!text.empty()) {
        const unsigned char c = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((c & 0xC0) != 0x80) break;  // stop after the lead byte
    }
}

bool draw_on_screen_keyboard(const Fonts& f, const Rect& r, std::string& text) {
    static constexpr std::string_view rows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};
    const float u = f.unit;
    const float gap = 10 * u;
    panel(r, colour::panel, 18 * u);
    const Rect inner = r.inset(18 * u);
    const float key_h = (inner.height() - 4 * gap) / 5;
    const float key_w = std::min((inner.width() - 9 * gap) / 10, key_h * 1.6f);
    bool open = true;
    float y = inner.min.y;
    for (std::string_view row : rows) {
        const float row_w = row.size() * key_w + (row.size() - 1) * gap;
        float x = inner.min.x + (inner.width() - row_w) / 2;
        for (char c : row) {
            const char label[2] = {c, 0};
            ImGui::PushID(c);
            if (button_at(label, Rect{{x, y}, {x + key_w, y + key_h}}, f.heading)) text += static_cast<char>(std::tolower(c));
            ImGui::PopID();
            x += key_w + gap;
        }
        y += key_h + gap;
    }
    // Bottom row: backspace, space, clear, done — wide keys.
    const float wide = (inner.width() - 3 * gap) / 4;
    float x = inner.min.x;
    auto key = [&](const char* label, ImU32 fill) {
        bool tapped = button_at(label, Rect{{x, y}, {x + wide, y + key_h}}, f.heading, fill);
        x += wide + gap;
        return tapped;
    };
    if (key("← Delete##kbd", 0)) erase_last_character(text);
    if (key("Space##kbd", 0)) text += ' ';
    if (key("Clear##kbd", 0)) text.clear();
    if (key("Done##kbd", IM_COL32(40, 110, 190, 255))) open = false;
    return open;
}

}  // namespace lectern
