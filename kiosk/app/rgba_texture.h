// An SDL texture that holds one RGBA picture (a thumbnail, a playback frame, a QR code) for ImGui
// to draw: made, refilled and freed on the frame thread only, since SDL renderers are not
// thread-safe. Workers hand the pixels over; this uploads them.
#pragma once

#include <imgui.h>

#include <cstdint>

struct SDL_Renderer;
struct SDL_Texture;

namespace lectern {

class RgbaTexture {
public:
    enum class Filter { Smooth, Sharp };  // Sharp: nearest pixel (QR codes stay crisp when enlarged)
    RgbaTexture() = default;
    explicit RgbaTexture(SDL_Renderer* renderer, Filter filter = Filter::Smooth) : renderer_(renderer), filter_(filter) {}
    ~RgbaTexture();
    RgbaTexture(RgbaTexture&& other) noexcept;
    RgbaTexture& operator=(RgbaTexture&& other) noexcept;
    RgbaTexture(const RgbaTexture&) = delete;
    RgbaTexture& operator=(const RgbaTexture&) = delete;

    // Tightly packed RGBA; the texture is remade when the size changes. False when SDL refuses.
    bool update(const uint8_t* rgba, int width, int height);
    ImTextureID id() const { return texture_; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    SDL_Renderer* renderer_ = nullptr;
    Filter filter_ = Filter::Smooth;
    SDL_Texture* texture_ = nullptr;
    int width_ = 0, height_ = 0;
};

}  // namespace lectern
