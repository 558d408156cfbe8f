// The software renderer's own draw path (kiosk/app/software_draw.h): opaque solid rectangles become
// plain fills, and the picture is the one ImGui's stock SDL_Renderer backend draws.
#include "frame_renderer.h"
#include "software_draw.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdint>
#include <vector>

using namespace lectern;

TEST_CASE("software drawing fills opaque rectangles without blending and draws the stock backend's picture") {
    const ui::FontFiles files = ui::find_fonts("");
    REQUIRE_MESSAGE(files.regular.bytes, "needs fonts-noto-cjk: ", files.warning);
    const int w = 640, h = 360;
    auto renderer = FrameRenderer::open_offscreen(w, h);
    const ui::Fonts fonts = renderer->load_fonts(files, 1.0f, "Hall 大厅");
    renderer->begin_frame();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(10, 10), ImVec2(300, 200), IM_COL32(40, 50, 60, 255));        // plain
    dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(30, 30), IM_COL32_WHITE, "Hall 大厅");
    dl->AddRectFilled(ImVec2(100, 50), ImVec2(400, 250), IM_COL32(200, 30, 30, 128));      // translucent, over both
    dl->AddRectFilled(ImVec2(20, 220), ImVec2(200, 340), IM_COL32(30, 200, 30, 255), 12);  // rounded: triangles
    dl->AddRectFilled(ImVec2(150, 20), ImVec2(250, 60), IM_COL32(230, 230, 230, 255));     // plain, over the text
    dl->AddRectFilledMultiColor(ImVec2(420, 20), ImVec2(620, 120), IM_COL32(255, 0, 0, 255), IM_COL32(0, 255, 0, 255),
                                IM_COL32(0, 0, 255, 255), IM_COL32(255, 255, 0, 255));        // a gradient: not one colour
    renderer->end_frame(false);  // the frame's draw data, no pixels yet

    SDL_Renderer* r = renderer->sdl_renderer();
    SoftwareDrawStats stats;
    auto draw = [&](bool ours) {
        SDL_SetRenderDrawColor(r, 14, 18, 26, 255);
        SDL_RenderClear(r);
        if (ours) {
            const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
            stats = draw_for_software(r, *ImGui::GetDrawData(), white.x, white.y);
        } else {
            ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        }
        std::vector<uint32_t> pixels(static_cast<size_t>(w) * h);
        REQUIRE(SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) == 0);
        return pixels;
    };
    const std::vector<uint32_t> stock = draw(false);
    const std::vector<uint32_t> ours = draw(true);

    CHECK(stats.plain_fills == 2);
    CHECK(stats.geometry_calls >= 2);  // the runs between and after the plain fills
    size_t differing = 0;
    for (size_t i = 0; i < stock.size(); ++i) differing += stock[i] != ours[i];
    CHECK(differing == 0);
    // The translucent red really was blended over the plain fill (not filled flat by mistake).
    const uint32_t mixed = ours[static_cast<size_t>(100) * w + 200];
    CHECK((mixed & 0xFF) > 100);
    CHECK((mixed & 0xFF) < 200);
}
