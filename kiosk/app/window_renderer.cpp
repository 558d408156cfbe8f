#include "window_renderer.h"

#include <SDL.h>

#include <cstdio>
#include <cstring>

namespace lectern {

namespace {

// Into the window's own pixels (XShm on X11), not into a GL texture SDL would otherwise put them
// in: that would load the GL driver this renderer is there to avoid.
SDL_Renderer* software_renderer(SDL_Window* window) {
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    SDL_ResetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION);
    return renderer;
}

// GL_RENDERER of the current context (SDL's GL renderer just made its own current).
std::string current_gl_name() {
    using GetString = const unsigned char* (*)(unsigned);
    auto get_string = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
    const unsigned char* name = get_string ? get_string(0x1F01 /* GL_RENDERER */) : nullptr;
    return name ? reinterpret_cast<const char*>(name) : "";
}

}  // namespace

bool rasterizes_on_cpu(const std::string& gl_name) {
    for (const char* cpu : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer", "SwiftShader"})
        if (gl_name.find(cpu) != std::string::npos) return true;
    return false;
}

WindowRenderer create_window_renderer(SDL_Window* window, RendererKind kind) {
    WindowRenderer r;
    const bool wayland = std::strcmp(SDL_GetCurrentVideoDriver(), "wayland") == 0;
    if (kind == RendererKind::Software) {
        r.software = (r.renderer = software_renderer(window)) != nullptr;
        if (!r.renderer) std::fprintf(stderr, "<5>lectern: no software renderer on this display (%s); drawing with GL instead\n", SDL_GetError());
    }
    if (!r.renderer) {
        // On Wayland the compositor paces what is shown, and SDL 2.26's vsync waits for the
        // compositor's frame callback in a loop that never ends once the compositor is gone (cage
        // ended first when systemd stops the kiosk unit): the frame loop would hang and never
        // finish the recording.
        r.renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | (wayland ? 0 : SDL_RENDERER_PRESENTVSYNC));
        if (r.renderer) r.gl_name = current_gl_name();
    }
    if (r.renderer && kind == RendererKind::GlOnGpu && !wayland && rasterizes_on_cpu(r.gl_name)) {
        // GL on the CPU rasterizes every frame in full on the cores that also encode; SDL's software
        // renderer fills the kiosk's flat panels as plain memory (BENCHMARKS.md, "Frame time").
        SDL_DestroyRenderer(r.renderer);
        r.software = (r.renderer = software_renderer(window)) != nullptr;
        if (r.software)
            std::fprintf(stderr, "<6>lectern: GL draws on the CPU here (%s): drawing with SDL's software renderer instead\n", r.gl_name.c_str());
        else
            r.renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    }
    if (!r.renderer) r.software = (r.renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE)) != nullptr;
    return r;
}

}  // namespace lectern
