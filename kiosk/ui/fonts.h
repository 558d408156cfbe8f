// Finds a font with Latin and Chinese glyphs through fontconfig and builds the ImGui font sizes
// every screen uses, scaled to the screen. Only the glyphs the agenda needs are baked, so even
// 4K text sizes keep the atlas small; the font file is mapped once and shared by every size.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <memory>
#include <string>

namespace lectern::ui {

// A font file's bytes, mapped read-only once and shared by every size baked from it (the atlas does
// not own them). Only the pages the rasterizer reads become resident: a 19.5 MB Noto CJK collection
// costs a few MB, however many sizes are baked.
class FontBytes {
public:
    // Null when the file cannot be opened or mapped.
    static std::shared_ptr<const FontBytes> map(const std::string& path);
    ~FontBytes();
    FontBytes(const FontBytes&) = delete;
    FontBytes& operator=(const FontBytes&) = delete;
    const void* data() const { return data_; }
    size_t size() const { return size_; }

private:
    FontBytes(void* data, size_t size) : data_(data), size_(size) {}
    void* data_;
    size_t size_;
};

struct FontFile {
    std::string path;
    int index = 0;  // face within a .ttc collection
    std::shared_ptr<const FontBytes> bytes;  // mapped by find_fonts; null = ImGui's built-in font
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
    // Text sizes above this many pixels were baked at it and are drawn enlarged, because the
    // agenda has so many distinct characters that full-size glyphs would not fit one texture.
    float baked_cap = 0;     // 0 = every size baked at full size
};

// Rebuilds io.Fonts for this screen size with the glyphs in `text` (the agenda's strings) plus
// Latin, in a texture no larger than max_texture_side on either side. Call before the renderer
// backend creates its font texture. Without timer_digits, Fonts::timer is Fonts::huge (the timer
// screen is never shown).
Fonts build_fonts(const FontFiles& files, float width, float height, float text_scale, const std::string& text,
                  int max_texture_side, bool timer_digits = true);

float screen_unit(float width, float height, float text_scale);

// What an atlas was baked for: screen size, the set of characters (order and repeats do not count)
// and whether the timer's digits are in it. Equal keys bake equal atlases, so a new agenda that
// brings no new character (a moved talk, a new room order) costs no rebake on the frame thread.
struct FontKey {
    int width = 0, height = 0;
    bool timer_digits = false;
    ImVector<ImWchar> glyphs;  // ImFontGlyphRangesBuilder's ranges: sorted, merged
    bool operator==(const FontKey& o) const;
    bool operator!=(const FontKey& o) const { return !(*this == o); }
};
FontKey font_key(float width, float height, const std::string& text, bool timer_digits);

}  // namespace lectern::ui
