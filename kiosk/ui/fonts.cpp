#include "fonts.h"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <memory>

namespace lectern::ui {
namespace {

// Chinese text of the interface itself (hints, labels): its glyphs are baked like the agenda's.
constexpr const char* kInterfaceText = "输入姓名查找我的时段现在下一个";

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

FontFiles find_fonts(const std::string& configured) {
    FontFiles files;
    if (!configured.empty()) {
        files.regular = files.bold = FontFile{configured, 0};
        return files;
    }
    files.regular = match("Noto Sans CJK SC:lang=zh-cn:style=Regular");
    files.bold = match("Noto Sans CJK SC:lang=zh-cn:style=Bold");
    if (files.bold.path.empty()) files.bold = files.regular;
    if (files.regular.path.empty())
        files.warning = "No Chinese font found: names in Chinese show as boxes. Install fonts-noto-cjk "
                        "(apt-get install fonts-noto-cjk) or set display.font.";
    return files;
}

float screen_unit(float width, float height, float text_scale) {
    return std::min(width, height) / 1080.0f * text_scale;
}

Fonts build_fonts(const FontFiles& files, float width, float height, float text_scale, const std::string& text) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    fonts.unit = screen_unit(width, height, text_scale);

    // Latin, Latin-1, general punctuation (dashes, quotes, bullets, ellipsis), arrows, plus every
    // character the agenda uses. The ranges live in an ImVector that must outlive the atlas build.
    static ImVector<ImWchar> ranges;
    static ImVector<ImWchar> digit_ranges;
    ranges.clear();
    digit_ranges.clear();
    ImFontGlyphRangesBuilder builder;
    static const ImWchar base[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2300, 0x23FF, 0x25A0, 0x25FF, 0x3000, 0x303F, 0xFF01, 0xFF5E, 0};
    builder.AddRanges(base);
    builder.AddText(text.c_str());
    builder.AddText(kInterfaceText);
    builder.BuildRanges(&ranges);
    ImFontGlyphRangesBuilder digits;
    digits.AddText("0123456789:+-–. REC/AMPNOWmin");
    digits.BuildRanges(&digit_ranges);

    auto add = [&](const FontFile& file, float px, const ImVector<ImWchar>& glyphs) -> ImFont* {
        px = std::max(8.0f, px * fonts.unit);
        if (file.path.empty()) {
            ImFontConfig config;
            config.SizePixels = px;
            return io.Fonts->AddFontDefault(&config);
        }
        ImFontConfig config;
        config.FontNo = file.index;
        config.OversampleH = 1;  // large sizes need no horizontal oversampling; keeps the atlas small
        config.PixelSnapH = true;
        ImFont* font = io.Fonts->AddFontFromFileTTF(file.path.c_str(), px, &config, glyphs.Data);
        if (!font) {
            ImFontConfig fallback;
            fallback.SizePixels = px;
            font = io.Fonts->AddFontDefault(&fallback);
        }
        return font;
    };
    fonts.body = add(files.regular, 34, ranges);  // first font = ImGui's default
    fonts.small = add(files.regular, 26, ranges);
    fonts.body_bold = add(files.bold, 34, ranges);
    fonts.heading = add(files.bold, 44, ranges);
    fonts.title = add(files.bold, 58, ranges);
    fonts.display = add(files.bold, 76, ranges);
    fonts.huge = add(files.bold, 150, digit_ranges);
    static ImVector<ImWchar> timer_ranges;
    timer_ranges.clear();
    ImFontGlyphRangesBuilder timer_glyphs;
    timer_glyphs.AddText("0123456789:+-");
    timer_glyphs.BuildRanges(&timer_ranges);
    fonts.timer = add(files.bold, 400, timer_ranges);
    io.Fonts->Build();
    return fonts;
}

}  // namespace lectern::ui
