#include "fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace lectern::ui {
namespace {

FontFile match(const char* pattern_text) {
    FontFile out;
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) return out;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text));
    FcConfigSubstitute(config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    if (FcPattern* font = FcFontMatch(config, pattern, &result)) {
        FcChar8* file = nullptr;
        int index = 0;
        FcCharSet* charset = nullptr;
        // Only accept a face that really has Chinese (U+4E2D 中); fontconfig always returns something.
        if (FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) == FcResultMatch && FcCharSetHasChar(charset, 0x4E2D)) {
            FcPatternGetInteger(font, FC_INDEX, 0, &index);
            out.path = reinterpret_cast<const char*>(file);
            out.index = index;
        }
        FcPatternDestroy(font);
    }
    FcPatternDestroy(pattern);
    FcConfigDestroy(config);
    return out;
}

}  // namespace

std::shared_ptr<const FontBytes> FontBytes::map(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    void* data = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0) data = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);  // the mapping keeps the file
    if (data == MAP_FAILED) return nullptr;
    return std::shared_ptr<const FontBytes>(new FontBytes(data, static_cast<size_t>(st.st_size)));
}

FontBytes::~FontBytes() { munmap(data_, size_); }

FontFiles find_fonts(const std::string& configured) {
    FontFiles files;
    if (!configured.empty()) {
        files.regular = files.bold = FontFile{configured, 0, nullptr};
    } else {
        files.regular = match("Noto Sans CJK SC:lang=zh-cn:style=Regular");
        files.bold = match("Noto Sans CJK SC:lang=zh-cn:style=Bold");
        if (files.bold.path.empty()) files.bold = files.regular;
    }
    // Each file is mapped once, however many sizes and rebakes use it.
    if (!files.regular.path.empty()) files.regular.bytes = FontBytes::map(files.regular.path);
    files.bold.bytes = files.bold.path == files.regular.path ? files.regular.bytes : FontBytes::map(files.bold.path);
    if (!configured.empty() && !files.regular.bytes)
        files.warning = "Cannot read display.font \"" + configured + "\": the built-in font shows instead (no Chinese). "
                        "Check the path, or remove display.font to use fontconfig's Chinese font.";
    else if (files.regular.path.empty())
        files.warning = "No Chinese font found: names in Chinese show as boxes. Install fonts-noto-cjk "
                        "(apt-get install fonts-noto-cjk) or set display.font.";
    return files;
}

float screen_unit(float width, float height, float text_scale) {
    return std::min(width, height) / 1080.0f * text_scale;
}

bool FontKey::operator==(const FontKey& o) const {
    return width == o.width && height == o.height && timer_digits == o.timer_digits && glyphs.Size == o.glyphs.Size &&
           std::equal(glyphs.begin(), glyphs.end(), o.glyphs.begin());
}

FontKey font_key(float width, float height, const std::string& text, bool timer_digits) {
    FontKey key;
    key.width = static_cast<int>(width);
    key.height = static_cast<int>(height);
    key.timer_digits = timer_digits;
    ImFontGlyphRangesBuilder builder;
    builder.AddText(text.c_str());
    builder.BuildRanges(&key.glyphs);
    return key;
}

}  // namespace lectern::ui
