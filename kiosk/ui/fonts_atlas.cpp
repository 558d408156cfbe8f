// Bakes the screens' font sizes into one atlas that fits the renderer's texture limit. An agenda
// with thousands of distinct Chinese characters would need a texture tens of thousands of pixels
// high at 4K; then the large text sizes are baked at a capped size and drawn enlarged, which is
// softer but readable, instead of losing glyphs or failing to create the texture.
#include "fonts.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lectern::ui {
namespace {

// Text of the interface itself beyond ASCII and Latin-1 (Chinese hints and labels, dashes, arrows,
// symbols of the buttons and messages): baked like the agenda's characters. Only what is drawn is
// baked: whole Unicode blocks (arrows, technical symbols, fullwidth forms) at six sizes doubled the
// atlas, which is most of the kiosk's memory at 4K. Keep in step with the screens' strings.
constexpr const char* kInterfaceText = "输入姓名查找我的时段现在下一个–—‖…←→−≥±■▶◀●";
constexpr float kPacking = 0.7f;  // share of the texture the rectangle packer fills, to be safe

struct Size {
    ImFont* Fonts::*slot;
    const FontFile* file;
    float px;                         // on this screen
    const ImVector<ImWchar>* glyphs;
    bool text;                        // agenda text: may be capped; digit fonts never are
};

int count_glyphs(const ImVector<ImWchar>& ranges) {
    int n = 0;
    for (int i = 0; i + 1 < ranges.Size; i += 2) n += ranges[i + 1] - ranges[i] + 1;
    return n;
}

// Pixels the packed glyphs need with text sizes capped at `cap` (0 = none), given how many pixels
// the text glyphs take per px² of font size (`text_fill`); a digit's box is about half an em².
double atlas_area(const std::vector<Size>& sizes, float cap, double text_fill) {
    double area = 0;
    for (const Size& s : sizes) {
        const double px = s.text && cap > 0 ? std::min(s.px, cap) : s.px;
        area += (s.text ? text_fill : 0.5 * count_glyphs(*s.glyphs)) * (px + 2) * (px + 2);
    }
    return area;
}

// Measures text_fill: the text glyphs baked at one small size, their packed boxes summed.
double measure_text_fill(const Size& text) {
    constexpr float kProbePx = 32;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    ImFontConfig config;
    config.FontNo = text.file->index;
    config.OversampleH = 1;
    config.FontDataOwnedByAtlas = true;  // see bake()
    ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<void*>(text.file->bytes->data()), static_cast<int>(text.file->bytes->size()),
                                              kProbePx, &config, text.glyphs->Data);
    atlas.ConfigData.back().FontDataOwnedByAtlas = false;
    atlas.Build();
    double area = 0;
    for (const ImFontGlyph& g : font->Glyphs) area += (g.X1 - g.X0 + 2) * (g.Y1 - g.Y0 + 2);
    atlas.Clear();
    return area / ((kProbePx + 2) * (kProbePx + 2));
}

// Draws a font baked at a smaller size as if baked at `px`: same layout, enlarged glyphs.
void enlarge(ImFont* font, float px) {
    const float k = px / font->FontSize;
    if (k <= 1.0001f) return;
    for (ImFontGlyph& g : font->Glyphs) {
        g.AdvanceX *= k;
        g.X0 *= k, g.Y0 *= k, g.X1 *= k, g.Y1 *= k;
    }
    font->FontSize = px;
    font->Ascent *= k;
    font->Descent *= k;
    font->BuildLookupTable();
}

// False when the atlas could not be built (too many glyphs for ImGui's packer).
bool bake(const std::vector<Size>& sizes, float cap, int max_side, Fonts& fonts) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    // ImGui widens the texture up to 4096 by itself; a smaller limit must be asked for.
    int width = 4096;
    while (width > max_side) width /= 2;
    atlas.TexDesiredWidth = width < 4096 ? width : 0;
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // up to half the texture would be padding
    for (const Size& s : sizes) {
        const float px = s.text && cap > 0 ? std::min(s.px, cap) : s.px;
        ImFontConfig config;
        config.SizePixels = px;
        ImFont* font = nullptr;
        if (s.file->bytes) {
            config.FontNo = s.file->index;
            config.OversampleH = 1;  // large sizes need no horizontal oversampling; keeps the atlas small
            config.PixelSnapH = true;
            // One mapping is shared by every size and rebake. ImGui 1.86 copies the whole file in
            // AddFont when FontDataOwnedByAtlas is false (19.5 MB per size), so it is added as owned
            // and the stored config marked not owned at once: never copied, never freed by ImGui.
            config.FontDataOwnedByAtlas = true;
            font = atlas.AddFontFromMemoryTTF(const_cast<void*>(s.file->bytes->data()), static_cast<int>(s.file->bytes->size()), px,
                                              &config, s.glyphs->Data);
            if (font) atlas.ConfigData.back().FontDataOwnedByAtlas = false;
        }
        if (!font) font = atlas.AddFontDefault(&config);
        fonts.*s.slot = font;
    }
    const bool built = atlas.Build();
    for (const Size& s : sizes) enlarge(fonts.*s.slot, s.px);
    return built && atlas.TexWidth <= max_side && atlas.TexHeight <= max_side;
}

}  // namespace

