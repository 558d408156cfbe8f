#include "window_renderer.h"

#include <SDL.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

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

int print_gl_renderer_name() {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    SDL_Window* window = SDL_CreateWindow("Lectern GL probe", 0, 0, 16, 16, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    SDL_GLContext context = window ? SDL_GL_CreateContext(window) : nullptr;
    const std::string name = context ? current_gl_name() : "";
    if (context) SDL_GL_DeleteContext(context);
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
    if (name.empty()) return 1;
    std::printf("%s\n", name.c_str());
    return 0;
}

std::string gl_renderer_name_of_display() {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return "";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);  // Mesa's chatter
    char exe[] = "/proc/self/exe";
    char option[] = "--gl-renderer-name";
    char* argv[] = {exe, option, nullptr};
    pid_t child = -1;
    const bool spawned = posix_spawn(&child, exe, &actions, nullptr, argv, environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    std::string name;
    if (spawned) {
        pollfd p{out[0], POLLIN, 0};
        char buffer[256];
        for (ssize_t n = 1; n > 0 && poll(&p, 1, 10000) == 1;)
            if ((n = read(out[0], buffer, sizeof buffer)) > 0) name.append(buffer, static_cast<size_t>(n));
        kill(child, SIGKILL);  // gone already unless it hung on the display
        waitpid(child, nullptr, 0);
    }
    close(out[0]);
    if (const auto end = name.find('\n'); end != std::string::npos) name.resize(end);
    return name;
}

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
    if (kind == RendererKind::GlOnGpu && !wayland) {
        r.gl_name = gl_renderer_name_of_display();
        if (rasterizes_on_cpu(r.gl_name)) {
            // GL on the CPU rasterizes every frame in full on the cores that also encode; SDL's
            // software renderer fills the kiosk's flat panels as plain memory and redraws only
            // what changed (BENCHMARKS.md, "Frame time").
            r.software = (r.renderer = software_renderer(window)) != nullptr;
            if (r.software)
                std::fprintf(stderr, "<6>lectern: GL draws on the CPU here (%s): drawing with SDL's software renderer instead\n", r.gl_name.c_str());
        }
    }
    if (!r.renderer) {
        // On Wayland the compositor paces what is shown, and SDL 2.26's vsync waits for the
        // compositor's frame callback in a loop that never ends once the compositor is gone (cage
        // ended first when systemd stops the kiosk unit): the frame loop would hang and never
        // finish the recording.
        r.renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | (wayland ? 0 : SDL_RENDERER_PRESENTVSYNC));
        if (r.renderer && r.gl_name.empty()) r.gl_name = current_gl_name();
    }
    if (!r.renderer) r.software = (r.renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE)) != nullptr;
    return r;
}

}  // namespace lectern
