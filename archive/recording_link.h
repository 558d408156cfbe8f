// Where staff (or a guest with a phone) can fetch a recording: the venue's staff page, searching for
// it, when `[archive] page_url` is set; else the address of a finished upload on a WebDAV or S3
// target. And that link as a QR code (libqrencode), as modules the kiosk turns into a texture.
// Display-free.
#pragma once

#include "recording.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct LecternConfig;

struct RecordingLink {
    std::string url;
    std::string where;  // "on the staff page" or "uploaded to <target>", for the caption
};

// nullopt when neither is known; why_no_link says what to set.
std::optional<RecordingLink> recording_link(const Recording& r, const LecternConfig& config);
extern const char* const why_no_link;

struct QrCode {
    int size = 0;                  // modules per side (21 for version 1, +4 per version)
    std::vector<uint8_t> modules;  // size*size, row by row; 1 = dark
    bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x] != 0; }
};

// Error correction M (15 % of the code may be unreadable: a smudged screen, a glare). Throws
// std::runtime_error when the text is too long for any QR version.
QrCode make_qr_code(const std::string& text);

}  // namespace lectern
