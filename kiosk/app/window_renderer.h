// Which SDL renderer draws the kiosk's window (display.renderer, FrameRenderer::Kind).
#pragma once

#include <string>

struct SDL_Renderer;
struct SDL_Window;

namespace lectern {

enum class RendererKind {
    Gl,        // SDL's GL renderer, wherever GL runs
    Software,  // SDL's software renderer into the window's own pixels (XShm on X11): no GL driver loaded
    GlOnGpu,   // GL where a GPU draws it; where GL itself rasterizes on the CPU, the software renderer
};

struct WindowRenderer {
    SDL_Renderer* renderer = nullptr;  // null: SDL's error says why
    bool software = false;
    std::string gl_name;               // GL_RENDERER when GL was tried, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
};

// GL_RENDERER names of rasterizers that run on the CPU (Mesa's llvmpipe, softpipe, swrast; SwiftShader).
bool rasterizes_on_cpu(const std::string& gl_name);

// GL_RENDERER of this display's GL, asked by a child process (this program with
// --gl-renderer-name), so that the kiosk itself loads no GL driver it will not draw with (llvmpipe
// keeps 52 MB and two threads once loaded). Empty when the child could not tell within 10 s.
std::string gl_renderer_name_of_display();
// The child's side: prints GL_RENDERER of a hidden GL window on this display; 0 when it could.
int print_gl_renderer_name();

// Creates the window's renderer; notes on stderr what it fell back to and why. On Wayland SDL 2.26
// has no software window surface, so every kind draws with GL there, and without vsync (see
// ARCHITECTURE.md, "Threads").
WindowRenderer create_window_renderer(SDL_Window* window, RendererKind kind);

}  // namespace lectern
