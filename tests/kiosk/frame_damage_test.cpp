// Partial redraw (kiosk/app/frame_damage.h): a software frame draws only what changed since the
// last one, into the pixels the last one left. Whatever changes, the picture must be exactly the
// one a whole redraw makes; and a small change must stay small.
#include "frame_renderer.h"

#include <SDL.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace lectern;

namespace {

struct Item {
    float x, y, w, h;
    ImU32 colour;
    float rounding;
    std::string label;
    bool clipped;  // drawn in a clip rectangle of its own, as a screen's boxes are
};

void draw(const std::vector<Item>& items, const ui::Fonts& fonts) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const Item& i : items) {
        if (i.clipped) dl->PushClipRect(ImVec2(i.x - 10, i.y - 10), ImVec2(i.x + i.w + 10, i.y + i.h + 10), true);
        dl->AddRectFilled(ImVec2(i.x, i.y), ImVec2(i.x + i.w, i.y + i.h), i.colour, i.rounding);
        dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(i.x + 4, i.y + 4), IM_COL32_WHITE, i.label.c_str());
        if (i.clipped) dl->PopClipRect();
    }
}

std::vector<uint32_t> pixels(FrameRenderer& r) {
    const ImVec2 size = r.size();
    std::vector<uint32_t> out(static_cast<size_t>(size.x) * static_cast<size_t>(size.y));
    REQUIRE(SDL_RenderReadPixels(r.sdl_renderer(), nullptr, SDL_PIXELFORMAT_ABGR8888, out.data(), static_cast<int>(size.x) * 4) == 0);
    return out;
}

size_t differing(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    size_t n = 0;
    for (size_t i = 0; i < a.size(); ++i) n += a[i] != b[i];
    return n;
}

}  // namespace

TEST_CASE("a partly redrawn software frame is the picture a whole redraw makes, over 60 frames of random changes") {
    const ui::FontFiles files = ui::find_fonts("");
    REQUIRE_MESSAGE(files.regular.bytes, "needs fonts-noto-cjk: ", files.warning);
    auto renderer = FrameRenderer::open_offscreen(960, 540);
    renderer->set_partial_redraw(true);
    const ui::Fonts fonts = renderer->load_fonts(files, 1.0f, "0123456789 s left Talk 大厅");
    std::mt19937 random(20261126);
    auto pick = [&random](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
    auto make = [&] {
        const ImU32 colours[] = {IM_COL32(38, 46, 62, 255), IM_COL32(64, 170, 255, 255), IM_COL32(236, 64, 64, 160), IM_COL32(70, 200, 120, 255)};
        return Item{float(pick(0, 900)), float(pick(0, 500)), float(pick(4, 300)), float(pick(4, 200)), colours[pick(0, 3)],
                    float(pick(0, 1) * pick(0, 20)), std::to_string(pick(0, 10000)) + (pick(0, 1) ? " s left" : " 大厅"), pick(0, 1) == 1};
    };
    std::vector<Item> items;
    for (int i = 0; i < 12; ++i) items.push_back(make());

    long drawn = 0;
    for (int frame = 0; frame < 60; ++frame) {
        CAPTURE(frame);
        // A few changes a frame, of every kind the screens make.
        for (int change = pick(0, 3); change > 0; --change) {
            Item& i = items[static_cast<size_t>(pick(0, static_cast<int>(items.size()) - 1))];
            switch (pick(0, 5)) {
                case 0: i.x += float(pick(-30, 30)); break;                      // moved
                case 1: i.colour ^= 0x00305020; break;                           // recoloured
                case 2: i.label = std::to_string(pick(0, 100000)); break;        // text of another length
                case 3: i.h = float(pick(4, 200)); break;                        // resized
                case 4: items.insert(items.begin() + pick(0, 5), make()); break;  // a new item, earlier in the list
                default: if (items.size() > 4) items.erase(items.begin() + pick(0, 3));  // an item gone
            }
        }
        renderer->begin_frame();
        draw(items, fonts);
        renderer->end_frame();
        const std::vector<uint32_t> partly = pixels(*renderer);
        for (const DamageRect& d : renderer->last_damage()) drawn += d.area();

        renderer->redraw();  // the same frame again, drawn whole
        renderer->begin_frame();
        draw(items, fonts);
        renderer->end_frame();
        CHECK(differing(partly, pixels(*renderer)) == 0);
    }
    MESSAGE("partly redrawn frames drew " << drawn / 60 << " pixels each on average, of " << 960 * 540);
}

TEST_CASE("a partly redrawn software frame draws only near what changed") {
    const ui::FontFiles files = ui::find_fonts("");
    REQUIRE(files.regular.bytes);
    auto renderer = FrameRenderer::open_offscreen(1920, 1080);
    renderer->set_partial_redraw(true);
    const ui::Fonts fonts = renderer->load_fonts(files, 1.0f, "0123456789 s left Talk 大厅");
    std::vector<Item> items;
    for (int i = 0; i < 8; ++i) items.push_back(Item{40.0f + 220 * i, 100, 200, 600, IM_COL32(38, 46, 62, 255), 12, "Talk", true});
    items.push_back(Item{40, 800, 300, 80, IM_COL32(64, 170, 255, 255), 0, "9 s left", false});
    auto frame = [&] {
        renderer->begin_frame();
        draw(items, fonts);
        renderer->end_frame();
    };
    frame();
    CHECK(renderer->last_damage().size() == 1);  // the first frame is drawn whole
    CHECK(renderer->last_damage()[0].area() == 1920L * 1080);

    items.back().label = "10 s left";  // a text grows by a character
    frame();
    long area = 0;
    for (const DamageRect& d : renderer->last_damage()) area += d.area();
    CHECK(area > 0);
    CHECK(area <= 340L * 120);  // the counter's box and its margins, not the screen

    items[3].x += 1;  // one panel moves by a pixel
    frame();
    area = 0;
    for (const DamageRect& d : renderer->last_damage()) area += d.area();
    CHECK(area <= 230L * 630);
}
