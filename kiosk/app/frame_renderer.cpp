#include "frame_renderer.h"

#include "assets.h"
#include "software_draw.h"
#include "window_renderer.h"
#include "ui/theme.h"

#include <SDL.h>
#include <imgui_impl_sdl.h>
#include <imgui_internal.h>
#include <imgui_impl_sdlrenderer.h>
#include <png.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace lectern {

namespace {

// The window manager's and task switcher's picture of the kiosk: assets/icons/lectern.png. A
// missing or unreadable icon leaves SDL's default and says so on stderr; the kiosk runs anyway.
void set_window_icon(SDL_Window* window) {
    const std::string path = asset_path("icons/lectern.png").string();
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        std::fprintf(stderr, "lectern: no window icon: cannot read %s (%s); set LECTERN_ASSETS_DIR to the assets folder\n", path.c_str(),
                     image.message);
        return;
    }
    image.format = PNG_FORMAT_RGBA;
    std::vector<uint8_t> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
        std::fprintf(stderr, "lectern: no window icon: %s: %s\n", path.c_str(), image.message);
        return;
    }
    // ABGR8888 is R,G,B,A in memory on little-endian machines: libpng's RGBA order.
    SDL_Surface* icon = SDL_CreateRGBSurfaceWithFormatFrom(pixels.data(), static_cast<int>(image.width), static_cast<int>(image.height), 32,
                                                           static_cast<int>(PNG_IMAGE_ROW_STRIDE(image)), SDL_PIXELFORMAT_ABGR8888);
    if (!icon) return;
    SDL_SetWindowIcon(window, icon);  // SDL copies the pixels
    SDL_FreeSurface(icon);
}

}  // namespace

std::unique_ptr<FrameRenderer> FrameRenderer::open_window(bool fullscreen, Kind kind) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
        throw std::runtime_error(std::string("cannot open the display: ") + SDL_GetError() +
                                 ". Is DISPLAY or WAYLAND_DISPLAY set? For a PNG without a display use --screenshot.");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");  // stay on screen when a dialog elsewhere takes focus
    SDL_DisableScreenSaver();
    std::unique_ptr<FrameRenderer> r(new FrameRenderer);
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
    if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    // Fullscreen starts at the desktop's size, so it fills the screen even where no window manager
    // acts on the fullscreen request (a bare X server on a kiosk PC).
    SDL_DisplayMode desktop{};
    int w = 1280, h = 720;
    if (fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) == 0) w = desktop.w, h = desktop.h, flags |= SDL_WINDOW_BORDERLESS;
    r->window_ = SDL_CreateWindow("Lectern", fullscreen ? 0 : SDL_WINDOWPOS_CENTERED, fullscreen ? 0 : SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!r->window_) throw std::runtime_error(std::string("cannot create the kiosk window: ") + SDL_GetError());
    set_window_icon(r->window_);
    const WindowRenderer created = create_window_renderer(r->window_, kind);
    r->renderer_ = created.renderer;
    r->software_ = created.software;
    if (!r->renderer_) throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);  // a touch kiosk shows no mouse pointer
    r->init_imgui();
    ImGui_ImplSDL2_InitForSDLRenderer(r->window_);
    ImGui_ImplSDLRenderer_Init(r->renderer_);
    return r;
}

std::unique_ptr<FrameRenderer> FrameRenderer::open_offscreen(int width, int height) {
    std::unique_ptr<FrameRenderer> r(new FrameRenderer);
    // ABGR8888 is R,G,B,A in memory on little-endian machines: the byte order PNG wants.
    r->surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!r->surface_) throw std::runtime_error(std::string("cannot allocate the offscreen image: ") + SDL_GetError());
    r->renderer_ = SDL_CreateSoftwareRenderer(r->surface_);
    if (!r->renderer_) throw std::runtime_error(std::string("cannot create the software renderer: ") + SDL_GetError());
    r->init_imgui();
    ImGui_ImplSDLRenderer_Init(r->renderer_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 30;
    // No platform backend offscreen: map the keys screens read to their ASCII codes, so that tests
    // can press them through io.KeysDown like SDL would.
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_Space] = 32;
    return r;
}

