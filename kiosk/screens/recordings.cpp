#include "recordings.h"

#include "local_time.h"
#include "on_screen_keyboard.h"
#include "ui/theme.h"

#include <algorithm>
#include <cstdio>

namespace lectern {

using namespace ui;

std::string duration_words(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    char buffer[32];
    if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%d h %02d min", s / 3600, s / 60 % 60);
    else if (s >= 60) std::snprintf(buffer, sizeof buffer, "%d min", (s + 30) / 60);
    else std::snprintf(buffer, sizeof buffer, "%d s", s);
    return buffer;
}

std::string size_words(int64_t bytes) {
    if (bytes < 0) return "missing";
    char buffer[32];
    if (bytes >= (int64_t{1} << 30)) std::snprintf(buffer, sizeof buffer, "%.1f GB", bytes / double(int64_t{1} << 30));
    else std::snprintf(buffer, sizeof buffer, "%.0f MB", std::max(1.0, bytes / double(1 << 20)));
    return buffer;
}

namespace {

ImU32 state_colour(const std::string& state) {
    if (state == "done") return colour::ok;
    if (state == "failed" || state == "cancelled") return colour::live;
    if (state == "paused" || state == "held") return colour::warning;
    return colour::accent;
}

// "29 Apr 09:10" from the recording's RFC 3339 start, in the zone it was recorded in.
std::string when_words(const Recording& r) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string& t = r.start();
    if (t.size() < 16) return "time unknown";
    const int month = std::atoi(t.substr(5, 2).c_str());
    if (month < 1 || month > 12) return t.substr(0, 16);
    return std::to_string(std::atoi(t.substr(8, 2).c_str())) + " " + months[month - 1] + " " + t.substr(11, 5);
}

void draw_search_field(const ScreenContext& ctx, RecordingsUi& ui, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float clear_w = ui.query.empty() ? 0 : r.height() * 1.4f;
    if (button_at("##recordings-search", Rect{r.min, {r.max.x - clear_w - (clear_w > 0 ? 12 * u : 0), r.max.y}}, f.body)) ui.keyboard = true;
    const float x = r.min.x + 24 * u;
    const float ty = r.min.y + (r.height() - f.heading->FontSize) / 2;
    if (ui.query.empty())
        text(f.body, ImVec2(x, ty + 5 * u), colour::text_dim, "Search speaker, title or room — type or tap — 输入姓名", r.width() - clear_w - 48 * u);
    else
        text(f.heading, ImVec2(x, ty), colour::text, ui.query + "_", r.width() - clear_w - 48 * u);
    if (clear_w > 0 && button_at("×##recordings-clear", Rect{{r.max.x - clear_w, r.min.y}, r.max}, f.heading)) ui.query.clear();
}

void draw_row(const ScreenContext& ctx, const RecordingsView& view, const Recording& r, bool selected, const Rect& row,
              RecordingsUi& ui) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushID(static_cast<int>(r.id));
    if (button_at("##row", row, f.body, selected ? colour::panel_raised : colour::panel)) {
        ui.selected = r.id;
        ui.choosing_drive = false;
    }
    ImGui::PopID();
    if (selected) dl->AddRect(row.min, row.max, colour::accent, 10 * u, 0, 3 * u);
    BoxScope box(row);
    const Rect inner = row.inset(14 * u);
    // Thumbnail, 16:9, filled with the picture once the worker decoded it.
    const float th = inner.height(), tw = th * 16 / 9;
    const Rect thumb{inner.min, {inner.min.x + tw, inner.max.y}};
    ui::rounded_rect(dl, thumb.min, thumb.max, IM_COL32(0, 0, 0, 255), 6 * u);
    const TextureView* picture = nullptr;
    if (view.thumbnails)
        if (auto it = view.thumbnails->find(r.media_path); it != view.thumbnails->end() && it->second.texture) picture = &it->second;
    if (picture) {
        float w = tw, h = tw * picture->height / std::max(1, picture->width);
        if (h > th) h = th, w = th * picture->width / std::max(1, picture->height);
        const ImVec2 at(thumb.min.x + (tw - w) / 2, thumb.min.y + (th - h) / 2);
        dl->AddImage(picture->texture, at, ImVec2(at.x + w, at.y + h));
    } else {
        const char* label = r.file_bytes < 0 ? "file missing" : "…";
        const ImVec2 s = measure(f.small, label);
        text(f.small, ImVec2(thumb.min.x + (tw - s.x) / 2, thumb.min.y + (th - s.y) / 2), colour::text_dim, label);
    }
    const float x = thumb.max.x + 20 * u, w = inner.max.x - x;
    float y = inner.min.y - 2 * u;
    text(f.body_bold, ImVec2(x, y), colour::text, r.title.empty() ? r.file : r.title, w);
    y += f.body_bold->FontSize + 4 * u;
    text(f.body, ImVec2(x, y), colour::accent, r.speakers.empty() ? "no speaker named" : r.speaker_line(), w);
    y += f.body->FontSize + 6 * u;
    const std::string meta = r.room + "  ·  " + when_words(r) + "  ·  " + duration_words(r.duration_s) + "  ·  " + size_words(r.file_bytes);
    text(f.small, ImVec2(x, y), colour::text_dim, meta, w);
    y += f.small->FontSize + 8 * u;
    float tx = x;
    if (!r.problem.empty()) {
        tx += tag(f.small, ImVec2(tx, y), colour::live, colour::text, "problem") + 10 * u;
        text(f.small, ImVec2(tx, y + 2 * u), colour::warning, r.problem, inner.max.x - tx);
        return;
    }
    if (r.uploads.empty()) text(f.small, ImVec2(tx, y + 2 * u), colour::text_dim, "not queued for upload", w);
    for (const auto& up : r.uploads) {
        const std::string label = up.target + ": " + up.state;
        if (tx + measure(f.small, label).x + 30 * u > inner.max.x) break;
        tx += tag(f.small, ImVec2(tx, y), state_colour(up.state), colour::background, label) + 10 * u;
    }
}

}  // namespace

