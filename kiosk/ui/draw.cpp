#include "draw.h"

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

void panel(const Rect& r, ImU32 colour, float rounding) { canvas()->AddRectFilled(r.min, r.max, colour, rounding); }

void progress_bar(const Rect& r, float fraction, ImU32 fill, ImU32 track) {
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    const float rounding = r.height() / 2;
    canvas()->AddRectFilled(r.min, r.max, track, rounding);
    if (fraction > 0)
        canvas()->AddRectFilled(r.min, ImVec2(r.min.x + std::max(r.height(), r.width() * fraction), r.max.y), fill, rounding);
}

float tag(ImFont* font, ImVec2 pos, ImU32 fill, ImU32 colour, std::string_view label) {
    ImVec2 size = measure(font, label);
    const float pad = font->FontSize * 0.45f;
    canvas()->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * pad, pos.y + size.y + pad * 0.6f), fill, size.y);
    canvas()->AddText(font, font->FontSize, ImVec2(pos.x + pad, pos.y + pad * 0.3f), colour, label.data(),
                      label.data() + label.size());
    check_inside(pos, ImVec2(size.x + 2 * pad, size.y + pad * 0.6f), label);
    return size.x + 2 * pad;
}

bool button_at(const char* id_and_label, const Rect& r, ImFont* font, ImU32 fill) {
    ImGui::SetCursorScreenPos(r.min);
    ImGui::PushFont(font);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));  // the label centres in any size
    if (fill) ImGui::PushStyleColor(ImGuiCol_Button, fill);
    bool tapped = ImGui::Button(id_and_label, ImVec2(r.width(), r.height()));
    if (fill) ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::PopFont();
    return tapped;
}

}  // namespace lectern::ui
