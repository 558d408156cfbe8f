#include "draw.h"

#include <imgui_internal.h>  // ImGui::ShadeVertsLinearUV, as ImDrawList::AddImageRounded uses it

#include <algorithm>
#include <utility>

namespace lectern::ui {
namespace {

ImDrawList* canvas() { return ImGui::GetWindowDrawList(); }

// Byte length of the UTF-8 sequence starting with c.
size_t utf8_length(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xE) return 3;
    if ((c >> 3) == 0x1E) return 4;
    return 1;
}

std::vector<std::string>& violations() {
    static std::vector<std::string> all;  // main thread only, like ImGui itself
    return all;
}

// Records text whose box (position and measured size) leaves the current clip rectangle.
void check_inside(ImVec2 pos, ImVec2 size, std::string_view what) {
    const ImVec2 lo = canvas()->GetClipRectMin(), hi = canvas()->GetClipRectMax();
    const float over = std::max({lo.x - pos.x, lo.y - pos.y, pos.x + size.x - hi.x, pos.y + size.y - hi.y});
    if (over > 1.0f && violations().size() < 100)
        violations().push_back("'" + std::string(what) + "' crosses its box by " + std::to_string(static_cast<int>(over)) + " px");
}

}  // namespace

BoxScope::BoxScope(const Rect& r) { canvas()->PushClipRect(r.min, r.max, true); }
BoxScope::~BoxScope() { canvas()->PopClipRect(); }

std::vector<std::string> take_box_violations() { return std::exchange(violations(), {}); }

ImVec2 measure(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size());
}

std::string ellipsize(ImFont* font, std::string_view text, float max_width) {
    if (max_width <= 0 || measure(font, text).x <= max_width) return std::string(text);
    const float budget = max_width - measure(font, "…").x;
    size_t fit = 0;
    for (size_t i = 0; i < text.size();) {
        size_t next = std::min(text.size(), i + utf8_length(static_cast<unsigned char>(text[i])));
        if (measure(font, text.substr(0, next)).x > budget) break;
        fit = i = next;
    }
    std::string out(text.substr(0, fit));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
}

ImVec2 text(ImFont* font, ImVec2 pos, ImU32 colour, std::string_view line, float max_width) {
    std::string shown = ellipsize(font, line, max_width);
    canvas()->AddText(font, font->FontSize, pos, colour, shown.c_str(), shown.c_str() + shown.size());
    const ImVec2 size = measure(font, shown);
    check_inside(pos, size, shown);
    return size;
}

ImVec2 text_right(ImFont* font, float right_x, float y, ImU32 colour, std::string_view line) {
    ImVec2 size = measure(font, line);
    canvas()->AddText(font, font->FontSize, ImVec2(right_x - size.x, y), colour, line.data(), line.data() + line.size());
    check_inside(ImVec2(right_x - size.x, y), size, line);
    return size;
}

float text_wrapped(ImFont* font, ImVec2 pos, float width, ImU32 colour, std::string_view all, int max_lines) {
    const char* s = all.data();
    const char* end = all.data() + all.size();
    float y = pos.y;
    for (int line = 0; line < max_lines && s < end; ++line) {
        while (s < end && *s == ' ') ++s;
        const char* cut = font->CalcWordWrapPositionA(1.0f, s, end, width);
        if (cut == s) cut = s + utf8_length(static_cast<unsigned char>(*s));  // one glyph wider than the box
        std::string_view piece(s, static_cast<size_t>(cut - s));
        if (line == max_lines - 1 && cut < end) piece = std::string_view(s, static_cast<size_t>(end - s));
        text(font, ImVec2(pos.x, y), colour, piece, width);
        y += font->FontSize * 1.1f;
        s = cut;
    }
    return y - pos.y;
}

