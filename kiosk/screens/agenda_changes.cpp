#include "agenda_changes.h"

#include "agenda_diff.h"
#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

void draw_agenda_changes(const ScreenContext& ctx, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const Agenda& agenda = ctx.agenda;
    std::vector<const AgendaChange*> shown;
    for (const auto& c : agenda.changes)
        if (ctx.now - c.noticed < agenda.changes_shown_for) shown.push_back(&c);
    if (shown.empty()) return;
    const size_t lines = std::min<size_t>(shown.size(), 5);
    const float line_h = f.small->FontSize + 8 * u;
    const float h = std::min(r.height(), f.body_bold->FontSize + 24 * u + lines * line_h);
    const Rect box{{r.min.x, r.max.y - h}, r.max};
    BoxScope scope(box);
    panel(box, colour::panel_raised, 10 * u);
    float y = box.min.y + 10 * u;
    const std::string heading = "PROGRAMME CHANGED · " + std::to_string(shown.size()) + (shown.size() == 1 ? " change" : " changes");
    text(f.body_bold, ImVec2(box.min.x + 14 * u, y), colour::warning, heading, box.width() - 28 * u);
    y += f.body_bold->FontSize + 10 * u;
    for (size_t i = 0; i < lines && y + line_h <= box.max.y; ++i, y += line_h) {
        const AgendaChange& c = *shown[i];
        const float x = box.min.x + 14 * u;
        const float when_w = text(f.small, ImVec2(x, y), colour::text_dim, clock_text(c.noticed, agenda.event.time_zone)).x + 12 * u;
        text(f.small, ImVec2(x + when_w, y), colour::text, c.title + " — " + c.detail, box.width() - 28 * u - when_w);
    }
}

}  // namespace lectern