void FrameRenderer::init_imgui() {
    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
}

FrameRenderer::~FrameRenderer() {
    if (imgui_) {
        ImGui_ImplSDLRenderer_Shutdown();
        if (window_) ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext(imgui_);
    }
    if (preview_) SDL_DestroyTexture(preview_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (surface_) SDL_FreeSurface(surface_);
    if (window_) {
        SDL_DestroyWindow(window_);
        SDL_Quit();
    }
}

ImVec2 FrameRenderer::size() const {
    int w = 0, h = 0;
    if (surface_) {
        w = surface_->w;
        h = surface_->h;
    } else {
        SDL_GetRendererOutputSize(renderer_, &w, &h);
    }
    return ImVec2(static_cast<float>(w), static_cast<float>(h));
}

ui::Fonts FrameRenderer::load_fonts(const ui::FontFiles& files, float text_scale, const std::string& text, bool timer_digits) {
    const ImVec2 s = size();
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ui::Fonts fonts = ui::build_fonts(files, s.x, s.y, text_scale, text, max_texture_side(), timer_digits);
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    must_present_ = whole_ = true;
    ImGui::GetIO().Fonts->ClearTexData();  // the texture has its own copy; at 4K the CPU's was tens of MB
    ui::apply_style(fonts.unit);
    return fonts;
}

std::string FrameRenderer::renderer_name() const {
    SDL_RendererInfo info{};
    return SDL_GetRendererInfo(renderer_, &info) == 0 && info.name ? info.name : "unknown";
}

int FrameRenderer::max_texture_side() const {
    SDL_RendererInfo info{};
    int side = kMaxAtlasSide;
    if (SDL_GetRendererInfo(renderer_, &info) == 0) {
        // 0 means no limit (the software renderer).
        if (info.max_texture_width > 0) side = std::min(side, info.max_texture_width);
        if (info.max_texture_height > 0) side = std::min(side, info.max_texture_height);
    }
    return side;
}

void FrameRenderer::begin_frame() {
    ImGui_ImplSDLRenderer_NewFrame();
    if (window_) ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    // The root window fills the screen and cannot be moved, resized or closed.
    const ImVec2 s = size();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(s);
    // No background of its own: end_frame clears to the same colour, and a software rasterizer
    // would fill every pixel of the screen twice.
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
}

namespace {

// FNV-1a over what the frame would draw: equal hashes mean the same picture (textures aside).
// Positions count to half a pixel, so the timeline's now line creeping by a hundredth of a pixel
// between frames is no change; it is drawn again once it moved visibly.
uint64_t hash_draw_data(const ImDrawData& data) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* bytes, size_t n) {
        for (const auto* p = static_cast<const unsigned char*>(bytes); n--; ++p) h = (h ^ *p) * 1099511628211ull;
    };
    mix(&data.DisplaySize, sizeof data.DisplaySize);
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImDrawList& list = *data.CmdLists[i];
        for (const ImDrawVert& v : list.VtxBuffer) {
            const long at[2] = {std::lround(v.pos.x * 2), std::lround(v.pos.y * 2)};
            mix(at, sizeof at), mix(&v.uv, sizeof v.uv), mix(&v.col, sizeof v.col);
        }
        mix(list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.size_in_bytes()));
        for (const ImDrawCmd& cmd : list.CmdBuffer) mix(&cmd.TextureId, sizeof cmd.TextureId), mix(&cmd.ClipRect, sizeof cmd.ClipRect);
    }
    return h;
}

}  // namespace

uint64_t FrameRenderer::picture_hash() const { return hash_draw_data(*ImGui::GetDrawData()); }

