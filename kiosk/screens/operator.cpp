#include "operator.h"

#include "agenda_changes.h"
#include "local_time.h"
#include "preview_panel.h"
#include "ui/draw.h"
#include "ui/theme.h"

namespace lectern {

using namespace ui;

namespace {

Intent run(CommandKind kind, std::string text = "") { return Intent{IntentKind::Run, Command{kind, "", std::move(text), {}}, ""}; }

bool pressed(char letter) {
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters)
        if (c == static_cast<ImWchar>(letter) || c == static_cast<ImWchar>(letter - 'a' + 'A')) return true;
    return false;
}

void draw_transport(const ScreenContext& ctx, const OperatorView& view, const Rect& r, bool keys, std::vector<Intent>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float gap = 16 * u;
    const float w = (r.width() - 2 * gap) / 3;
    const bool idle = view.state == SessionController::State::Idle;
    const bool paused = view.state == SessionController::State::Paused;
    // The largest face whose longest label still fits the button.
    ImFont* font = measure(f.heading, "Next speaker   [N]").x + 30 * u <= w ? f.heading : f.body_bold;
    Rect b{r.min, {r.min.x + w, r.max.y}};
    if (button_at(idle ? "● Start   [S]##start" : "■ Stop   [X]##stop", b, font, idle ? IM_COL32(170, 30, 30, 255) : IM_COL32(90, 20, 20, 255)) ||
        (keys && pressed(idle ? 's' : 'x')))
        out.push_back(run(idle ? CommandKind::Start : CommandKind::Stop));
    b.min.x += w + gap, b.max.x += w + gap;
    ImGui::BeginDisabled(idle);
    if (button_at(paused ? "▶ Resume   [P]##pause" : "‖ Pause   [P]##pause", b, font) || (keys && !idle && pressed('p')))
        out.push_back(run(paused ? CommandKind::Resume : CommandKind::Pause));
    b.min.x += w + gap, b.max.x += w + gap;
    if (button_at("Next speaker   [N]##next", b, font, IM_COL32(40, 110, 190, 255)) || (keys && !idle && pressed('n')))
        out.push_back(run(CommandKind::NextSpeaker));
    ImGui::EndDisabled();
}

void draw_stage_messages(const ScreenContext& ctx, const Rect& r, std::vector<Intent>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    static const char* messages[] = {"5 minutes left", "Please wrap up", "Time is up", ""};
    static const char* labels[] = {"5 min", "Wrap up", "Time is up", "Clear"};
    const float label_w = measure(f.body, "To stage:").x + 20 * u;
    text(f.body, ImVec2(r.min.x, r.min.y + (r.height() - f.body->FontSize) / 2), colour::text_dim, "To stage:");
    const float gap = 12 * u;
    const float w = (r.width() - label_w - 3 * gap) / 4;
    for (int i = 0; i < 4; ++i) {
        const float x = r.min.x + label_w + i * (w + gap);
        ImGui::PushID(i);
        if (button_at(labels[i], Rect{{x, r.min.y}, {x + w, r.max.y}}, f.body)) out.push_back(run(CommandKind::SetStageMessage, messages[i]));
        ImGui::PopID();
    }
    const std::string& current = ctx.live_session().stage_message;
    if (!current.empty()) text(f.small, ImVec2(r.min.x, r.max.y + 6 * u), colour::next, "On the stage monitor: " + current, r.width());
}

}  // namespace

std::vector<Intent> draw_operator(const ScreenContext& ctx, const OperatorView& view, OperatorUi& ui) {
    std::vector<Intent> out;
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float m = 28 * u;
    const ImVec2 size = ctx.size;
    const Room* room = ctx.room();

    // Top bar.
    float x = m;
    x += tag(f.body_bold, ImVec2(x, m), colour::accent, colour::background, "OPERATOR") + 16 * u;
    x += text(f.heading, ImVec2(x, m - 4 * u), colour::text, room ? room->name : "").x + 24 * u;
    if (view.default_pin) tag(f.small, ImVec2(x, m + 4 * u), colour::warning, colour::background, "Demo PIN 1234 in use — set operator.pin_hash");
    const Rect lock{{size.x - m - 220 * u, m - 10 * u}, {size.x - m, m + 62 * u}};
    const bool keys = ui.editing_item.empty();  // letters go to the editor while it is open
    if (button_at("Lock  [L]##lock", lock, f.body) || (keys && pressed('l'))) out.push_back({IntentKind::LockConsole});
    // Staff find, play and copy finished recordings here; never from a public screen.
    const Rect recordings{{lock.min.x - 20 * u - 280 * u, lock.min.y}, {lock.min.x - 20 * u, lock.max.y}};
    if (view.recordings && (button_at("Recordings  [R]##recordings", recordings, f.body) || (keys && pressed('r'))))
        out.push_back({IntentKind::OpenRecordings});
    text_right(f.heading, (view.recordings ? recordings.min.x : lock.min.x) - 24 * u, m - 4 * u, colour::text,
               clock_text(ctx.now, ctx.agenda.event.time_zone));
    const float top = m + 80 * u;

    const float left_w = (size.x - 3 * m) * 0.5f;
    const float bottom = size.y - m;
    const float stats_h = 110 * u, messages_h = 72 * u, transport_h = 104 * u;
    const float preview_bottom = bottom - stats_h - messages_h - transport_h - 3 * 20 * u - 24 * u;
    draw_preview_panel(ctx, Rect{{m, top}, {m + left_w, preview_bottom}});
    float y = preview_bottom + 20 * u;
    if (!view.last_error.empty()) {
        text(f.body, ImVec2(m, y - 20 * u - f.body->FontSize), colour::warning, view.last_error, left_w);
    }
    if (view.undo_split_left > seconds{0}) {
        // Right after "next speaker": a pressed-too-early split can be taken back.
        const std::string label = "Undo split (" + std::to_string(view.undo_split_left.count()) + " s)   [U]##undo";
        const Rect undo{{m + left_w * 2 / 3 + 6 * u, y - 86 * u}, {m + left_w, y - 12 * u}};
        if (button_at(label.c_str(), undo, f.body_bold, IM_COL32(90, 70, 20, 255)) || (keys && pressed('u')))
            out.push_back(run(CommandKind::UndoSplit));
    }
    draw_transport(ctx, view, Rect{{m, y}, {m + left_w, y + transport_h}}, keys, out);
    y += transport_h + 20 * u;
    draw_stage_messages(ctx, Rect{{m, y}, {m + left_w, y + messages_h}}, out);
    y += messages_h + 44 * u;
    draw_stats_strip(ctx, view.stats, Rect{{m, y}, {m + left_w, bottom}});

    const float rx = 2 * m + left_w;
    const float uploads_h = (bottom - top) * 0.38f;
    // The programme's changes and problems take the column's foot; the rundown what is left above.
    const Rect rundown = draw_agenda_changes(ctx, Rect{{rx, top}, {size.x - m, bottom - uploads_h - 20 * u}});
    draw_rundown(ctx, view, ui, rundown, out);
    draw_uploads_panel(ctx, view.uploads, Rect{{rx, bottom - uploads_h}, {size.x - m, bottom}}, out);

    if (!ui.editing_item.empty()) draw_metadata_editor(ctx, ui, Rect{{m, top}, {size.x - m, bottom}}, out);
    return out;
}

}  // namespace lectern
