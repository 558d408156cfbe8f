#include "departures_board.h"

#include "agenda_diff.h"
#include "local_time.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

namespace {

struct Columns {
    float room, now, next;  // x of each cell
    float right;
};

void draw_head(const ScreenContext& ctx, const Columns& c, float y) {
    const Fonts& f = ctx.fonts;
    text(f.small, ImVec2(c.room, y), colour::text_dim, "ROOM", c.now - c.room);
    text(f.small, ImVec2(c.now, y), colour::accent, "NOW", c.next - c.now);
    text(f.small, ImVec2(c.next, y), colour::next, "NEXT", c.right - c.next);
}

// The mark of a changed item that fits in `room`: the whole one ("moved 10:20 → 10:35"), else its
// first word ("moved": the time beside it is the new one already), else none.
std::string fitting_mark(ImFont* font, std::string mark, float room) {
    if (mark.empty() || measure(font, mark).x < room) return mark;
    mark.resize(std::min(mark.size(), mark.find(' ')));
    return measure(font, mark).x < room ? mark : "";
}

// One room's line; a tall row (few rooms) adds the speakers of now and next on a second line.
void draw_row(const ScreenContext& ctx, const Room& room, const Columns& c, const Rect& row, bool shaded) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = ctx.agenda.event.time_zone;
    BoxScope box(row);
    if (shaded) panel(row, colour::panel, 6 * u);
    const bool two_lines = row.height() >= f.body->FontSize + f.small->FontSize + 36 * u;
    const float block = f.body->FontSize + (two_lines ? f.small->FontSize + 6 * u : 0);
    const float y = row.min.y + (row.height() - block) / 2;
    const float y2 = y + f.body->FontSize + 6 * u;
    const float gap = 16 * u;
    const NowNext nn = now_next(ctx.agenda, room.id, ctx.now);
    if (two_lines) {
        if (nn.now) text(f.small, ImVec2(c.now, y2), colour::accent, speaker_line(ctx.agenda, *nn.now), c.next - c.now - gap);
        if (nn.next) text(f.small, ImVec2(c.next, y2), colour::text_dim, speaker_line(ctx.agenda, *nn.next), c.right - c.next);
    }
    text(f.body_bold, ImVec2(c.room, y), colour::text, room.name, c.now - c.room - gap);
    const float tag_y = y + (f.body->FontSize - f.small->FontSize) / 2 - 2 * u;
    if (nn.now) {
        const std::string until = "until " + clock_text(nn.now->end, zone);
        const float until_w = measure(f.small, until).x;
        float x = c.now;
        // The item on now changed too (speakers, room, time): marked as on the room cards.
        if (std::string mark = fitting_mark(f.small, change_mark(ctx.agenda, nn.now->id, ctx.now), (c.next - c.now - until_w) / 2); !mark.empty())
            x += tag(f.small, ImVec2(x, tag_y), colour::warning, colour::background, mark) + gap;
        const float title_w = c.next - x - gap - until_w - gap;
        const float used = title_w > 0 ? text(f.body, ImVec2(x, y), colour::text, nn.now->title, title_w).x : 0;
        text(f.small, ImVec2(x + used + gap, y + (f.body->FontSize - f.small->FontSize) / 2), colour::text_dim, until);
    } else {
        text(f.body, ImVec2(c.now, y), colour::text_dim, "free", c.next - c.now - gap);
    }
    // A reload cancelled an item here that came before the next one (or there is no next): say so first.
    const auto cancelled = recent_cancellations(ctx.agenda, room.id, ctx.now);
    float next_x = c.next;
    if (!cancelled.empty() && (!nn.next || cancelled.front()->was_start <= nn.next->start)) {
        const std::string what = "cancelled " + clock_text(cancelled.front()->was_start, zone);
        if (!nn.next) {
            next_x += tag(f.small, ImVec2(next_x, tag_y), colour::warning, colour::background, what) + gap;
            if (next_x < c.right) text(f.body, ImVec2(next_x, y), colour::text_dim, cancelled.front()->title, c.right - next_x);
        } else if (measure(f.small, what).x < (c.right - c.next) / 3) {
            next_x += tag(f.small, ImVec2(next_x, tag_y), colour::warning, colour::background, what) + gap;
        }
    }
    if (nn.next) {
        float x = next_x + text(f.body_bold, ImVec2(next_x, y), colour::next, when_text(nn.next->start, ctx.now, zone)).x + gap;
        // A reload moved or changed it: the mark says how ("moved 10:20 → 10:35").
        if (std::string mark = fitting_mark(f.small, change_mark(ctx.agenda, nn.next->id, ctx.now), (c.right - x) / 2); !mark.empty())
            x += tag(f.small, ImVec2(x, tag_y), colour::warning, colour::background, mark) + gap;
        if (x < c.right) text(f.body, ImVec2(x, y), colour::text, nn.next->title, c.right - x);
    } else if (cancelled.empty()) {
        text(f.body, ImVec2(c.next, y), colour::text_dim, "—", c.right - c.next);
    }
}

}  // namespace

