#include "lobby.h"

#include "departures_board.h"
#include "header.h"
#include "local_time.h"
#include "on_screen_keyboard.h"
#include "room_card.h"
#include "slot_finder.h"
#include "timeline.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

namespace {

// The search bar at the bottom; tapping it opens the on-screen keyboard.
void draw_search_bar(const ScreenContext& ctx, LobbyUi& ui, const Rect& r) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float clear_w = ui.query.empty() ? 0 : r.height() * 1.6f;
    if (button_at("##find", Rect{r.min, {r.max.x - clear_w - (clear_w > 0 ? 14 * u : 0), r.max.y}}, f.body)) ui.keyboard = true;
    const float ty = r.min.y + (r.height() - f.heading->FontSize) / 2;
    float x = r.min.x + 28 * u;
    x += text(f.heading, ImVec2(x, ty), colour::accent, "Find my slot").x + 28 * u;
    if (ui.query.empty())
        text(f.body, ImVec2(x, ty + 6 * u), colour::text_dim, "tap here or type your name — 输入姓名", r.max.x - x - 20 * u);
    else
        text(f.heading, ImVec2(x, ty), colour::text, ui.query + "_", r.max.x - clear_w - x - 40 * u);
    if (clear_w > 0 && button_at("×##clear", Rect{{r.max.x - clear_w, r.min.y}, r.max}, f.heading)) {
        ui.query.clear();
        ui.keyboard = false;
    }
}

// Cards while every room gets one at a readable size (at least 300 units high): one column in
// portrait, two in landscape. Returns false when they do not fit; the departures board takes over.
bool draw_room_cards(const ScreenContext& ctx, const std::vector<const Room*>& rooms, const Rect& area) {
    const float u = ctx.fonts.unit;
    const float gap = 24 * u;
    const bool portrait = ctx.size.y > ctx.size.x;
    const size_t columns = portrait || rooms.size() < 2 ? 1 : 2;
    const size_t rows = (rooms.size() + columns - 1) / columns;
    const float card_w = (area.width() - (columns - 1) * gap) / columns;
    const float card_h = (area.height() - (rows - 1) * gap) / rows;
    if (card_h < 300 * u) return false;
    for (size_t i = 0; i < rooms.size(); ++i) {
        const float x = area.min.x + (i % columns) * (card_w + gap);
        const float y = area.min.y + (i / columns) * (card_h + gap);
        draw_room_card(ctx, *rooms[i], Rect{{x, y}, {x + card_w, y + card_h}});
    }
    return true;
}

}  // namespace

std::vector<Intent> draw_lobby(const ScreenContext& ctx, LobbyUi& ui) {
    std::vector<Intent> intents;
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float m = 36 * u;
    const ImVec2 size = ctx.size;
    const bool portrait = size.y > size.x;
    take_typed_text(ui.query);

    const std::string offset = utc_offset_text(ctx.now, ctx.agenda.event.time_zone);
    const float top = draw_header(ctx, ctx.agenda.event.venue.empty() ? offset : ctx.agenda.event.venue + " · " + offset);
    if (ImGui::IsMouseHoveringRect(ImVec2(size.x - 400 * u, 0), ImVec2(size.x, top)) &&
        ImGui::IsMouseDown(ImGuiMouseButton_Left) && ImGui::GetIO().MouseDownDuration[0] > 2.0f)
        intents.push_back({IntentKind::OpenOperator});  // a 2 s press on the clock: the technician's way in

    const float search_h = 100 * u;
    const Rect search{{m, size.y - m - search_h}, {size.x - m, size.y - m}};
    std::vector<const Room*> rooms;
    for (const auto& room : ctx.agenda.rooms) rooms.push_back(&room);
    // The timeline shows every room or none: with more rooms than lanes it would leave rooms out.
    const size_t max_lanes = portrait ? 6 : 4;
    const bool with_timeline = rooms.size() <= max_lanes;
    const float timeline_h = with_timeline ? f.small->FontSize + 18 * u + rooms.size() * (portrait ? 80 : 90) * u : 0;
    const Rect timeline{{m, search.min.y - 28 * u - timeline_h}, {size.x - m, search.min.y - 28 * u}};
    const Rect cards{{m, top}, {size.x - m, (with_timeline ? timeline.min.y : search.min.y) - 28 * u}};

    if (ui.keyboard || !ui.query.empty()) {
        // Searching: the results (and keyboard) take the screen; the cards come back on Done or ×.
        const float keys_h = ui.keyboard ? 5 * 64 * u + 4 * 10 * u + 36 * u : 0;  // 64 px keys: ~4 cm on a 55" screen
        const Rect keys{{m, search.min.y - 20 * u - keys_h}, {size.x - m, search.min.y - 20 * u}};
        const float results_bottom = (ui.keyboard ? keys.min.y : search.min.y) - 20 * u;
        if (!ui.query.empty()) draw_slot_results(ctx, ui.query, Rect{{m, top}, {size.x - m, results_bottom}});
        else text_wrapped(f.title, ImVec2(m, top + 40 * u), size.x - 2 * m, colour::text_dim, "Type part of your name to see your slots.", 2);
        if (ui.keyboard) ui.keyboard = draw_on_screen_keyboard(f, keys, ui.query);
        draw_search_bar(ctx, ui, search);
        return intents;
    }
    if (with_timeline && draw_room_cards(ctx, rooms, cards)) {
        BoxScope box(timeline);
        draw_timeline(ctx, rooms, timeline);
    } else {
        draw_departures_board(ctx, rooms, Rect{{m, top}, {size.x - m, search.min.y - 28 * u}});
    }
    draw_search_bar(ctx, ui, search);
    return intents;
}

}  // namespace lectern
