#include "room_card.h"

#include "agenda_diff.h"
#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

namespace {

std::string time_range(const AgendaItem& item, const std::string& zone) {
    return clock_text(item.start, zone) + "–" + clock_text(item.end, zone);
}

// One speaker: "role, affiliation"; several: their affiliations, each once.
std::string affiliations(const Agenda& agenda, const AgendaItem& item) {
    if (item.speaker_ids.size() == 1) {
        if (const Speaker* s = agenda.speaker(item.speaker_ids.front()))
            return s->role.empty() ? s->affiliation : s->role + " — " + s->affiliation;
    }
    std::string line;
    for (const auto& id : item.speaker_ids) {
        const Speaker* s = agenda.speaker(id);
        if (!s || s->affiliation.empty() || line.find(s->affiliation) != std::string::npos) continue;
        line += (line.empty() ? "" : " · ") + s->affiliation;
    }
    return line;
}

std::string kind_label(ItemKind kind) {
    switch (kind) {
        case ItemKind::Speech: return "SPEECH";
        case ItemKind::Panel: return "PANEL";
        case ItemKind::Discussion: return "DISCUSSION";
        case ItemKind::Break: return "BREAK";
        case ItemKind::Ceremony: return "CEREMONY";
    }
    return "";
}

// The "now" part, kept above max_y (the title gives up lines first, then the speakers); returns the y after it.
float draw_now(const ScreenContext& ctx, const AgendaItem& item, ImVec2 at, float w, float max_y) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = ctx.agenda.event.time_zone;
    float x = at.x;
    x += tag(f.body_bold, ImVec2(x, at.y), colour::accent, colour::background, "NOW") + 16 * u;
    x += text(f.body_bold, ImVec2(x, at.y + 6 * u), colour::text, time_range(item, zone), at.x + w - x).x + 16 * u;
    const std::string mark = change_mark(ctx.agenda, item.id, ctx.now);
    if (!mark.empty() && measure(f.small, mark).x < at.x + w - x)
        tag(f.small, ImVec2(x, at.y + 6 * u), colour::warning, colour::background, mark);
    else if (x < at.x + w)
        text(f.small, ImVec2(x, at.y + 12 * u), colour::text_dim, kind_label(item.kind), at.x + w - x);
    float y = at.y + f.body_bold->FontSize + 28 * u;
    const float bar_h = f.body->FontSize + 28 * u;  // the progress row always shows
    const float room = max_y - bar_h - y;

    // A tall card (one room on the screen) gets the large face so the title reads across the hall.
    ImFont* title_font = room > 520 * u ? f.display : room > 2.4f * f.title->FontSize ? f.title : f.heading;
    const int lines = std::clamp(static_cast<int>(room / (title_font->FontSize * 1.1f)), 1, room > 450 * u ? 3 : 2);
    y += text_wrapped(title_font, ImVec2(at.x, y), w, colour::text, item.title, lines) + 12 * u;
    const std::string speakers = speaker_line(ctx.agenda, item);
    if (!speakers.empty() && y + f.heading->FontSize * 1.1f <= max_y - bar_h) {
        const int speaker_lines = y + 2.2f * f.heading->FontSize <= max_y - bar_h ? 2 : 1;
        y += text_wrapped(f.heading, ImVec2(at.x, y), w, colour::accent, speakers, speaker_lines);
        const std::string from = affiliations(ctx.agenda, item);
        if (!from.empty() && y + f.body->FontSize * 1.1f <= max_y - bar_h) y += text_wrapped(f.body, ImVec2(at.x, y), w, colour::text_dim, from, 1);
    }
    y += 16 * u;
    const float elapsed = static_cast<float>((ctx.now - item.start).count());
    const float length = std::max(1.0f, static_cast<float>(item.length().count()));
    const auto mins_left = std::chrono::duration_cast<minutes>(item.end - ctx.now + seconds{59}).count();
    const std::string left_text = std::to_string(mins_left) + " min left";
    const float label_w = measure(f.body, left_text).x + 20 * u;
    progress_bar(Rect{{at.x, y + 8 * u}, {at.x + w - label_w, y + 26 * u}}, elapsed / length, colour::accent, colour::track);
    text_right(f.body, at.x + w, y - 2 * u, colour::text, left_text);
    return y + f.body->FontSize + 12 * u;
}

// The "next" line, and its speakers when there is room above max_y.
float draw_next(const ScreenContext& ctx, const AgendaItem& item, ImVec2 at, float w, float max_y) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = ctx.agenda.event.time_zone;
    float x = at.x;
    x += tag(f.body_bold, ImVec2(x, at.y), colour::next, colour::background, "NEXT") + 16 * u;
    const std::string when = when_text(item.start, ctx.now, zone) + "  " + relative_text(item.start, item.end, ctx.now);
    x += text(f.body_bold, ImVec2(x, at.y + 6 * u), colour::next, when, at.x + w - x).x + 20 * u;
    // A reload moved or changed it: the mark says how ("moved 10:20 → 10:35").
    if (std::string mark = change_mark(ctx.agenda, item.id, ctx.now); !mark.empty() && measure(f.small, mark).x < (at.x + w - x) / 2)
        x += tag(f.small, ImVec2(x, at.y + 6 * u), colour::warning, colour::background, mark) + 16 * u;
    if (x < at.x + w) text(f.body, ImVec2(x, at.y + 6 * u), colour::text, item.title, at.x + w - x);
    float y = at.y + f.body_bold->FontSize + 22 * u;
    const std::string speakers = speaker_line(ctx.agenda, item);
    if (!speakers.empty() && y + f.body->FontSize <= max_y) y += text(f.body, ImVec2(at.x, y), colour::text_dim, speakers, w).y + 4 * u;
    return y + 16 * u;
}

