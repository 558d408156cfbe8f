#include "lobby.h"

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

// As many rows of cards as fit at a readable size; more rooms page automatically.
void draw_room_cards(const ScreenContext& ctx, const std::vector<const Room*>& rooms, const Rect& area) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float gap = 24 * u;
    const bool portrait = ctx.size.y > ctx.size.x;
    const size_t columns = portrait || rooms.size() < 2 ? 1 : 2;
    const size_t rows = std::max<size_t>(1, static_cast<size_t>((area.height() + gap) / (300 * u + gap)));
    const size_t per_page = rows * columns;
    const size_t pages = std::max<size_t>(1, (rooms.size() + per_page - 1) / per_page);
    const size_t page = static_cast<size_t>(ctx.now.time_since_epoch().count() / std::max(1, ctx.page_seconds)) % pages;
    const size_t first = page * per_page;
    const size_t on_page = std::min(per_page, rooms.size() - std::min(rooms.size(), first));
    const size_t used_rows = std::max<size_t>(1, std::min(rows, (on_page + columns - 1) / columns));
    const float card_w = (area.width() - (columns - 1) * gap) / columns;
    const float card_h = (area.height() - (used_rows - 1) * gap) / used_rows;
    for (size_t i = 0; i < on_page; ++i) {
        const float x = area.min.x + (i % columns) * (card_w + gap);
        const float y = area.min.y + (i / columns) * (card_h + gap);
        draw_room_card(ctx, *rooms[first + i], Rect{{x, y}, {x + card_w, y + card_h}});
    }
    if (pages > 1)
        text_right(f.small, area.max.x, area.max.y + 2 * u, colour::text_dim,
                   "page " + std::to_string(page + 1) + " of " + std::to_string(pages));
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
    const size_t lanes = std::min<size_t>(rooms.size(), portrait ? 6 : 4);
    const float timeline_h = f.small->FontSize + 18 * u + lanes * (portrait ? 80 : 90) * u;
    const Rect timeline{{m, search.min.y - 28 * u - timeline_h}, {size.x - m, search.min.y - 28 * u}};
    const Rect cards{{m, top}, {size.x - m, timeline.min.y - 28 * u}};

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
    draw_room_cards(ctx, rooms, cards);
    std::vector<const Room*> lane_rooms(rooms.begin(), rooms.begin() + static_cast<long>(lanes));
    draw_timeline(ctx, lane_rooms, timeline);
    draw_search_bar(ctx, ui, search);
    return intents;
}

}  // namespace lectern
