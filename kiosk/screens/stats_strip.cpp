// Sparklines of the last minutes: CPU, video bitrate, upload speed.
#include "operator.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <algorithm>
#include <cstdio>

namespace lectern {

using namespace ui;

void draw_stats_strip(const ScreenContext& ctx, const StatsHistory& stats, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    struct Series {
        const char* name;
        const std::vector<float>* values;
        const char* unit;
        ImU32 colour;
    } series[] = {{"CPU", &stats.cpu_percent, "%", colour::accent},
                  {"Video", &stats.video_kbps, "kb/s", colour::ok},
                  {"Upload", &stats.upload_mbps, "MB/s", colour::next}};
    const float gap = 16 * u;
    const float w = (r.width() - 2 * gap) / 3;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < 3; ++i) {
        const Rect box{{r.min.x + i * (w + gap), r.min.y}, {r.min.x + i * (w + gap) + w, r.max.y}};
        panel(box, colour::panel, 10 * u);
        const std::vector<float>& v = *series[i].values;
        char label[64];
        std::snprintf(label, sizeof label, "%s  %.1f %s", series[i].name, v.empty() ? 0.0f : v.back(), series[i].unit);
        text(f.small, ImVec2(box.min.x + 12 * u, box.min.y + 6 * u), colour::text_dim, label);
        if (v.size() < 2) continue;
        const float top = box.min.y + f.small->FontSize + 12 * u, bottom = box.max.y - 10 * u;
        const float peak = std::max(1.0f, *std::max_element(v.begin(), v.end()));
        for (size_t k = 1; k < v.size(); ++k) {
            const float x0 = box.min.x + 12 * u + (box.width() - 24 * u) * (k - 1) / (v.size() - 1);
            const float x1 = box.min.x + 12 * u + (box.width() - 24 * u) * k / (v.size() - 1);
            dl->AddLine(ImVec2(x0, bottom - (bottom - top) * v[k - 1] / peak), ImVec2(x1, bottom - (bottom - top) * v[k] / peak),
                        series[i].colour, 2.5f * u);
        }
    }
}

}  // namespace lectern