void FrameRenderer::end_frame(bool rasterize) {
    ImGui::End();
    ImGui::Render();
    last_damage_.clear();
    if (!rasterize) return;
    // A kiosk shows the same picture for most of a minute: rasterizing and presenting it again
    // would cost the whole idle CPU budget (software GL at 4K). Skip it unless something moved, a
    // texture changed under the same geometry (the preview), or the window asked to be redrawn.
    const uint64_t hash = hash_draw_data(*ImGui::GetDrawData());
    if (window_ && hash == presented_hash_ && !must_present_) return;
    presented_hash_ = hash;
    must_present_ = false;
    const auto started = std::chrono::steady_clock::now();
    SDL_SetRenderDrawColor(renderer_, 14, 18, 26, 255);  // ui::colour::background
    if (software_ || partial_) {
        draw_damaged();
    } else {
        const ImVec2 s = size();
        last_damage_ = {DamageRect{0, 0, static_cast<int>(s.x), static_cast<int>(s.y)}};
        SDL_RenderClear(renderer_);
        if (surface_) {
            const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
            draw_for_software(renderer_, *ImGui::GetDrawData(), white.x, white.y);
        } else {
            ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        }
        SDL_RenderPresent(renderer_);
    }
    last_present_ms_ = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
}

void FrameRenderer::draw_damaged() {
    // Only what changed since the last frame, into the pixels the last frame left (the window's
    // own surface keeps them), and only that is sent to the display.
    const ImDrawData& data = *ImGui::GetDrawData();
    last_damage_ = damage_.update(data, ImGui::GetIO().Fonts->TexID, whole_);
    whole_ = false;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    std::vector<SDL_Rect> shown;
    for (const DamageRect& d : last_damage_) {
        const SDL_Rect& r = shown.emplace_back(SDL_Rect{d.x0, d.y0, d.x1 - d.x0, d.y1 - d.y0});
        SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
        SDL_RenderFillRect(renderer_, &r);
        draw_for_software(renderer_, data, white.x, white.y, &r);
    }
    if (window_) {
        SDL_RenderFlush(renderer_);
        SDL_UpdateWindowSurfaceRects(window_, shown.data(), static_cast<int>(shown.size()));
    } else {
        SDL_RenderPresent(renderer_);
    }
}

long FrameRenderer::drawn_pixels() const {
    long pixels = 0;
    for (const DamageRect& d : last_damage_) pixels += d.area();
    return pixels;
}

void FrameRenderer::abandon_frame() {
    if (!ImGui::GetCurrentContext()->WithinFrameScope) return;  // it failed after Render()
    ImGui::ErrorCheckEndFrameRecover(nullptr);  // ends the windows and pops the styles left open
    ImGui::EndFrame();
}

ImTextureID FrameRenderer::update_preview(const uint8_t* rgba, int width, int height) {
    if (!preview_ || width != preview_width_ || height != preview_height_) {
        if (preview_) SDL_DestroyTexture(preview_);
        // ABGR8888 is R,G,B,A in memory on little-endian machines, the recorder's byte order.
        preview_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STREAMING, width, height);
        if (preview_) SDL_SetTextureBlendMode(preview_, SDL_BLENDMODE_NONE);
        preview_width_ = width;
        preview_height_ = height;
    }
    if (preview_) SDL_UpdateTexture(preview_, nullptr, rgba, width * 4);
    must_present_ = true;
    return static_cast<ImTextureID>(preview_);
}

void FrameRenderer::save_png(const std::string& path) const {
    if (!surface_) throw std::logic_error("save_png needs the offscreen renderer");
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(surface_->w);
    image.height = static_cast<png_uint_32>(surface_->h);
    image.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&image, path.c_str(), 0, surface_->pixels, surface_->pitch, nullptr))
        throw std::runtime_error("cannot write " + path + ": " + image.message + " (is the folder there and writable?)");
}

}  // namespace lectern
