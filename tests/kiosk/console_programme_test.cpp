// The console's programme box (why the programme was not updated, what changed) stands at the foot
// of the rundown's column and the rundown above it: nothing drawn over the other, at the console's
// sizes. Pictures in build/screenshots/console-programme-*.png.
#include "agenda_file.h"
#include "frame_renderer.h"
#include "local_time.h"
#include "screens/agenda_changes.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace lectern;

TEST_CASE("the console's programme box takes the rundown column's foot and leaves the rest to the rundown") {
    Agenda changed = demo_agenda();
    const TimePoint now = *parse_rfc3339("2024-04-29T09:40:00+08:00");
    changed.changes_shown_for = minutes{30};
    for (const auto& item : changed.items)
        changed.changes.push_back({ChangeKind::Moved, item.id, item.title, "moved 10:20 → 10:35", now - minutes{2}});
    const auto agenda = std::make_shared<const Agenda>(changed);
    const std::string problem = "HTTP 500 from https://pretalx.example.org/fc24/schedule.xml; showing the copy of 09:12";
    std::filesystem::create_directories("screenshots");
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1920, 1080}, {1280, 800}}) {
        CAPTURE(w);
        auto renderer = FrameRenderer::open_offscreen(w, h);
        const ui::Fonts fonts = renderer->load_fonts(ui::find_fonts(""), 1.0f, "→");
        KioskShell console(LecternConfig{}, ScreenId::Room, "", agenda, nullptr);
        console.show_operator_for_screenshot(now);
        std::vector<std::string> crossed;
        ui::Rect column{{0, 0}, {0, 0}}, above{{0, 0}, {0, 0}}, bare{{0, 0}, {0, 0}};
        for (int frame = 0; frame < 2; ++frame) {
            renderer->begin_frame();
            ScreenContext ctx{*agenda, now, fonts, renderer->size(), 12, {}};
            ctx.agenda_problem = problem;
            ui::take_box_violations();
            console.draw(ctx, console.operator_view(now));
            crossed = ui::take_box_violations();
            renderer->end_frame(frame == 1);
        }
        renderer->save_png("screenshots/console-programme-" + std::to_string(w) + "x" + std::to_string(h) + ".png");
        // The box itself, in a frame of its own: at the foot of the column it is given, at most 40% of it.
        renderer->begin_frame();
        ScreenContext ctx{*agenda, now, fonts, renderer->size(), 12, {}};
        ctx.agenda_problem = problem;
        column = ui::Rect{{ctx.size.x / 2, 100}, {ctx.size.x - 36, ctx.size.y * 0.6f}};
        above = draw_agenda_changes(ctx, column);
        const Agenda nothing;
        ScreenContext quiet{nothing, now, fonts, renderer->size(), 12, {}};
        bare = draw_agenda_changes(quiet, column);
        renderer->end_frame(false);
        CHECK_MESSAGE(crossed.empty(), (crossed.empty() ? "" : crossed.front()));
        CHECK(above.min.y == column.min.y);
        CHECK(above.max.y < column.max.y);
        CHECK(above.max.y >= column.min.y + column.height() * 0.6f - 13);
        CHECK(bare.max.y == column.max.y);  // nothing to say: the rundown keeps the whole column
    }
}

TEST_CASE("why the programme could not be fetched is on the console only: lobby, room and timer draw nothing of it") {
    const auto agenda = std::make_shared<const Agenda>(demo_agenda());
    const TimePoint now = *parse_rfc3339("2024-04-29T09:40:00+08:00");
    auto renderer = FrameRenderer::open_offscreen(1920, 1080);
    const ui::Fonts fonts = renderer->load_fonts(ui::find_fonts(""), 1.0f, "");
    const std::string problem = "connection refused by https://pretalx.example.org/fc24/schedule.xml; showing the copy of 09:12";
    auto draw = [&](KioskShell& shell, const std::string& why) {
        renderer->begin_frame();
        ScreenContext ctx{*agenda, now, fonts, renderer->size(), 12, {}};
        ctx.agenda_problem = why;
        shell.draw(ctx, shell.operator_view(now));
        renderer->end_frame(false);
        return renderer->picture_hash();
    };
    for (ScreenId screen : {ScreenId::Lobby, ScreenId::Room, ScreenId::Timer}) {
        CAPTURE(static_cast<int>(screen));
        KioskShell shell(LecternConfig{}, screen, "", agenda, nullptr);
        draw(shell, "");  // ImGui settles sizes on the first frame
        CHECK(draw(shell, problem) == draw(shell, ""));
    }
    KioskShell console(LecternConfig{}, ScreenId::Room, "", agenda, nullptr);
    console.show_operator_for_screenshot(now);
    draw(console, "");
    CHECK(draw(console, problem) != draw(console, ""));
}

TEST_CASE("the staleness badge of an old programme copy is drawn on the lobby and room screens, inside their boxes") {
    const auto agenda = std::make_shared<const Agenda>(demo_agenda());
    const TimePoint now = *parse_rfc3339("2024-04-29T09:40:00+08:00");
    const std::string badge = "programme as of 09:12 — offline 25 min";
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1920, 1080}, {1280, 720}}) {
        auto renderer = FrameRenderer::open_offscreen(w, h);
        const ui::Fonts fonts = renderer->load_fonts(ui::find_fonts(""), 1.0f, "—");
        for (ScreenId screen : {ScreenId::Lobby, ScreenId::Room}) {
            CAPTURE(w);
            CAPTURE(static_cast<int>(screen));
            KioskShell shell(LecternConfig{}, screen, "", agenda, nullptr);
            std::vector<std::string> crossed;
            auto draw = [&](const std::string& shown) {
                renderer->begin_frame();
                ScreenContext ctx{*agenda, now, fonts, renderer->size(), 12, {}};
                ctx.agenda_badge = shown;
                ui::take_box_violations();
                shell.draw(ctx, shell.operator_view(now));
                crossed = ui::take_box_violations();
                renderer->end_frame(false);
                return renderer->picture_hash();
            };
            draw("");  // ImGui settles sizes on the first frame
            const auto plain = draw("");
            CHECK(draw(badge) != plain);
            CHECK_MESSAGE(crossed.empty(), (crossed.empty() ? "" : crossed.front()));
        }
    }
}
