#include "header.h"

#include "local_time.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

float draw_header(const ScreenContext& ctx, const std::string& subtitle) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float m = 36 * u;
    const std::string& zone = ctx.agenda.event.time_zone;

    const std::string clock = clock_text(ctx.now, zone);
    const float clock_w = measure(f.huge, "00:00").x * 0.62f;
    // The clock uses the large digit font at a reduced size so it stays crisp and dominant.
    ImGui::GetWindowDrawList()->AddText(f.huge, f.huge->FontSize * 0.62f, ImVec2(ctx.size.x - m - clock_w, m - 14 * u),
                                        colour::text, clock.c_str());
    const std::string date = date_text(ctx.now, zone);
    text_right(f.small, ctx.size.x - m, m + f.huge->FontSize * 0.62f - 10 * u, colour::text_dim, date);

    float right_w = std::max(clock_w, measure(f.small, date).x);
    float right_bottom = 0;
    if (!ctx.agenda_badge.empty()) {
        // The staleness badge: the programme shown may be out of date (agenda.url unreachable).
        const float badge_y = m + f.huge->FontSize * 0.62f + f.small->FontSize - 4 * u;
        const float badge_w = std::min(measure(f.small, ctx.agenda_badge).x + 24 * u, ctx.size.x * 0.45f);
        panel(Rect{{ctx.size.x - m - badge_w, badge_y}, {ctx.size.x - m, badge_y + f.small->FontSize + 12 * u}}, IM_COL32(150, 90, 10, 255), 6 * u);
        text(f.small, ImVec2(ctx.size.x - m - badge_w + 12 * u, badge_y + 6 * u), colour::text, ctx.agenda_badge, badge_w - 24 * u);
        right_w = std::max(right_w, badge_w);
        right_bottom = badge_y + f.small->FontSize + 12 * u;
    }
    const float left_w = ctx.size.x - 3 * m - right_w;
    float y = m;
    y += text_wrapped(f.heading, ImVec2(m, y), left_w, colour::text, ctx.agenda.event.name, 2);
    text(f.small, ImVec2(m, y + 4 * u), colour::text_dim, subtitle, left_w);
    y = std::max({y + f.small->FontSize + 4 * u, m + f.huge->FontSize * 0.62f + f.small->FontSize, right_bottom}) + 18 * u;

    auto banner = [&](ImU32 fill, const char* label, const std::string& message) {
        const float h = f.small->FontSize + 20 * u;
        panel(Rect{{m, y}, {ctx.size.x - m, y + h}}, fill, 8 * u);
        float x = m + 14 * u;
        x += tag(f.small, ImVec2(x, y + 4 * u), IM_COL32(0, 0, 0, 90), colour::text, label) + 14 * u;
        text(f.small, ImVec2(x, y + 8 * u), colour::text, message, ctx.size.x - m - x - 14 * u);
        y += h + 12 * u;
    };
    if (ctx.agenda.demo && ctx.agenda.moved_by.count() != 0)
        banner(colour::demo, "DEMO",
               "The programme of " + date_text(ctx.now - ctx.agenda.moved_by, zone) +
                   ", with its times moved to today so that now and next run live.");
    for (const auto& notice : ctx.notices) banner(IM_COL32(150, 90, 10, 255), "NOTICE", notice);
    return y;
}

}  // namespace lectern
