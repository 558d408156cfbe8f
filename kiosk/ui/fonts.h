// Finds a font with Latin and Chinese glyphs through fontconfig and builds the ImGui font sizes
// every screen uses, scaled to the screen. Only the glyphs the agenda needs are baked, so even
// 4K text sizes keep the atlas small.
#pragma once

#include <imgui.h>

#include <string>

namespace lectern::ui {

struct FontFile {
    std::string path;
    int index = 0;  // face within a .ttc collection
};

struct FontFiles {
    FontFile regular;
    FontFile bold;
    std::string warning;  // set when no CJK font was found: shown on screen
};

// `configured` (display.font) wins when set; else fontconfig's best match for Chinese.
FontFiles find_fonts(const std::string& configured);

struct Fonts {
    float unit = 1;          // min(width, height) / 1080 × text_scale
    ImFont* small = nullptr;
    ImFont* body = nullptr;
    ImFont* body_bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* display = nullptr;  // the item on now when one room fills the screen
    ImFont* huge = nullptr;  // clocks (digits and a few letters)
    ImFont* timer = nullptr; // the speaker timer's digits, a third of the screen high
};

// Rebuilds io.Fonts for this screen size with the glyphs in `text` (the agenda's strings) plus
// Latin. Call before the renderer backend creates its font texture.
Fonts build_fonts(const FontFiles& files, float width, float height, float text_scale, const std::string& text);

float screen_unit(float width, float height, float text_scale);

}  // namespace lectern::ui
