// Draws Dear ImGui's draw data with SDL's software renderer, faster than the stock backend
// (ImGui_ImplSDLRenderer_RenderDrawData) for the kiosk's flat screens: an opaque, solid,
// axis-aligned rectangle (a panel, a card, a band of a rounded rectangle) becomes a plain fill.
// SDL 2.26 turns every untextured rectangle into a *blended* fill, which reads, mixes and writes
// each pixel even at full opacity; a plain fill is a memset. Everything else (text, images,
// triangles, translucent colours) goes to SDL_RenderGeometryRaw as the stock backend sends it,
// in the same order, so the picture is the same.
#pragma once

struct ImDrawData;
struct SDL_Rect;
struct SDL_Renderer;

namespace lectern {

// Counts of what one call drew, for tests and benchmarks.
struct SoftwareDrawStats {
    int plain_fills = 0;      // opaque solid rectangles filled without blending
    int geometry_calls = 0;   // runs handed to SDL_RenderGeometryRaw
};

// Draws `data` with `renderer` (a software renderer; on another renderer the result is the same,
// only not faster). Leaves the renderer's viewport, clip rectangle and draw state as it found them.
// `white_uv` is the font atlas's white pixel (ImFontAtlas::TexUvWhitePixel): solid shapes use it.
// `limit`: draws only inside this rectangle (a damaged part of the screen, see frame_damage.h).
SoftwareDrawStats draw_for_software(SDL_Renderer* renderer, const ImDrawData& data, float white_u, float white_v,
                                    const SDL_Rect* limit = nullptr);

}  // namespace lectern
