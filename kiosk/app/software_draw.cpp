#include "software_draw.h"

#include <SDL.h>
#include <imgui.h>

#include <cstddef>
#include <initializer_list>

namespace lectern {

namespace {

struct Drawer {
    SDL_Renderer* renderer;
    ImVec2 white;
    SDL_BlendMode blend;  // the renderer's own, for SDL's untextured triangles
    SoftwareDrawStats stats;

    // Six indices a b c a c d over corners a (top left), b, c (bottom right), d, one colour at
    // full opacity, every corner on the white pixel: what ImDrawList::PrimRect writes for a solid
    // rectangle (AddRectFilled without rounding).
    bool plain_rect(const ImDrawVert* vtx, const ImDrawIdx* idx, SDL_FRect& out) const {
        if (idx[3] != idx[0] || idx[4] != idx[2]) return false;
        const ImDrawVert& a = vtx[idx[0]];
        const ImDrawVert& b = vtx[idx[1]];
        const ImDrawVert& c = vtx[idx[2]];
        const ImDrawVert& d = vtx[idx[5]];
        if (((a.col >> IM_COL32_A_SHIFT) & 0xFF) != 0xFF || b.col != a.col || c.col != a.col || d.col != a.col) return false;
        for (const ImDrawVert* v : {&a, &b, &c, &d})
            if (v->uv.x != white.x || v->uv.y != white.y) return false;
        if (a.pos.y != b.pos.y || b.pos.x != c.pos.x || c.pos.y != d.pos.y || d.pos.x != a.pos.x) return false;
        if (!(a.pos.x < c.pos.x && a.pos.y < c.pos.y)) return false;
        out = SDL_FRect{a.pos.x, a.pos.y, c.pos.x - a.pos.x, c.pos.y - a.pos.y};
        return true;
    }

    void geometry(SDL_Texture* texture, const ImDrawVert* vtx, int vertices, const ImDrawIdx* idx, unsigned count) {
        if (count == 0) return;
        const char* base = reinterpret_cast<const char*>(vtx);
        SDL_RenderGeometryRaw(renderer, texture, reinterpret_cast<const float*>(base + offsetof(ImDrawVert, pos)), sizeof(ImDrawVert),
                              reinterpret_cast<const SDL_Color*>(base + offsetof(ImDrawVert, col)), sizeof(ImDrawVert),
                              reinterpret_cast<const float*>(base + offsetof(ImDrawVert, uv)), sizeof(ImDrawVert), vertices, idx,
                              static_cast<int>(count), sizeof(ImDrawIdx));
        ++stats.geometry_calls;
    }

    void fill(const ImDrawVert& corner, const SDL_FRect& rect) {
        const ImU32 col = corner.col;
        SDL_SetRenderDrawColor(renderer, (col >> IM_COL32_R_SHIFT) & 0xFF, (col >> IM_COL32_G_SHIFT) & 0xFF, (col >> IM_COL32_B_SHIFT) & 0xFF,
                               0xFF);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
        SDL_RenderFillRectF(renderer, &rect);
        SDL_SetRenderDrawBlendMode(renderer, blend);
        ++stats.plain_fills;
    }

    // One command: runs of ordinary triangles to SDL as they come, plain rectangles filled in
    // between, so the order of what is drawn stays ImGui's.
    void command(const ImDrawList& list, const ImDrawCmd& cmd) {
        const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
        const int vertices = list.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
        const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
        auto* texture = static_cast<SDL_Texture*>(cmd.GetTexID());
        unsigned run = 0;
        SDL_FRect rect;
        for (unsigned i = 0; i + 3 <= cmd.ElemCount;) {
            if (i + 6 <= cmd.ElemCount && plain_rect(vtx, idx + i, rect)) {
                geometry(texture, vtx, vertices, idx + run, i - run);
                fill(vtx[idx[i]], rect);
                i += 6;
                run = i;
            } else {
                i += 3;
            }
        }
        geometry(texture, vtx, vertices, idx + run, cmd.ElemCount - run);
    }
};

}  // namespace

SoftwareDrawStats draw_for_software(SDL_Renderer* renderer, const ImDrawData& data, float white_u, float white_v, const SDL_Rect* limit) {
    // As the stock backend: clip rectangles in framebuffer pixels, positions as they are.
    float rsx = 1.0f, rsy = 1.0f;
    SDL_RenderGetScale(renderer, &rsx, &rsy);
    const ImVec2 scale(rsx == 1.0f ? data.FramebufferScale.x : 1.0f, rsy == 1.0f ? data.FramebufferScale.y : 1.0f);
    const float fb_width = data.DisplaySize.x * scale.x, fb_height = data.DisplaySize.y * scale.y;
    if (fb_width <= 0 || fb_height <= 0) return {};

    SDL_Rect old_viewport, old_clip;
    const bool old_clipped = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
    SDL_RenderGetViewport(renderer, &old_viewport);
    SDL_RenderGetClipRect(renderer, &old_clip);
    Uint8 r, g, b, a;
    SDL_GetRenderDrawColor(renderer, &r, &g, &b, &a);
    SDL_BlendMode old_blend;
    SDL_GetRenderDrawBlendMode(renderer, &old_blend);

    Drawer drawer{renderer, ImVec2(white_u, white_v), old_blend, {}};
    SDL_RenderSetViewport(renderer, nullptr);
    SDL_RenderSetClipRect(renderer, nullptr);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    SDL_RenderSetViewport(renderer, nullptr);
                    SDL_RenderSetClipRect(renderer, nullptr);
                } else {
                    cmd.UserCallback(&list, &cmd);
                }
                continue;
            }
            const ImVec2 min(SDL_max(0.0f, (cmd.ClipRect.x - data.DisplayPos.x) * scale.x), SDL_max(0.0f, (cmd.ClipRect.y - data.DisplayPos.y) * scale.y));
            const ImVec2 max(SDL_min(fb_width, (cmd.ClipRect.z - data.DisplayPos.x) * scale.x),
                             SDL_min(fb_height, (cmd.ClipRect.w - data.DisplayPos.y) * scale.y));
            if (max.x <= min.x || max.y <= min.y) continue;
            SDL_Rect clip{static_cast<int>(min.x), static_cast<int>(min.y), static_cast<int>(max.x - min.x), static_cast<int>(max.y - min.y)};
            if (limit && !SDL_IntersectRect(&clip, limit, &clip)) continue;
            SDL_RenderSetClipRect(renderer, &clip);
            drawer.command(list, cmd);
        }
    }
    SDL_RenderSetViewport(renderer, &old_viewport);
    SDL_RenderSetClipRect(renderer, old_clipped ? &old_clip : nullptr);
    SDL_SetRenderDrawColor(renderer, r, g, b, a);
    SDL_SetRenderDrawBlendMode(renderer, old_blend);
    return drawer.stats;
}

}  // namespace lectern
