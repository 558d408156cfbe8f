#include "preview_panel.h"

#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>
#include <cstdio>

namespace lectern {

using namespace ui;

namespace {

float meter_fraction(float dbfs) { return std::clamp((dbfs + 60.0f) / 60.0f, 0.0f, 1.0f); }

std::string size_text(uint64_t bytes) {
    char buffer[32];
    if (bytes >= (1ull << 30))
        std::snprintf(buffer, sizeof buffer, "%.2f GB", bytes / double(1ull << 30));
    else
        std::snprintf(buffer, sizeof buffer, "%.0f MB", bytes / double(1ull << 20));
    return buffer;
}

}  // namespace

void draw_audio_meters(const ScreenContext& ctx, const RecorderView& rec, const Rect& r) {
    const float u = ctx.fonts.unit;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const size_t channels = std::max<size_t>(1, rec.rms_dbfs.size());
    const float gap = 6 * u;
    const float w = (r.width() - (channels - 1) * gap) / channels;
    for (size_t c = 0; c < channels; ++c) {
        const float x0 = r.min.x + c * (w + gap), x1 = x0 + w;
        ui::rounded_rect(dl, ImVec2(x0, r.min.y), ImVec2(x1, r.max.y), colour::track, 3 * u);
        if (c >= rec.rms_dbfs.size()) continue;
        const float level = meter_fraction(rec.rms_dbfs[c]);
        const float y = r.max.y - r.height() * level;
        // Green to −18 dBFS, amber to −6, red above: the broadcast habit technicians read at a glance.
        const float amber_y = r.max.y - r.height() * meter_fraction(-18), red_y = r.max.y - r.height() * meter_fraction(-6);
        ui::rounded_rect(dl, ImVec2(x0, std::max(y, amber_y)), ImVec2(x1, r.max.y), colour::ok, 3 * u);
        if (y < amber_y) dl->AddRectFilled(ImVec2(x0, std::max(y, red_y)), ImVec2(x1, amber_y), colour::warning);
        if (y < red_y) dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, red_y), colour::live);
        if (c < rec.peak_dbfs.size()) {
            const float py = r.max.y - r.height() * meter_fraction(rec.peak_dbfs[c]);
            dl->AddRectFilled(ImVec2(x0, py - 2 * u), ImVec2(x1, py + 2 * u), colour::text);
        }
    }
}

void draw_preview_panel(const ScreenContext& ctx, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    static const RecorderView unavailable;
    const RecorderView& rec = ctx.recorder ? *ctx.recorder : unavailable;

    // Alerts go under the picture, each on its own banner: the picture gives way to them (down to
    // half the panel), and what still does not fit is counted on the last banner, never dropped.
    std::vector<std::string> lines = rec.alerts;
    if (rec.state == RecorderView::State::Failed && !rec.message.empty()) lines.insert(lines.begin(), rec.message);
    const float banner_h = f.body->FontSize + 16 * u, line_h = banner_h + 8 * u;
    const size_t room = static_cast<size_t>(std::max(0.0f, (r.height() / 2 - 4 * u) / line_h));
    if (lines.size() > room && room > 0) {
        const size_t more = lines.size() - room;
        lines.resize(room);
        lines.back() = "(+" + std::to_string(more) + " more) " + lines.back();
    }
    const float meters_w = 56 * u;
    const float alerts_h = lines.empty() ? 0 : 4 * u + line_h * static_cast<float>(std::min(lines.size(), room));
    const Rect video{r.min, {r.max.x - meters_w - 14 * u, r.max.y - alerts_h}};
    // Fit 16:9 (or the preview's own aspect) into the video area.
    const float aspect = rec.preview_width > 0 ? float(rec.preview_width) / float(rec.preview_height) : 16.0f / 9.0f;
    float w = video.width(), h = w / aspect;
    if (h > video.height()) h = video.height(), w = h * aspect;
    const Rect frame{{video.min.x, video.min.y}, {video.min.x + w, video.min.y + h}};
    if (rec.preview) {
        rounded_rect(dl, frame.min, frame.max, IM_COL32_WHITE, 10 * u, rec.preview);  // opaque: nothing under it
    } else {
        rounded_rect(dl, frame.min, frame.max, IM_COL32(0, 0, 0, 255), 10 * u);
        const char* why = rec.state == RecorderView::State::Unavailable ? "No recorder in this kiosk" : "No picture";
        const ImVec2 s = measure(f.heading, why);
        text(f.heading, ImVec2((frame.min.x + frame.max.x - s.x) / 2, (frame.min.y + frame.max.y - s.y) / 2), colour::text_dim, why);
    }
    draw_audio_meters(ctx, rec, Rect{{r.max.x - meters_w, frame.min.y}, {r.max.x, frame.max.y}});

    // State badge over the top-left of the picture.
    // Bottom-left, so it does not hide the time a camera or test pattern burns into the top.
    const ImVec2 badge(frame.min.x + 18 * u, frame.max.y - f.body_bold->FontSize - 36 * u);
    switch (rec.state) {
        case RecorderView::State::Recording: {
            const std::string label = "● REC  " + countdown_text(rec.elapsed) + "   " + size_text(rec.file_bytes);
            tag(f.body_bold, badge, colour::live, colour::text, label);
            break;
        }
        case RecorderView::State::Paused: tag(f.body_bold, badge, colour::warning, colour::background, "PAUSED  " + countdown_text(rec.elapsed)); break;
        case RecorderView::State::Idle: tag(f.body_bold, badge, IM_COL32(0, 0, 0, 160), colour::text, "Not recording"); break;
        case RecorderView::State::Failed: tag(f.body_bold, badge, colour::live, colour::text, "RECORDER FAILED"); break;
        case RecorderView::State::Unavailable: break;
    }
    float y = frame.max.y + 12 * u;
    for (const auto& alert : lines) {
        if (y + banner_h > r.max.y + 1) break;
        panel(Rect{{frame.min.x, y}, {frame.max.x, y + banner_h}}, IM_COL32(150, 90, 10, 255), 8 * u);
        text(f.body, ImVec2(frame.min.x + 16 * u, y + 8 * u), colour::text, alert, frame.width() - 32 * u);
        y += line_h;
    }
}

}  // namespace lectern
