// Small drawing helpers over ImDrawList for text that must fit: measure, ellipsize, wrap to a
// number of lines. Screens lay out absolute rectangles in units of the screen (see fonts.h).
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace lectern::ui {

struct Rect {
    ImVec2 min;
    ImVec2 max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    Rect inset(float by) const { return {{min.x + by, min.y + by}, {max.x - by, max.y - by}}; }
};

ImVec2 measure(ImFont* font, std::string_view text);
// Cuts the text at a character boundary and adds "…" so that it fits max_width.
std::string ellipsize(ImFont* font, std::string_view text, float max_width);
// Draws one line, ellipsized to max_width (0 = no limit); returns its size.
ImVec2 text(ImFont* font, ImVec2 pos, ImU32 colour, std::string_view line, float max_width = 0);
// Draws right-aligned so the text ends at right_x; returns its size.
ImVec2 text_right(ImFont* font, float right_x, float y, ImU32 colour, std::string_view line);
// Word-wraps into at most max_lines lines of width; the last one is ellipsized. Returns the height.
float text_wrapped(ImFont* font, ImVec2 pos, float width, ImU32 colour, std::string_view text, int max_lines);
// A filled rectangle with rounded corners, drawn as a cross of two rectangles and four corner pies.
// ImGui fills one as a fan whose every triangle spans the whole shape, and a software rasterizer
// (SDL's, llvmpipe) visits every pixel of each triangle's bounding box: a 1847x562 lobby panel cost
// 8.7 million pixels for 1 million drawn. Same picture, up to the corners' anti-aliased seams
// (invisible on an opaque colour; translucent colours keep ImGui's fill). With a texture, the
// picture fills the shape (ImDrawList::AddImageRounded, split the same way).
void rounded_rect(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 colour, float rounding, ImTextureID texture = nullptr);
void panel(const Rect& r, ImU32 colour, float rounding);
void progress_bar(const Rect& r, float fraction, ImU32 fill, ImU32 track);
// A pill-shaped label ("NOW", "NEXT", "DEMO"); returns its width.
float tag(ImFont* font, ImVec2 pos, ImU32 fill, ImU32 colour, std::string_view label);
// The box a part of a screen draws in: a clip rectangle (nested boxes intersect), so nothing drawn
// inside can show outside it. Text that would cross the box is also recorded, so tests can check
// that layouts fit rather than rely on clipping (take_box_violations()).
class BoxScope {
public:
    explicit BoxScope(const Rect& r);
    ~BoxScope();
    BoxScope(const BoxScope&) = delete;
    BoxScope& operator=(const BoxScope&) = delete;
};
// Texts drawn across their box since the last call ("'Late-night talks' crosses its box by 12 px").
std::vector<std::string> take_box_violations();

// An ImGui button at an absolute place and size, with the given font. True when tapped.
bool button_at(const char* id_and_label, const Rect& r, ImFont* font, ImU32 fill = 0);

}  // namespace lectern::ui
