#include "room.h"

#include "header.h"
#include "preview_panel.h"
#include "room_card.h"
#include "timeline.h"
#include "ui/theme.h"

namespace lectern {

using namespace ui;

std::vector<Intent> draw_room(const ScreenContext& ctx) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float m = 36 * u;
    const ImVec2 size = ctx.size;
    const Room* room = ctx.room();
    if (!room) return {};
    const float top = draw_header(ctx, ctx.agenda.event.venue);
    const float timeline_h = f.small->FontSize + 18 * u + 100 * u;
    const Rect timeline{{m, size.y - m - timeline_h}, {size.x - m, size.y - m}};
    const float body_bottom = timeline.min.y - 28 * u;
    if (size.y > size.x) {  // portrait: preview above the card
        const float preview_h = (size.x - 2 * m) * 9 / 16 + 60 * u;
        draw_preview_panel(ctx, Rect{{m, top}, {size.x - m, top + preview_h}});
        draw_room_card(ctx, *room, Rect{{m, top + preview_h + 24 * u}, {size.x - m, body_bottom}});
    } else {
        const float split = m + (size.x - 2 * m) * 0.52f;
        draw_preview_panel(ctx, Rect{{m, top}, {split, body_bottom}});
        draw_room_card(ctx, *room, Rect{{split + 28 * u, top}, {size.x - m, body_bottom}});
    }
    draw_timeline(ctx, {room}, timeline);
    return {};
}

}  // namespace lectern