Fonts build_fonts(const FontFiles& files, float width, float height, float text_scale, const std::string& text, int max_side,
                  bool timer_digits) {
    Fonts fonts;
    fonts.unit = screen_unit(width, height, text_scale);

    // ASCII, Latin-1 (names typed on the console), the interface's own characters and every character
    // the agenda uses. The ranges must outlive the atlas build.
    static ImVector<ImWchar> ranges, digit_ranges, timer_ranges;
    ranges.clear();
    digit_ranges.clear();
    timer_ranges.clear();
    ImFontGlyphRangesBuilder builder;
    static const ImWchar base[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0xFFFD, 0xFFFD, 0};
    builder.AddRanges(base);
    builder.AddText(text.c_str());
    builder.AddText(kInterfaceText);
    builder.BuildRanges(&ranges);
    ImFontGlyphRangesBuilder digits;
    digits.AddText("0123456789:+-–. REC/AMPNOWmin");
    digits.BuildRanges(&digit_ranges);
    ImFontGlyphRangesBuilder timer_glyphs;
    timer_glyphs.AddText("0123456789:+-");
    timer_glyphs.BuildRanges(&timer_ranges);

    auto px = [&](float at_1080) { return std::max(8.0f, at_1080 * fonts.unit); };
    std::vector<Size> sizes = {
        {&Fonts::body, &files.regular, px(34), &ranges, true},  // first font = ImGui's default
        {&Fonts::small, &files.regular, px(26), &ranges, true},
        {&Fonts::body_bold, &files.bold, px(34), &ranges, true},
        {&Fonts::heading, &files.bold, px(44), &ranges, true},
        {&Fonts::title, &files.bold, px(58), &ranges, true},
        {&Fonts::display, &files.bold, px(76), &ranges, true},
        {&Fonts::huge, &files.bold, px(150), &digit_ranges, false},
        {&Fonts::timer, &files.bold, px(400), &timer_ranges, false},
    };
    // The speaker timer's digits, a third of the screen high, are the atlas's largest glyphs (a
    // fifth of it at 4K): only a kiosk that can show the timer screen bakes them.
    if (!timer_digits) sizes.pop_back();

    // Full size when even a full em per glyph fits (the usual agenda); else the largest cap that
    // fits by the measured glyph boxes, checked by the real build and tightened if needed.
    const int side = std::min(4096, max_side);
    const double budget = kPacking * side * static_cast<double>(max_side);
    float cap = 0;
    if (files.regular.bytes && atlas_area(sizes, 0, count_glyphs(ranges)) > budget) {
        const double fill = measure_text_fill(sizes.front()) * 1.1;  // bold glyphs are a little wider
        if (atlas_area(sizes, 0, fill) > budget) {
            float lo = 8, hi = px(76);
            for (int i = 0; i < 20; ++i) {
                const float mid = (lo + hi) / 2;
                (atlas_area(sizes, mid, fill) > budget ? hi : lo) = mid;
            }
            cap = std::floor(lo);
        }
    }
    for (int tries = 0; !bake(sizes, cap, max_side, fonts) && tries < 8; ++tries) cap = std::floor((cap > 0 ? cap : px(76)) * 0.85f);
    // The estimate errs on the safe side; one try with the cap the real atlas suggests.
    const int used = ImGui::GetIO().Fonts->TexHeight;
    if (cap > 0 && used < 0.75 * max_side) {
        const float larger = std::floor(cap * std::sqrt(0.9f * max_side / static_cast<float>(used)));
        if (bake(sizes, larger, max_side, fonts)) cap = larger;
        else bake(sizes, cap, max_side, fonts);
    }
    fonts.baked_cap = cap;
    if (!timer_digits) fonts.timer = fonts.huge;
    return fonts;
}

}  // namespace lectern::ui
