// Owns SDL's renderer and the Dear ImGui context with its backends. Two kinds: a (fullscreen)
// window for the kiosk, and an offscreen software surface for --screenshot, which needs no window,
// X server or GPU.
#pragma once

#include "frame_damage.h"
#include "ui/fonts.h"
#include "window_renderer.h"

#include <imgui.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;

namespace lectern {

class FrameRenderer {
public:
    // See window_renderer.h. Gl falls back to software when GL cannot start.
    using Kind = RendererKind;
    // Throws std::runtime_error with SDL's reason and what to try.
    static std::unique_ptr<FrameRenderer> open_window(bool fullscreen, Kind kind = Kind::Gl);
    static std::unique_ptr<FrameRenderer> open_offscreen(int width, int height);
    ~FrameRenderer();
    FrameRenderer(const FrameRenderer&) = delete;
    FrameRenderer& operator=(const FrameRenderer&) = delete;

    ImVec2 size() const;
    SDL_Window* window() const { return window_; }
    SDL_Renderer* sdl_renderer() const { return renderer_; }  // for screens' own textures (kiosk/app/rgba_texture.h)
    // Rebakes the fonts for the current size with the glyphs of `text`, in a texture no larger
    // than max_texture_side(); timer_digits: see ui::build_fonts.
    ui::Fonts load_fonts(const ui::FontFiles& files, float text_scale, const std::string& text, bool timer_digits = true);
    // The renderer's texture limit, and never above kMaxAtlasSide: a 4096×8192 RGBA atlas is
    // already 128 MB, the most a kiosk should spend on text.
    int max_texture_side() const;
    static constexpr int kMaxAtlasSide = 8192;

    void begin_frame();       // backends' NewFrame, ImGui::NewFrame, and the fullscreen root window
    // ImGui::Render, then draw and present; rasterize=false builds the frame but skips the pixels
    // (input tests run thousands of frames).
    // A window presents only when the picture changed (see redraw()).
    void end_frame(bool rasterize = true);
    // After a frame failed between begin_frame and end_frame (an exception): closes what the frame
    // left open in ImGui so that the next begin_frame starts clean. Nothing is drawn.
    void abandon_frame();
    void redraw() { must_present_ = whole_ = true; }
    // Software drawing draws and presents only the parts of the screen that changed since the last
    // frame (frame_damage.h); always on for a software window, for tests on an offscreen surface.
    void set_partial_redraw(bool on) { partial_ = on; }
    // What the last end_frame drew: the damaged rectangles (the whole screen when drawn whole;
    // none when nothing changed), and their pixels.
    const std::vector<DamageRect>& last_damage() const { return last_damage_; }
    long drawn_pixels() const;
    // The shortest wait between frames that are not answers to input: twice what the last
    // presented frame cost in software (a console's live preview must not take the whole CPU from
    // the recording), none with GL.
    int min_wait_ms() const { return software_ ? 2 * last_present_ms_ : 0; }
    std::string renderer_name() const;  // SDL's name for the renderer: "opengl", "software", …
    // Identifies the picture the last frame drew (positions to half a pixel, textures by handle).
    uint64_t picture_hash() const;  // the window was exposed or resized: present the next frame
    void save_png(const std::string& path) const;  // offscreen only; throws with the path on failure
    // Uploads an RGBA picture (tightly packed) into the preview texture, recreating it when the
    // size changes; returns the ImGui handle screens draw with.
    ImTextureID update_preview(const uint8_t* rgba, int width, int height);

private:
    FrameRenderer() = default;
    void init_imgui();
    void draw_damaged();

    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    SDL_Surface* surface_ = nullptr;  // offscreen target
    SDL_Texture* preview_ = nullptr;
    int preview_width_ = 0, preview_height_ = 0;
    ImGuiContext* imgui_ = nullptr;
    uint64_t presented_hash_ = 0;
    bool must_present_ = true;
    bool software_ = false;  // a window drawn by SDL's software renderer
    bool partial_ = false;   // an offscreen surface drawn as a window is (tests)
    bool whole_ = true;      // the next frame is drawn whole
    FrameDamage damage_;
    std::vector<DamageRect> last_damage_;
    int last_present_ms_ = 0;
};

}  // namespace lectern