void rounded_rect(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 colour, float rounding, ImTextureID texture) {
    const float r = std::min(rounding, std::min(max.x - min.x, max.y - min.y) / 2);
    const bool opaque = (colour & IM_COL32_A_MASK) == IM_COL32_A_MASK;
    if (!opaque || r < 1 || (max.x - min.x) * (max.y - min.y) < 4096) {  // small shapes gain nothing
        if (texture) list->AddImageRounded(texture, min, max, ImVec2(0, 0), ImVec2(1, 1), colour, rounding);
        else list->AddRectFilled(min, max, colour, rounding);
        return;
    }
    // As AddImageRounded does: the shape's vertices get texture coordinates from their positions.
    const bool own_texture = texture && texture != list->_CmdHeader.TextureId;
    if (own_texture) list->PushTextureID(texture);
    const int first_vertex = list->VtxBuffer.Size;
    // Corners first, clockwise from the top left (PathArcToFast counts twelfths of a turn from +x
    // through +y); their anti-aliased fringe along the radii would show as a seam where it meets a
    // band, so the opaque bands go on top, two pixels into each corner: SDL's software renderer
    // cuts a rectangle's position and size to whole pixels each, up to 2 px short on the right;
    // the arc is within 2/r px of the band's edge there.
    const ImVec2 centres[4] = {{min.x + r, min.y + r}, {max.x - r, min.y + r}, {max.x - r, max.y - r}, {min.x + r, max.y - r}};
    const int from[4] = {6, 9, 0, 3};
    for (int i = 0; i < 4; ++i) {
        list->PathLineTo(centres[i]);
        list->PathArcToFast(centres[i], r, from[i], from[i] + 3);
        list->PathFillConvex(colour);
    }
    // The full-width middle band and the bands between the corners; a pill (r = half the height)
    // has no middle band.
    auto band = [&](ImVec2 a, ImVec2 b) {
        if (b.x > a.x && b.y > a.y) list->AddRectFilled(a, b, colour);
    };
    const float in = std::min(2.0f, r);
    band(ImVec2(min.x, min.y + r - in), ImVec2(max.x, max.y - r + in));
    band(ImVec2(min.x + r - in, min.y), ImVec2(max.x - r + in, min.y + r));
    band(ImVec2(min.x + r - in, max.y - r), ImVec2(max.x - r + in, max.y));
    if (texture) ImGui::ShadeVertsLinearUV(list, first_vertex, list->VtxBuffer.Size, min, max, ImVec2(0, 0), ImVec2(1, 1), true);
    if (own_texture) list->PopTextureID();
}

void panel(const Rect& r, ImU32 colour, float rounding) { rounded_rect(canvas(), r.min, r.max, colour, rounding); }

void progress_bar(const Rect& r, float fraction, ImU32 fill, ImU32 track) {
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    const float rounding = r.height() / 2;
    rounded_rect(canvas(), r.min, r.max, track, rounding);
    if (fraction > 0) rounded_rect(canvas(), r.min, ImVec2(r.min.x + std::max(r.height(), r.width() * fraction), r.max.y), fill, rounding);
}

float tag(ImFont* font, ImVec2 pos, ImU32 fill, ImU32 colour, std::string_view label) {
    ImVec2 size = measure(font, label);
    const float pad = font->FontSize * 0.45f;
    rounded_rect(canvas(), pos, ImVec2(pos.x + size.x + 2 * pad, pos.y + size.y + pad * 0.6f), fill, size.y);
    canvas()->AddText(font, font->FontSize, ImVec2(pos.x + pad, pos.y + pad * 0.3f), colour, label.data(),
                      label.data() + label.size());
    check_inside(pos, ImVec2(size.x + 2 * pad, size.y + pad * 0.6f), label);
    return size.x + 2 * pad;
}

bool button_at(const char* id_and_label, const Rect& r, ImFont* font, ImU32 fill) {
    // ImGui::Button's behaviour and look (same id, colours, centred label), with its rounded frame
    // drawn by rounded_rect: the lobby's search bar alone cost a 1080p software frame 3 ms as a fan.
    ImGui::SetCursorScreenPos(r.min);
    const bool tapped = ImGui::InvisibleButton(id_and_label, ImVec2(std::max(r.width(), 1.0f), std::max(r.height(), 1.0f)));
    const ImU32 colour = ImGui::IsItemActive() && ImGui::IsItemHovered() ? ImGui::GetColorU32(ImGuiCol_ButtonActive)
                         : ImGui::IsItemHovered()                      ? ImGui::GetColorU32(ImGuiCol_ButtonHovered)
                         : fill                                        ? fill
                                                                       : ImGui::GetColorU32(ImGuiCol_Button);
    rounded_rect(canvas(), r.min, r.max, colour, ImGui::GetStyle().FrameRounding);
    const char* label_end = ImGui::FindRenderedTextEnd(id_and_label);
    if (label_end != id_and_label) {
        ImGui::PushFont(font);
        ImGui::RenderTextClipped(r.min, r.max, id_and_label, label_end, nullptr, ImVec2(0.5f, 0.5f), nullptr);
        ImGui::PopFont();
    }
    return tapped;
}

}  // namespace lectern::ui
