#include "agenda_changes.h"

#include "agenda_diff.h"
#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

Rect draw_agenda_changes(const ScreenContext& ctx, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const Agenda& agenda = ctx.agenda;
    std::vector<const AgendaChange*> shown;
    for (const auto& c : agenda.changes)
        if (ctx.now - c.noticed < agenda.changes_shown_for) shown.push_back(&c);
    const bool problem = !ctx.agenda_problem.empty();
    if (shown.empty() && !problem) return r;
    const float line_h = f.small->FontSize + 8 * u;
    const float heading_h = f.body_bold->FontSize + 10 * u;
    const float fixed_h = 20 * u + (problem ? heading_h + 2 * line_h : 0) + (shown.empty() ? 0 : heading_h);
    // Keep most of the column for the rundown: the changes get the lines that fit in 40% of it.
    const size_t fit = static_cast<size_t>(std::max(0.0f, (r.height() * 0.4f - fixed_h) / line_h));
    const size_t lines = std::min({shown.size(), size_t{5}, std::max(fit, size_t{1})});
    const float h = std::min(r.height(), fixed_h + lines * line_h);
    const Rect box{{r.min.x, r.max.y - h}, r.max};
    BoxScope scope(box);
    panel(box, colour::panel_raised, 10 * u);
    const float x = box.min.x + 14 * u, w = box.width() - 28 * u;
    float y = box.min.y + 10 * u;
    if (problem) {
        text(f.body_bold, ImVec2(x, y), colour::warning, "PROGRAMME NOT UPDATED", w);
        y += heading_h;
        text_wrapped(f.small, ImVec2(x, y), w, colour::text, ctx.agenda_problem, 2);
        y += 2 * line_h;
    }
    if (!shown.empty()) {
        const std::string heading = "PROGRAMME CHANGED · " + std::to_string(shown.size()) + (shown.size() == 1 ? " change" : " changes");
        text(f.body_bold, ImVec2(x, y), colour::warning, heading, w);
        y += heading_h;
    }
    for (size_t i = 0; i < lines && y + line_h <= box.max.y + 1; ++i, y += line_h) {
        const AgendaChange& c = *shown[i];
        const float when_w = text(f.small, ImVec2(x, y), colour::text_dim, clock_text(c.noticed, agenda.event.time_zone)).x + 12 * u;
        text(f.small, ImVec2(x + when_w, y), colour::text, c.title + " — " + c.detail, w - when_w);
    }
    return Rect{r.min, {r.max.x, box.min.y - 12 * u}};
}

}  // namespace lectern
