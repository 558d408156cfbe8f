#include "file_naming.h"

#include "local_time.h"

#include <algorithm>
#include <cctype>

namespace lectern {

std::string expand_file_name(const std::string& pattern, const RecordingMeta& meta, TimePoint when) {
    std::string speaker;
    if (!meta.speakers.empty())
        speaker = meta.speakers[0].name.empty() ? meta.speakers[0].native_name : meta.speakers[0].name;
    const std::pair<const char*, std::string> fields[] = {
        {"{date}", format_local(when, meta.time_zone, "%Y-%m-%d")},
        {"{time}", format_local(when, meta.time_zone, "%H%M")},
        {"{room}", meta.room},
        {"{item}", meta.item_id},
        {"{title}", meta.title},
        {"{speaker}", speaker},
        {"{event}", meta.event},
        {"{kiosk}", meta.kiosk_id},
    };
    std::string out = pattern;
    for (const auto& [key, value] : fields) {
        for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
            out.replace(at, std::string(key).size(), value);
    }
    return out;
}

std::string safe_file_name(const std::string& name, size_t max_bytes) {
    std::string out;
    for (unsigned char ch : name) {
        bool bad = ch < 0x20 || ch == 0x7f || std::string_view("/\\:*?\"<>|").find(ch) != std::string_view::npos;
        out += bad ? '_' : static_cast<char>(ch);
    }
    // Empty fields leave runs of separators ("2024-04-29__0940_"): fold them.
    std::string folded;
    for (char ch : out)
        if (!(ch == '_' && !folded.empty() && folded.back() == '_')) folded += ch;
    out = folded;
    if (out.size() > max_bytes) {
        size_t cut = max_bytes;
        // Step back over UTF-8 continuation bytes so that no character is cut in half.
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ' || out.back() == '_')) out.pop_back();
    while (!out.empty() && (out.front() == '.' || out.front() == ' ' || out.front() == '_')) out.erase(0, 1);
    if (out.empty()) return "recording";
    std::string stem = out.substr(0, out.find('.'));
    std::transform(stem.begin(), stem.end(), stem.begin(), [](unsigned char c) { return std::toupper(c); });
    static const char* reserved[] = {"CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6",
                                     "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
                                     "LPT7", "LPT8", "LPT9"};
    for (const char* r : reserved)
        if (stem == r) return "_" + out;
    return out;
}

}  // namespace lectern
