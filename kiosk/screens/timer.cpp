#include "timer.h"

#include "local_time.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <algorithm>

namespace lectern {

using namespace ui;

namespace {

struct PhaseLook {
    ImU32 background;
    ImU32 digits;
    const char* label;
};

PhaseLook look(TimerPhase phase) {
    switch (phase) {
        case TimerPhase::Plenty: return {colour::background, colour::ok, "TIME LEFT"};
        case TimerPhase::Warning: return {IM_COL32(40, 30, 6, 255), colour::warning, "TIME LEFT"};
        case TimerPhase::Final: return {IM_COL32(60, 10, 10, 255), colour::live, "FINAL MINUTE"};
        case TimerPhase::Overrun: return {IM_COL32(150, 16, 16, 255), colour::text, "OVER TIME"};
        case TimerPhase::Idle: break;
    }
    return {colour::background, colour::text_dim, ""};
}

std::string who(const Agenda& agenda, const AgendaItem& item) {
    std::string line = speaker_line(agenda, item);
    return line.empty() ? item.title : line + " — " + item.title;
}

}  // namespace

std::vector<Intent> draw_timer(const ScreenContext& ctx) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const float m = 40 * u;
    const ImVec2 size = ctx.size;
    const Room* room = ctx.room();
    if (!room) return {};
    const std::string& zone = ctx.agenda.event.time_zone;
    const LiveSession& live = ctx.live_session();
    const TimerReading reading = read_timer(ctx.agenda, room->id, live, ctx.now, ctx.thresholds);
    const PhaseLook l = look(reading.phase);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), size, l.background);

    // Top: room, delay, clock.
    float x = m;
    x += text(f.heading, ImVec2(x, m), colour::text_dim, room->name).x + 30 * u;
    if (reading.delay >= minutes{1})
        tag(f.body_bold, ImVec2(x, m + 4 * u), colour::warning, colour::background,
            "RUNNING " + std::to_string(std::chrono::duration_cast<minutes>(reading.delay).count()) + " MIN LATE");
    text_right(f.heading, size.x - m, m, colour::text, clock_text(ctx.now, zone));
    float top = m + f.heading->FontSize + 24 * u;

    if (!live.stage_message.empty()) {
        const float h = f.title->FontSize + 36 * u;
        panel(Rect{{m, top}, {size.x - m, top + h}}, colour::next, 14 * u);
        text(f.title, ImVec2(m + 28 * u, top + 18 * u), colour::background, live.stage_message, size.x - 2 * m - 56 * u);
        top += h + 20 * u;
    }

    const float bottom_h = f.title->FontSize + f.heading->FontSize + 80 * u;
    const float digits_top = top, digits_bottom = size.y - m - bottom_h;
    if (reading.item) {
        const std::string digits = countdown_text(reading.left);
        // Fit the digits into the space: full size on landscape screens, scaled down on narrow ones.
        const ImVec2 natural = measure(f.timer, digits);
        const float avail_h = digits_bottom - digits_top - f.heading->FontSize - 50 * u;
        const float scale = std::min({1.0f, (size.x - 2 * m) / natural.x, avail_h / natural.y});  // never upscale: stays crisp
        const float px = f.timer->FontSize * scale;
        const ImVec2 drawn(natural.x * scale, natural.y * scale);
        const float y = digits_top + (avail_h - drawn.y) / 2;
        const std::string label = l.label;
        text(f.heading, ImVec2((size.x - measure(f.heading, label).x) / 2, y - 10 * u), l.digits, label);
        dl->AddText(f.timer, px, ImVec2((size.x - drawn.x) / 2, y + f.heading->FontSize), l.digits, digits.c_str());
        const float length = static_cast<float>(reading.item->length().count());
        progress_bar(Rect{{m, digits_bottom - 34 * u}, {size.x - m, digits_bottom - 10 * u}},
                     1.0f - static_cast<float>(reading.left.count()) / length, l.digits, IM_COL32(255, 255, 255, 40));
    } else {
        const std::string message = reading.next ? "Next at " + clock_text(reading.next->start, zone) : "No more items today";
        text(f.title, ImVec2((size.x - measure(f.title, message).x) / 2, (digits_top + digits_bottom) / 2), colour::text, message);
    }

    // Bottom: now and next.
    float y = size.y - m - bottom_h + 20 * u;
    if (reading.item) {
        x = m + tag(f.body_bold, ImVec2(m, y + 10 * u), colour::accent, colour::background, "NOW") + 20 * u;
        text(f.title, ImVec2(x, y), colour::text, who(ctx.agenda, *reading.item), size.x - m - x);
    }
    y += f.title->FontSize + 24 * u;
    if (reading.next) {
        x = m + tag(f.body_bold, ImVec2(m, y + 4 * u), colour::next, colour::background, "NEXT") + 20 * u;
        const std::string when = clock_text(reading.next->start + reading.delay, zone) + "  ";
        x += text(f.heading, ImVec2(x, y), colour::next, when).x;
        text(f.heading, ImVec2(x, y), colour::text_dim, who(ctx.agenda, *reading.next), size.x - m - x);
    }
    return {};
}

}  // namespace lectern