void draw_departures_board(const ScreenContext& ctx, const std::vector<const Room*>& rooms, const Rect& area) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    BoxScope box(area);
    const float head_h = f.small->FontSize + 12 * u;
    const float label_h = f.small->FontSize + 8 * u;  // "page 1 of 3", reserved only when paging
    const float column_gap = 40 * u;
    const float min_row_h = f.body->FontSize + 22 * u;
    // Few rooms: taller rows (with speakers); many: two board columns where each keeps a readable
    // width (about 880 units), then pages.
    const size_t fit_one = static_cast<size_t>(std::max(1.0f, (area.height() - head_h) / min_row_h));
    const size_t board_columns = fit_one < rooms.size() && area.width() >= 2 * 880 * u + column_gap ? 2 : 1;
    const float row_h = board_columns == 1 && fit_one >= rooms.size()
                            ? std::min(2.4f * min_row_h, (area.height() - head_h) / static_cast<float>(std::max<size_t>(1, rooms.size())))
                            : min_row_h;
    size_t rows = static_cast<size_t>(std::max(1.0f, (area.height() - head_h) / row_h));
    if (rows * board_columns < rooms.size()) rows = static_cast<size_t>(std::max(1.0f, (area.height() - head_h - label_h) / row_h));
    const size_t per_page = rows * board_columns;
    const size_t pages = std::max<size_t>(1, (rooms.size() + per_page - 1) / per_page);
    const size_t page = static_cast<size_t>(ctx.now.time_since_epoch().count() / std::max(1, ctx.page_seconds)) % pages;
    const float board_w = (area.width() - (board_columns - 1) * column_gap) / board_columns;
    for (size_t col = 0; col < board_columns; ++col) {
        const float x = area.min.x + col * (board_w + column_gap);
        const float room_w = std::clamp(board_w * 0.24f, 140 * u, 360 * u);
        const Columns c{x + 12 * u, x + 12 * u + room_w, x + room_w + (board_w - room_w) * 0.55f, x + board_w - 12 * u};
        draw_head(ctx, c, area.min.y);
        for (size_t r = 0; r < rows; ++r) {
            const size_t index = page * per_page + col * rows + r;
            if (index >= rooms.size()) break;
            const float y = area.min.y + head_h + r * row_h;
            draw_row(ctx, *rooms[index], c, Rect{{x, y}, {x + board_w, y + row_h - 4 * u}}, r % 2 == 0);
        }
    }
    if (pages > 1)
        text_right(f.small, area.max.x, area.max.y - label_h + 4 * u, colour::text_dim,
                   "page " + std::to_string(page + 1) + " of " + std::to_string(pages) + " · " + std::to_string(rooms.size()) + " rooms");
}

}  // namespace lectern
