#include "jpeg.h"

#include <cstdio>
#include <jpeglib.h>

#include <memory>
#include <stdexcept>

namespace lectern {

std::string encode_jpeg(const PreviewFrame& frame, int quality) {
    const size_t stride = static_cast<size_t>(frame.width) * 4;
    if (frame.width <= 0 || frame.height <= 0 || frame.rgba.size() < stride * static_cast<size_t>(frame.height))
        throw std::runtime_error("preview frame " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                                 " has " + std::to_string(frame.rgba.size()) + " bytes of pixels");
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr err{};
    cinfo.err = jpeg_std_error(&err);
    // libjpeg's default error_exit calls exit(); the checks above rule out the errors it could hit here.
    jpeg_create_compress(&cinfo);
    std::unique_ptr<jpeg_compress_struct, void (*)(jpeg_compress_struct*)> guard(&cinfo, jpeg_destroy_compress);
    unsigned char* out = nullptr;
    unsigned long out_size = 0;
    jpeg_mem_dest(&cinfo, &out, &out_size);
    cinfo.image_width = static_cast<JDIMENSION>(frame.width);
    cinfo.image_height = static_cast<JDIMENSION>(frame.height);
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_EXT_RGBA;  // libjpeg-turbo reads RGBA directly
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(frame.rgba.data() + cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    std::string bytes(reinterpret_cast<char*>(out), out_size);
    std::free(out);
    return bytes;
}

}  // namespace lectern
