#include "png_image.h"

#include <png.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <stdexcept>
#include <sys/wait.h>

PngImage PngImage::read(const std::string& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) throw std::runtime_error("cannot read PNG " + path);
    image.format = PNG_FORMAT_RGBA;
    PngImage out;
    out.width = image.width;
    out.height = image.height;
    out.rgba.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr)) throw std::runtime_error("bad PNG " + path);
    return out;
}

size_t PngImage::distinct_colours() const {
    std::set<uint32_t> colours;
    for (size_t i = 0; i + 3 < rgba.size(); i += 4) colours.insert(rgba[i] << 16 | rgba[i + 1] << 8 | rgba[i + 2]);
    return colours.size();
}

size_t PngImage::count_near(uint8_t r, uint8_t g, uint8_t b, int tolerance) const {
    size_t n = 0;
    for (size_t i = 0; i + 3 < rgba.size(); i += 4)
        if (std::abs(rgba[i] - r) <= tolerance && std::abs(rgba[i + 1] - g) <= tolerance && std::abs(rgba[i + 2] - b) <= tolerance) ++n;
    return n;
}

CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer;
    size_t got;
    while ((got = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), got);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}
