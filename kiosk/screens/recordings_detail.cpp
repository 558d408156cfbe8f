// The Recordings screen's right-hand pane for one recording: what it is, the player (play/pause,
// a seek bar to tap or drag), copy to a USB stick with progress and "safe to remove", and the QR
// code of its link.
#include "recordings.h"

#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>
#include <cstdio>

namespace lectern {

using namespace ui;

namespace {

std::string clock_words(double seconds) {
    const int s = static_cast<int>(std::max(0.0, seconds));
    char buffer[32];
    if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buffer, sizeof buffer, "%d:%02d", s / 60, s % 60);
    return buffer;
}

void draw_picture(const TextureView& t, const Rect& r) {
    float w = r.width(), h = w * t.height / std::max(1, t.width);
    if (h > r.height()) h = r.height(), w = h * t.width / std::max(1, t.height);
    const ImVec2 at(r.min.x + (r.width() - w) / 2, r.min.y + (r.height() - h) / 2);
    ImGui::GetWindowDrawList()->AddImage(t.texture, at, ImVec2(at.x + w, at.y + h));
}

void draw_player(const ScreenContext& ctx, const RecordingsView& view, const Recording& r, const Rect& screen, const Rect& controls,
                 std::vector<RecordingsRequest>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const PlayerView& p = view.player;
    const bool mine = p.recording == r.id && p.state != PlayerView::State::Closed;
    ui::rounded_rect(dl, screen.min, screen.max, IM_COL32(0, 0, 0, 255), 8 * u);
    if (mine && p.picture.texture) {
        draw_picture(p.picture, screen);
    } else if (view.thumbnails) {
        if (auto it = view.thumbnails->find(r.media_path); it != view.thumbnails->end() && it->second.texture) draw_picture(it->second, screen);
    }
    std::string notice;
    if (view.recording_now) notice = "Playback waits until the recording stops, so that it never takes the recorder's CPU.";
    else if (mine && !p.message.empty()) notice = p.message;
    else if (r.file_bytes < 0) notice = "The file is missing: it cannot be played.";
    if (!notice.empty()) {
        const Rect band{{screen.min.x, screen.max.y - f.body->FontSize * 2 - 36 * u}, screen.max};
        dl->AddRectFilled(band.min, band.max, IM_COL32(0, 0, 0, 200));
        text_wrapped(f.body, ImVec2(band.min.x + 16 * u, band.min.y + 12 * u), band.width() - 32 * u,
                     view.recording_now || r.file_bytes < 0 ? colour::warning : colour::text, notice, 2);
    }

    const bool playing = mine && p.state == PlayerView::State::Playing;
    const bool can_play = !view.recording_now && r.file_bytes >= 0;
    const float bw = 200 * u;
    ImGui::BeginDisabled(!can_play && !playing);
    const char* label = playing ? "‖ Pause##play" : "▶ Play##play";
    if (button_at(label, Rect{controls.min, {controls.min.x + bw, controls.max.y}}, f.body_bold, IM_COL32(40, 110, 190, 255))) {
        if (playing) out.push_back({RecordingsRequest::Kind::Pause, "", r.id});
        else out.push_back({RecordingsRequest::Kind::Play, "", r.id});
    }
    ImGui::EndDisabled();
    // The seek bar: tap (or drag) anywhere on it to go there.
    const double duration = mine && p.duration > 0 ? p.duration : r.duration_s;
    const double position = mine ? p.position : 0;
    const std::string times = clock_words(position) + " / " + clock_words(duration);
    const float times_w = measure(f.body, "0:00:00 / 0:00:00").x;
    const Rect bar{{controls.min.x + bw + 20 * u, controls.min.y}, {controls.max.x - times_w - 20 * u, controls.max.y}};
    ImGui::SetCursorScreenPos(bar.min);
    ImGui::InvisibleButton("##seek", ImVec2(bar.width(), bar.height()));
    if (mine && ImGui::IsItemDeactivated() && duration > 0) {  // where the finger left the bar
        const float fraction = std::clamp((ImGui::GetIO().MousePos.x - bar.min.x) / bar.width(), 0.0f, 1.0f);
        out.push_back({RecordingsRequest::Kind::Seek, "", r.id, fraction * duration});
    }
    const float cy = (bar.min.y + bar.max.y) / 2;
    const float fraction = duration > 0 ? static_cast<float>(std::clamp(position / duration, 0.0, 1.0)) : 0;
    progress_bar(Rect{{bar.min.x, cy - 7 * u}, {bar.max.x, cy + 7 * u}}, fraction, colour::accent, colour::track);
    dl->AddCircleFilled(ImVec2(bar.min.x + bar.width() * fraction, cy), 16 * u, colour::text);
    text_right(f.body, controls.max.x, cy - f.body->FontSize / 2, colour::text_dim, times);
}

std::string free_words(int64_t bytes) { return bytes < 0 ? "" : " — " + size_words(bytes) + " free"; }

void draw_copy(const ScreenContext& ctx, const RecordingsView& view, const Recording& r, RecordingsUi& ui, const Rect& area,
               std::vector<RecordingsRequest>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const DriveCopyStatus& copy = view.copy;
    const float button_h = std::min(72 * u, area.height() / 3);
    float y = area.min.y;
    if (copy.state == DriveCopyStatus::State::Copying) {
        const ExportProgress& p = copy.progress;
        const float fraction = p.bytes_total > 0 ? float(p.bytes_done) / float(p.bytes_total) : 0;
        char line[96];
        std::snprintf(line, sizeof line, "%s %d of %d to %s — %d%%", p.verifying ? "Checking" : "Copying", std::min(p.files_done + 1, p.files_total),
                      p.files_total, copy.drive.c_str(), static_cast<int>(fraction * 100));
        text(f.body, ImVec2(area.min.x, y), colour::text, line, area.width());
        y += f.body->FontSize + 10 * u;
        progress_bar(Rect{{area.min.x, y}, {area.max.x, y + 16 * u}}, fraction, colour::accent, colour::track);
        y += 30 * u;
        if (button_at("Stop copying##copy-cancel", Rect{{area.min.x, y}, {area.min.x + 260 * u, y + button_h}}, f.body))
            out.push_back({RecordingsRequest::Kind::CancelCopy});
        return;
    }
    if (copy.state != DriveCopyStatus::State::Idle && !ui.choosing_drive) {
        const bool safe = copy.state == DriveCopyStatus::State::Done;
        y += text_wrapped(f.body, ImVec2(area.min.x, y), area.width(), safe ? colour::ok : colour::warning, copy.message, 3) + 12 * u;
    }
    if (!ui.choosing_drive) {
        if (y + button_h <= area.max.y &&
            button_at("Copy to USB stick##copy", Rect{{area.min.x, y}, {area.max.x, y + button_h}}, f.body_bold))
            ui.choosing_drive = true;
        return;
    }
    if (view.drives.empty()) {
        y += text_wrapped(f.body, ImVec2(area.min.x, y), area.width(), colour::text_dim,
                          "No USB stick found. Plug one in: it appears here within a few seconds.", 3) + 12 * u;
    }
    for (const RemovableDrive& d : view.drives) {
        if (y + button_h > area.max.y - button_h - 10 * u) break;
        ImGui::PushID(d.mount_point.c_str());
        if (button_at(("Copy to " + d.label + free_words(d.free_bytes) + "##drive").c_str(), Rect{{area.min.x, y}, {area.max.x, y + button_h}},
                      f.body, IM_COL32(40, 110, 190, 255))) {
            out.push_back({RecordingsRequest::Kind::CopyToDrive, d.mount_point, r.id});
            ui.choosing_drive = false;
        }
        ImGui::PopID();
        y += button_h + 10 * u;
    }
    if (button_at("Not now##drive-cancel", Rect{{area.min.x, y}, {area.min.x + 240 * u, y + button_h}}, f.body)) ui.choosing_drive = false;
}

}  // namespace