// Items after next, one line each, as many as fit above max_y.
void draw_later(const ScreenContext& ctx, const Room& room, const AgendaItem& next, ImVec2 at, float w, float max_y) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = ctx.agenda.event.time_zone;
    const float row_h = f.body->FontSize + 18 * u;
    if (at.y + f.small->FontSize + 10 * u + row_h > max_y) return;
    bool header = false;
    for (const AgendaItem* item : ctx.agenda.items_in(room.id)) {
        if (item->start <= next.start || item == &next) continue;
        if (at.y + row_h > max_y) break;
        if (!header) {
            header = true;
            text(f.small, at, colour::text_dim, "LATER");
            at.y += f.small->FontSize + 10 * u;
        }
        const float tx = at.x + measure(f.body_bold, "00:00").x + 24 * u;
        text(f.body_bold, at, colour::text_dim, clock_text(item->start, zone));
        std::string line = item->title;
        if (item->kind == ItemKind::Speech)
            if (std::string who = speaker_line(ctx.agenda, *item); !who.empty()) line = who + " — " + item->title;
        text(f.body, ImVec2(tx, at.y), colour::text, line, at.x + w - tx);
        at.y += row_h;
    }
}

// A reload cancelled items of this room: "CANCELLED 09:20 Mesh Networks" (and how many more), one line.
float draw_cancelled(const ScreenContext& ctx, const std::vector<const AgendaChange*>& cancelled, ImVec2 at, float w) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    float x = at.x;
    x += tag(f.small, ImVec2(x, at.y + 4 * u), colour::warning, colour::background, "CANCELLED") + 16 * u;
    if (x < at.x + w) x += text(f.body_bold, ImVec2(x, at.y), colour::text_dim, clock_text(cancelled.front()->was_start, ctx.agenda.event.time_zone), at.x + w - x).x + 16 * u;
    std::string line = cancelled.front()->title;
    if (cancelled.size() > 1) line += " · and " + std::to_string(cancelled.size() - 1) + " more";
    if (x < at.x + w) text(f.body, ImVec2(x, at.y), colour::text_dim, line, at.x + w - x);
    return at.y + f.body_bold->FontSize + 20 * u;
}

}  // namespace

void draw_room_card(const ScreenContext& ctx, const Room& room, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float pad = 28 * u;
    BoxScope box(r);
    panel(r, colour::panel, 18 * u);
    const float w = r.width() - 2 * pad;
    ImVec2 at(r.min.x + pad, r.min.y + pad * 0.8f);
    text(f.heading, at, colour::text_dim, room.name, w);
    at.y += f.heading->FontSize + 18 * u;

    const NowNext nn = now_next(ctx.agenda, room.id, ctx.now);
    const auto cancelled = recent_cancellations(ctx.agenda, room.id, ctx.now);
    const float next_h = nn.next ? f.body_bold->FontSize + 60 * u : 0;
    const float cancelled_h = cancelled.empty() ? 0 : f.body_bold->FontSize + 20 * u;
    const float now_bottom = r.max.y - pad - next_h - cancelled_h;
    if (nn.now) {
        at.y = draw_now(ctx, *nn.now, at, w, now_bottom);
    } else {
        const std::string& zone = ctx.agenda.event.time_zone;
        std::string message;
        switch (day_phase(ctx.agenda, ctx.now)) {
            case DayPhase::BeforeFirst:
                message = nn.next ? "The programme starts at " + when_text(nn.next->start, ctx.now, zone) : "No items here today";
                break;
            case DayPhase::AfterLast: message = "The programme has ended. Thank you for coming."; break;
            case DayPhase::Empty: message = "No items in the agenda"; break;
            case DayPhase::During:
                message = nn.next ? "Free until " + when_text(nn.next->start, ctx.now, zone) : "No more items in this room";
                break;
        }
        const bool two_lines = now_bottom - at.y > 2.4f * f.title->FontSize;
        at.y += text_wrapped(f.title, at, w, colour::text, message, two_lines ? 2 : 1) + 20 * u;
    }
    if (!cancelled.empty()) at.y = draw_cancelled(ctx, cancelled, at, w);
    if (nn.next) {
        ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, at.y), ImVec2(at.x + w, at.y), colour::track, 2 * u);
        at.y = draw_next(ctx, *nn.next, ImVec2(at.x, at.y + 18 * u), w, r.max.y - pad);
        draw_later(ctx, room, *nn.next, at, w, r.max.y - pad);
    }
}

}  // namespace lectern