std::vector<Intent> draw_recordings(const ScreenContext& ctx, const RecordingsView& view, RecordingsUi& ui,
                                    std::vector<RecordingsRequest>& out) {
    std::vector<Intent> intents;
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float m = 28 * u;
    const ImVec2 size = ctx.size;
    take_typed_text(ui.query);  // a physical keyboard types straight into the search
    if (!ui.sent || *ui.sent != ui.query) {
        out.push_back({RecordingsRequest::Kind::Search, ui.query});
        ui.sent = ui.query;
        ui.page = 0;
    }

    // Top bar: title, search, back to the console, lock.
    const float bar_h = 76 * u;
    float x = m;
    x += tag(f.body_bold, ImVec2(x, m + (bar_h - f.body_bold->FontSize) / 2 - 8 * u), colour::accent, colour::background, "RECORDINGS") + 20 * u;
    const float back_w = std::max(240 * u, measure(f.body_bold, "← Console").x + 40 * u), lock_w = 160 * u;
    const Rect lock{{size.x - m - lock_w, m}, {size.x - m, m + bar_h}};
    const Rect back{{lock.min.x - 16 * u - back_w, m}, {lock.min.x - 16 * u, m + bar_h}};
    if (button_at("← Console##back", back, f.body_bold, IM_COL32(40, 110, 190, 255))) intents.push_back({IntentKind::CloseRecordings});
    if (button_at("Lock##lock-recordings", lock, f.body)) intents.push_back({IntentKind::LockConsole});
    draw_search_field(ctx, ui, Rect{{x, m}, {back.min.x - 24 * u, m + bar_h}});
    const float top = m + bar_h + 24 * u;
    const float bottom = size.y - m;

    // The list (left) and the selected recording (right); the on-screen keyboard over the foot.
    const float list_w = (size.x - 3 * m) * 0.56f;
    const float keys_h = ui.keyboard ? std::min(5 * 64 * u + 4 * 10 * u + 36 * u, (bottom - top) * 0.5f) : 0;
    const float list_bottom = bottom - keys_h - (keys_h > 0 ? 20 * u : 0);
    const float pager_h = 64 * u;
    const std::vector<Recording> none;
    const std::vector<Recording>& results = view.results ? *view.results : none;
    float y = top;
    std::string summary;
    if (!view.problem.empty()) summary = view.problem;
    else if (!view.results) summary = "Reading the catalog…";
    else if (results.empty()) summary = ui.query.empty() ? "No recordings yet: each speech appears here when it ends." : "No recording matches \"" + ui.query + "\".";
    else summary = std::to_string(view.total) + (view.total == 1 ? " recording" : " recordings") +
                   (view.total > static_cast<int64_t>(results.size()) ? ", newest " + std::to_string(results.size()) + " shown" : "") +
                   (view.answered != ui.query ? "  (searching…)" : "");
    text(f.body, ImVec2(m, y), view.problem.empty() ? colour::text_dim : colour::warning, summary, list_w);
    y += f.body->FontSize + 14 * u;

    const float row_h = f.body_bold->FontSize + f.body->FontSize + 2 * f.small->FontSize + 18 * u + 28 * u + 6 * u;
    const float rows_bottom = list_bottom - pager_h - 14 * u;
    const int per_page = std::max(1, static_cast<int>((rows_bottom - y + 12 * u) / (row_h + 12 * u)));
    const int pages = std::max(1, static_cast<int>((results.size() + per_page - 1) / per_page));
    ui.page = std::clamp(ui.page, 0, pages - 1);
    const Recording* selected = nullptr;
    for (const Recording& r : results)
        if (r.id == ui.selected) selected = &r;
    if (!selected && !results.empty()) selected = &results.front();
    if (selected && selected->id != ui.reported) {  // the desk makes its link and QR code
        out.push_back({RecordingsRequest::Kind::Select, "", selected->id});
        ui.reported = selected->id;
    }
    for (int i = ui.page * per_page; i < std::min<int>(results.size(), (ui.page + 1) * per_page); ++i) {
        draw_row(ctx, view, results[i], selected == &results[i], Rect{{m, y}, {m + list_w, y + row_h}}, ui);
        y += row_h + 12 * u;
    }
    if (pages > 1) {
        const Rect pager{{m, rows_bottom + 14 * u}, {m + list_w, list_bottom}};
        const float bw = 260 * u;
        ImGui::BeginDisabled(ui.page == 0);
        if (button_at("← Newer##page", Rect{pager.min, {pager.min.x + bw, pager.max.y}}, f.body)) --ui.page;
        ImGui::EndDisabled();
        ImGui::BeginDisabled(ui.page + 1 >= pages);
        if (button_at("Older →##page", Rect{{pager.max.x - bw, pager.min.y}, pager.max}, f.body)) ++ui.page;
        ImGui::EndDisabled();
        const std::string label = "page " + std::to_string(ui.page + 1) + " of " + std::to_string(pages);
        const ImVec2 s = measure(f.body, label);
        text(f.body, ImVec2((pager.min.x + pager.max.x - s.x) / 2, pager.min.y + (pager.height() - s.y) / 2), colour::text_dim, label);
    }

    const Rect detail{{2 * m + list_w, top}, {size.x - m, list_bottom}};
    if (selected) draw_recording_detail(ctx, view, *selected, ui, detail, out);
    if (ui.keyboard) ui.keyboard = draw_on_screen_keyboard(f, Rect{{m, bottom - keys_h}, {size.x - m, bottom}}, ui.query);
    return intents;
}

}  // namespace lectern