void draw_recording_detail(const ScreenContext& ctx, const RecordingsView& view, const Recording& r, RecordingsUi& ui, const Rect& area,
                           std::vector<RecordingsRequest>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    panel(area, colour::panel, 14 * u);
    BoxScope box(area);
    const Rect inner = area.inset(22 * u);
    float y = inner.min.y;
    y += text_wrapped(f.heading, ImVec2(inner.min.x, y), inner.width(), colour::text, r.title.empty() ? r.file : r.title, 2) + 8 * u;
    std::string who;
    for (const auto& s : r.speakers)
        who += (who.empty() ? "" : "; ") + s.name + (s.native_name.empty() ? "" : " " + s.native_name) +
               (s.affiliation.empty() ? "" : ", " + s.affiliation);
    if (!who.empty()) y += text_wrapped(f.body, ImVec2(inner.min.x, y), inner.width(), colour::accent, who, 2) + 6 * u;
    text(f.small, ImVec2(inner.min.x, y), colour::text_dim, r.event + "  ·  " + r.room + "  ·  " + r.file, inner.width());
    y += f.small->FontSize + 16 * u;

    // Below the player: copy on the left, the QR code on the right, each as tall as the QR needs.
    // The QR code gets at least 240 units (about 4 cm on a 24" console): phones read it from a step away.
    const float foot_h = std::clamp(inner.max.y - y - inner.width() * 9 / 16 - 100 * u, 240 * u, 300 * u);
    const float controls_h = 72 * u;
    const float screen_h = std::max(80 * u, inner.max.y - y - foot_h - controls_h - 2 * 16 * u);
    const float screen_w = std::min(inner.width(), screen_h * 16 / 9);
    const Rect screen{{inner.min.x + (inner.width() - screen_w) / 2, y}, {inner.min.x + (inner.width() + screen_w) / 2, y + screen_h}};
    y += screen_h + 16 * u;
    draw_player(ctx, view, r, screen, Rect{{inner.min.x, y}, {inner.max.x, y + controls_h}}, out);
    y += controls_h + 16 * u;

    const Rect foot{{inner.min.x, y}, {inner.max.x, inner.max.y}};
    const float qr_side = foot.height();
    const bool qr = view.qr.texture != nullptr;
    const Rect copy_area{foot.min, {qr ? foot.max.x - qr_side - 24 * u : foot.max.x, foot.max.y}};
    draw_copy(ctx, view, r, ui, copy_area, out);
    if (qr) {
        const Rect code{{foot.max.x - qr_side, foot.min.y}, foot.max};
        ImGui::GetWindowDrawList()->AddImage(view.qr.texture, code.min, code.max);
    }
    if (!ui.choosing_drive && view.copy.state == DriveCopyStatus::State::Idle) {
        const float cy = copy_area.max.y - 2 * f.small->FontSize - 8 * u;
        if (view.link.empty()) {
            text_wrapped(f.small, ImVec2(copy_area.min.x, cy), copy_area.width(), colour::text_dim,
                         "No link to show: set [archive] page_url for a QR code.", 2);
        } else {
            text(f.small, ImVec2(copy_area.min.x, cy), colour::text_dim, "Scan the code: " + view.link_where, copy_area.width());
            text(f.small, ImVec2(copy_area.min.x, cy + f.small->FontSize + 8 * u), colour::text_dim, view.link, copy_area.width());
        }
    }
}

}  // namespace lectern
