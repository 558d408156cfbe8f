#include "slot_finder.h"

#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

void draw_slot_results(const ScreenContext& ctx, const std::string& query, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = ctx.agenda.event.time_zone;
    panel(r, colour::panel_raised, 18 * u);
    ImGui::GetWindowDrawList()->AddRect(r.min, r.max, colour::accent, 18 * u, 0, 3 * u);
    const Rect inner = r.inset(28 * u);
    float y = inner.min.y;
    text(f.heading, ImVec2(inner.min.x, y), colour::text, "Slots for \"" + query + "\"", inner.width());
    y += f.heading->FontSize + 16 * u;

    std::vector<SpeakerSlot> slots = find_slots(ctx.agenda, query);
    // What is still to come matters most to a speaker; past slots go last.
    std::stable_partition(slots.begin(), slots.end(), [&](const SpeakerSlot& s) { return s.item->end > ctx.now; });
    if (slots.empty()) {
        text_wrapped(f.body, ImVec2(inner.min.x, y), inner.width(), colour::text_dim,
                     "No speaker matches. Try part of your family name, in Latin letters or in Chinese.", 2);
        return;
    }
    const float row_h = f.body_bold->FontSize + f.small->FontSize + 26 * u;
    const Speaker* shown = nullptr;
    size_t drawn = 0;
    for (const SpeakerSlot& slot : slots) {
        const float need = (slot.speaker != shown ? f.body_bold->FontSize + 14 * u : 0) + row_h;
        if (y + need > inner.max.y - f.small->FontSize) break;
        if (slot.speaker != shown) {
            shown = slot.speaker;
            std::string who = shown->name + (shown->native_name.empty() ? "" : "  " + shown->native_name);
            float x = inner.min.x;
            x += text(f.body_bold, ImVec2(x, y), colour::accent, who).x + 20 * u;
            text(f.small, ImVec2(x, y + 8 * u), colour::text_dim, shown->affiliation, inner.max.x - x);
            y += f.body_bold->FontSize + 14 * u;
        }
        const AgendaItem& item = *slot.item;
        const std::string when = relative_text(item.start, item.end, ctx.now);
        const bool past = item.end <= ctx.now;
        const float when_w = measure(f.body_bold, when).x;
        float x = inner.min.x + 24 * u;
        x += text(f.body_bold, ImVec2(x, y), past ? colour::text_dim : colour::text,
                  clock_text(item.start, zone) + "–" + clock_text(item.end, zone)).x + 24 * u;
        text(f.body, ImVec2(x, y), past ? colour::text_dim : colour::text, item.title, inner.max.x - x - when_w - 30 * u);
        text_right(f.body_bold, inner.max.x, y, past ? colour::text_dim : item.is_on(ctx.now) ? colour::accent : colour::next, when);
        const Room* room = ctx.agenda.room(item.room_id);
        std::string where = (room ? room->name : item.room_id) + (slot.presiding ? " · presiding" : "");
        text(f.small, ImVec2(x, y + f.body_bold->FontSize + 4 * u), colour::text_dim, where, inner.max.x - x);
        y += row_h;
        ++drawn;
    }
    if (drawn < slots.size())
        text(f.small, ImVec2(inner.min.x, inner.max.y - f.small->FontSize), colour::text_dim,
             "and " + std::to_string(slots.size() - drawn) + " more — type more of the name");
}

}  // namespace lectern
