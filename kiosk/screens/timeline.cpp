#include "timeline.h"

#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

namespace {

// Short label for a block: the speakers for a speech (names are what people look for), else the title.
std::string block_label(const Agenda& agenda, const AgendaItem& item) {
    if (item.kind == ItemKind::Speech && !item.speaker_ids.empty()) {
        if (const Speaker* s = agenda.speaker(item.speaker_ids.front())) return s->name;
    }
    return item.title;
}

}  // namespace

void draw_timeline(const ScreenContext& ctx, const std::vector<const Room*>& rooms, const Rect& r) {
    const Agenda& agenda = ctx.agenda;
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = agenda.event.time_zone;
    if (agenda.items.empty() || rooms.empty()) return;

    // The day shown is the local day of now, or of the nearest item when now has none.
    TimePoint day = local_midnight(ctx.now, zone);
    auto on_day = [&](const AgendaItem& i) { return i.end > day && i.start < day + std::chrono::hours{24}; };
    if (std::none_of(agenda.items.begin(), agenda.items.end(), on_day)) {
        const AgendaItem& near = ctx.now < agenda.items.front().start ? agenda.items.front() : agenda.items.back();
        day = local_midnight(near.start, zone);
    }
    TimePoint first = TimePoint::max(), last = TimePoint::min();
    for (const auto& i : agenda.items)
        if (on_day(i)) first = std::min(first, i.start), last = std::max(last, i.end);
    // Whole hours around the day's items, from the local midnight.
    const auto hour = std::chrono::hours{1};
    TimePoint from = day + std::chrono::floor<std::chrono::hours>(first - day);
    TimePoint to = day + std::chrono::ceil<std::chrono::hours>(last - day);
    if (to <= from) to = from + hour;
    const float span = static_cast<float>((to - from).count());
    const float label_w = rooms.size() > 1 ? 230 * u : 0;
    const float x0 = r.min.x + label_w, x1 = r.max.x;
    auto x_of = [&](TimePoint t) { return x0 + (x1 - x0) * static_cast<float>((t - from).count()) / span; };

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float axis_h = f.small->FontSize + 10 * u;
    for (TimePoint t = from; t <= to; t += hour) {
        const float x = x_of(t);
        dl->AddLine(ImVec2(x, r.min.y + axis_h), ImVec2(x, r.max.y), colour::track, 1.5f * u);
        const std::string label = clock_text(t, zone);
        const float w = measure(f.small, label).x;
        text(f.small, ImVec2(std::clamp(x - w / 2, x0, x1 - w), r.min.y), colour::text_dim, label);
    }
    const float lane_h = (r.height() - axis_h - 8 * u) / static_cast<float>(rooms.size());
    for (size_t lane = 0; lane < rooms.size(); ++lane) {
        const float y0 = r.min.y + axis_h + 8 * u + lane * lane_h, y1 = y0 + lane_h - 8 * u;
        if (label_w > 0) text(f.small, ImVec2(r.min.x, y0 + (lane_h - f.small->FontSize) / 2 - 4 * u), colour::text_dim, rooms[lane]->name, label_w - 12 * u);
        for (const AgendaItem* item : agenda.items_in(rooms[lane]->id)) {
            if (!on_day(*item)) continue;
            const float bx0 = std::max(x0, x_of(item->start)) + 2 * u, bx1 = std::min(x1, x_of(item->end)) - 2 * u;
            const bool past = item->end <= ctx.now, now = item->is_on(ctx.now);
            ImU32 fill = now ? colour::accent : past ? IM_COL32(34, 40, 52, 255) : colour::panel_raised;
            if (item->kind == ItemKind::Break && !now) fill = IM_COL32(30, 36, 48, 255);
            rounded_rect(dl, ImVec2(bx0, y0), ImVec2(bx1, y1), fill, 8 * u);
            const ImU32 ink = now ? colour::background : past ? colour::text_dim : colour::text;
            const float inner = bx1 - bx0 - 16 * u;
            if (inner > f.small->FontSize) {
                text(f.small, ImVec2(bx0 + 8 * u, y0 + 6 * u), ink, clock_text(item->start, zone), inner);
                if (y1 - y0 > 2.2f * f.small->FontSize)
                    text(f.small, ImVec2(bx0 + 8 * u, y0 + 8 * u + f.small->FontSize), ink, block_label(agenda, *item), inner);
            }
        }
    }
    if (ctx.now >= from && ctx.now <= to) {
        const float x = x_of(ctx.now);
        dl->AddLine(ImVec2(x, r.min.y + axis_h - 4 * u), ImVec2(x, r.max.y), colour::live, 4 * u);
        dl->AddCircleFilled(ImVec2(x, r.min.y + axis_h - 4 * u), 8 * u, colour::live);
    }
}

}  // namespace lectern
