// The font atlas at 4K: the demo's fonts baked once from one mapping of the font file, and an agenda
// with 5,000 distinct Chinese characters still fitting the renderer's largest texture.
#include "frame_renderer.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>

using namespace lectern;

namespace {

std::string utf8(unsigned c) {
    std::string s;
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
    return s;
}

}  // namespace

TEST_CASE("an agenda with 5000 distinct Chinese characters renders at 4K within the renderer's texture limit") {
    const ui::FontFiles files = ui::find_fonts("");
    REQUIRE_MESSAGE(files.regular.bytes, "needs fonts-noto-cjk: ", files.warning);
    std::string agenda;
    for (unsigned c = 0x4E00; c < 0x4E00 + 5000; ++c) agenda += utf8(c);
    auto renderer = FrameRenderer::open_offscreen(3840, 2160);
    const ui::Fonts fonts = renderer->load_fonts(files, 1.0f, agenda);

    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    CHECK(atlas.TexWidth <= renderer->max_texture_side());
    CHECK(atlas.TexHeight <= renderer->max_texture_side());
    CHECK(atlas.TexID != nullptr);  // the renderer accepted the texture
    // Every character is there at every text size, and sizes keep their layout height.
    for (ImFont* font : {fonts.small, fonts.body, fonts.body_bold, fonts.heading, fonts.title, fonts.display}) {
        CHECK(font->FindGlyphNoFallback(0x4E00) != nullptr);
        CHECK(font->FindGlyphNoFallback(0x4E00 + 4999) != nullptr);
    }
    CHECK(fonts.display->FontSize == doctest::Approx(76 * 2));
    const auto width = [](ImFont* font) { return font->CalcTextSizeA(font->FontSize, 1e9f, 0, utf8(0x4E2D).c_str()).x; };
    CHECK(width(fonts.display) / width(fonts.body) == doctest::Approx(76.0 / 34).epsilon(0.05));

    // And it draws: a frame with text at the largest size.
    renderer->begin_frame();
    ImGui::GetWindowDrawList()->AddText(fonts.display, fonts.display->FontSize, ImVec2(10, 10), IM_COL32_WHITE, agenda.substr(0, 300).c_str());
    renderer->end_frame();
}

TEST_CASE("the demo's fonts at 4K are baked at full size, from one mapping of each font file") {
    const ui::FontFiles files = ui::find_fonts("");
    REQUIRE(files.regular.bytes);
    auto renderer = FrameRenderer::open_offscreen(3840, 2160);
    const ui::Fonts fonts = renderer->load_fonts(files, 1.0f, "伍建民 Symposium of International Cooperation");
    CHECK(fonts.baked_cap == 0);
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Eight sizes, two files: every size reads the same bytes, none holds a copy of its own.
    CHECK(atlas.ConfigData.Size == 8);
    for (const ImFontConfig& config : atlas.ConfigData) {
        CHECK_FALSE(config.FontDataOwnedByAtlas);
        CHECK((config.FontData == files.regular.bytes->data() || config.FontData == files.bold.bytes->data()));
    }
    CHECK(atlas.TexPixelsRGBA32 == nullptr);  // the texture holds the pixels; the CPU copy is freed
}

TEST_CASE("the demo's atlas holds only the glyphs the screens draw, and the timer's digits only for the timer screen") {
    const ui::FontFiles files = ui::find_fonts("");
    REQUIRE(files.regular.bytes);
    auto renderer = FrameRenderer::open_offscreen(3840, 2160);
    const std::string demo = "伍建民 Symposium of International Cooperation — “BJAST”";
    const auto megabytes = [] { return ImGui::GetIO().Fonts->TexWidth * ImGui::GetIO().Fonts->TexHeight * 4.0 / (1 << 20); };
    const ui::Fonts timer = renderer->load_fonts(files, 1.0f, demo, true);
    const double with_timer = megabytes();
    CHECK(timer.timer != timer.huge);
    CHECK(timer.body->FindGlyphNoFallback(0x2192) != nullptr);  // the interface's arrow
    CHECK(timer.body->FindGlyphNoFallback(0x25C0) != nullptr);  // the Recordings screen's "◀ Newer"
    CHECK(timer.body->FindGlyphNoFallback(0x201C) != nullptr);  // the agenda's quotes
    CHECK(timer.body->FindGlyphNoFallback(0x2300) == nullptr);  // no technical symbol nobody draws
    const ui::Fonts lobby = renderer->load_fonts(files, 1.0f, demo, false);
    MESSAGE("4K atlas: " << with_timer << " MB with the timer's digits, " << megabytes() << " MB without");
    CHECK(lobby.timer == lobby.huge);
    CHECK(lobby.display->FontSize == doctest::Approx(76 * 2));  // full size, not capped
    // RGBA, as the renderer holds it: it was 34 MB (2048x4345) with whole Unicode blocks baked.
    CHECK(with_timer <= 24);
    CHECK(megabytes() <= 16);
}

TEST_CASE("a font key changes with a new character or size, not with the order or repeats of the agenda's text") {
    const ui::FontKey demo = ui::font_key(1920, 1080, "伍建民 Opening 开幕", false);
    CHECK(demo == ui::font_key(1920, 1080, "开幕 Opening 伍建民 伍建民", false));  // a moved talk, the same names
    CHECK(demo != ui::font_key(1920, 1080, "伍建民 Opening 开幕 李", false));       // a new speaker's character
    CHECK(demo != ui::font_key(3840, 2160, "伍建民 Opening 开幕", false));
    CHECK(demo != ui::font_key(1920, 1080, "伍建民 Opening 开幕", true));
}
