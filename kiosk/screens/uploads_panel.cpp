// The upload queue for the technician: a progress bar per job with speed, time left, state and
// the last error in plain words; retry, pause and cancel.
#include "operator.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <algorithm>
#include <cstdio>

namespace lectern {

using namespace ui;

namespace {

std::string speed_text(const UploadRow& row) {
    char buffer[64];
    if (row.state == "held") return "held: " + row.error;
    if (row.state != "uploading") return row.state;
    const long long eta = row.eta.count();
    std::snprintf(buffer, sizeof buffer, "%.1f MB/s · %lld:%02lld left", row.bytes_per_second / 1e6, eta / 60, eta % 60);
    return buffer;
}

}  // namespace

void draw_uploads_panel(const ScreenContext& ctx, const std::vector<UploadRow>& uploads, const Rect& r, std::vector<Intent>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    panel(r, colour::panel, 14 * u);
    const Rect inner = r.inset(18 * u);
    text(f.body_bold, inner.min, colour::text_dim, "Uploads");
    float y = inner.min.y + f.body_bold->FontSize + 12 * u;
    if (uploads.empty()) {
        text(f.body, ImVec2(inner.min.x, y), colour::text_dim, "Nothing to upload yet: each speech is queued when it ends.", inner.width());
        return;
    }
    // What needs the technician first: failures, then work under way, then what is done.
    auto rank = [](const UploadRow& row) { return row.state == "failed" ? 0 : row.state == "done" ? 3 : row.state == "paused" ? 2 : 1; };
    std::vector<const UploadRow*> ordered;
    for (const UploadRow& row : uploads) ordered.push_back(&row);
    std::stable_sort(ordered.begin(), ordered.end(), [&](const UploadRow* a, const UploadRow* b) { return rank(*a) < rank(*b); });
    const float row_h = f.body->FontSize + f.small->FontSize + 40 * u;
    for (const UploadRow* row_ptr : ordered) {
        const UploadRow& row = *row_ptr;
        if (y + row_h > inner.max.y) break;
        const bool failed = row.state == "failed";
        const float buttons_w = 2 * 130 * u + 10 * u;
        const float w = inner.width() - buttons_w - 16 * u;
        text(f.body, ImVec2(inner.min.x, y), colour::text, row.target + ":  " + row.file, w);
        const ImU32 fill = failed ? colour::live : row.state == "done" ? colour::ok : colour::accent;
        progress_bar(Rect{{inner.min.x, y + f.body->FontSize + 8 * u}, {inner.min.x + w, y + f.body->FontSize + 22 * u}}, row.fraction,
                     fill, colour::track);
        text(f.small, ImVec2(inner.min.x, y + f.body->FontSize + 26 * u), failed ? colour::warning : colour::text_dim,
             failed && !row.error.empty() ? "failed: " + row.error : speed_text(row), w);
        if (row.id == 0) {  // not in the queue yet (held for an undo): nothing to retry or cancel
            y += row_h;
            continue;
        }
        ImGui::PushID(static_cast<int>(row.id));
        const float bx = inner.max.x - buttons_w;
        const Rect first{{bx, y}, {bx + 130 * u, y + row_h - 12 * u}};
        const Rect second{{bx + 140 * u, y}, {bx + 270 * u, y + row_h - 12 * u}};
        if (failed || row.state == "paused") {
            if (button_at("Retry", first, f.body)) out.push_back({IntentKind::RetryUpload, {}, "", row.id});
        } else if (row.state != "done") {
            if (button_at("Pause", first, f.body)) out.push_back({IntentKind::PauseUpload, {}, "", row.id});
        }
        if (row.state != "done" && button_at("Cancel", second, f.body)) out.push_back({IntentKind::CancelUpload, {}, "", row.id});
        ImGui::PopID();
        y += row_h;
    }
}

}  // namespace lectern
