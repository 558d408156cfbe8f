#include "rgba_texture.h"

#include <SDL.h>

#include <utility>

namespace lectern {

RgbaTexture::~RgbaTexture() {
    if (texture_) SDL_DestroyTexture(texture_);
}

RgbaTexture::RgbaTexture(RgbaTexture&& other) noexcept
    : renderer_(other.renderer_), filter_(other.filter_), texture_(std::exchange(other.texture_, nullptr)), width_(other.width_), height_(other.height_) {}

RgbaTexture& RgbaTexture::operator=(RgbaTexture&& other) noexcept {
    if (this != &other) {
        if (texture_) SDL_DestroyTexture(texture_);
        renderer_ = other.renderer_;
        filter_ = other.filter_;
        texture_ = std::exchange(other.texture_, nullptr);
        width_ = other.width_;
        height_ = other.height_;
    }
    return *this;
}

bool RgbaTexture::update(const uint8_t* rgba, int width, int height) {
    if (!renderer_ || width <= 0 || height <= 0) return false;
    if (!texture_ || width != width_ || height != height_) {
        if (texture_) SDL_DestroyTexture(texture_);
        // ABGR8888 is R,G,B,A in memory on little-endian machines: the workers' byte order.
        texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STREAMING, width, height);
        if (!texture_) return false;
        SDL_SetTextureScaleMode(texture_, filter_ == Filter::Sharp ? SDL_ScaleModeNearest : SDL_ScaleModeLinear);
        width_ = width, height_ = height;
    }
    return SDL_UpdateTexture(texture_, nullptr, rgba, width * 4) == 0;
}

}  // namespace lectern
