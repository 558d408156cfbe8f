// The public screens at a real programme's scale: 1, 5, 20 and 100 rooms at four screen sizes, with
// long names and titles, several speakers, empty rooms and items days away. No text may cross the
// box it is drawn in (ui::BoxScope records any that does).
#include "frame_renderer.h"
#include "png_image.h"
#include "screens/lobby.h"
#include "local_time.h"
#include "screens/room.h"
#include "screens/timer.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

using namespace lectern;

namespace {

const TimePoint kNow = *parse_rfc3339("2025-02-01T10:10:00+01:00");

// A congress with `rooms` rooms: long and short names, a full day of talks in most rooms, one room
// whose next item is two days later, one with nothing at all.
Agenda programme(int rooms) {
    Agenda a;
    a.event = {"Scale Test Congress 2025 — Free and Open Source Developers' European Meeting", "ULB Solbosch, Brussels", "Europe/Brussels"};
    for (int p = 0; p < 6; ++p) a.speakers.push_back({"p" + std::to_string(p), "Speaker Number " + std::to_string(p) + " Longname-Hyphenated", "", "A Very Long Affiliation Name University", ""});
    const TimePoint day = *parse_rfc3339("2025-02-01T09:00:00+01:00");
    for (int r = 0; r < rooms; ++r) {
        const std::string id = "r" + std::to_string(r);
        a.rooms.push_back({id, r % 3 == 0 ? "UB2.252A (Lameere) Main Auditorium " + std::to_string(r) : "K.3." + std::to_string(r)});
        if (rooms > 1 && r == rooms - 1) continue;  // a room with nothing
        const bool later = rooms > 1 && r == 1;      // nothing today, something in two days
        for (int slot = 0; slot < (later ? 1 : 12); ++slot) {
            AgendaItem item;
            item.id = id + "-" + std::to_string(slot);
            item.room_id = id;
            item.start = (later ? day + std::chrono::hours{55} : day) + minutes{45 * slot};
            item.end = item.start + minutes{40};
            item.title = slot % 2 ? "Short talk" : "An Unusually Long Talk Title About Reproducible Builds, Supply Chains and Why Both Matter Today";
            for (int s = 0; s < (slot % 4); ++s) item.speaker_ids.push_back("p" + std::to_string((slot + s) % 6));
            a.items.push_back(item);
        }
    }
    std::stable_sort(a.items.begin(), a.items.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
    // A reload just moved the next item in every room: each carries a mark.
    a.changes_shown_for = minutes{30};
    for (const auto& item : a.items)
        if (item.start > kNow && item.start < kNow + minutes{60})
            a.changes.push_back({ChangeKind::Moved, item.id, item.title, "moved 10:20 → 10:30", kNow});
    // ...and cancelled one item in every room, which the lobby still names in its room.
    for (const auto& room : a.rooms)
        a.changes.push_back({ChangeKind::Cancelled, room.id + "-gone", "A Cancelled Talk With Quite A Long Title About Mesh Networks",
                             "cancelled (was Sat 10:20 in " + room.name + ")", kNow, room.id, kNow + minutes{10}, kNow + minutes{40}});
    return a;
}

Agenda without_cancellations(Agenda a) {
    a.changes.erase(std::remove_if(a.changes.begin(), a.changes.end(), [](const AgendaChange& c) { return c.kind == ChangeKind::Cancelled; }),
                    a.changes.end());
    return a;
}

std::string glyphs(const Agenda& a) {
    std::string all = a.event.name + a.event.venue;
    for (const auto& r : a.rooms) all += r.name;
    for (const auto& s : a.speakers) all += s.name + s.affiliation;
    for (const auto& i : a.items) all += i.title;
    return all;
}

// One offscreen screen of a size with its fonts, reused for every programme (fonts bake once).
struct Screen {
    std::unique_ptr<FrameRenderer> renderer;
    ui::Fonts fonts;
    Screen(int w, int h, const Agenda& largest)
        : renderer(FrameRenderer::open_offscreen(w, h)), fonts(renderer->load_fonts(ui::find_fonts(""), 1.0f, glyphs(largest))) {}

    // Renders the screen twice (ImGui settles on the first) and returns what crossed its box.
    std::vector<std::string> render(const Agenda& a, const std::string& screen, const std::string& png) {
        std::vector<std::string> crossed;
        LobbyUi lobby;
        for (int frame = 0; frame < 2; ++frame) {
            renderer->begin_frame();
            ScreenContext ctx{a, kNow, fonts, renderer->size(), 12, {}};
            ctx.room_id = a.rooms.front().id;
            ui::take_box_violations();
            if (screen == "lobby") draw_lobby(ctx, lobby);
            if (screen == "room") draw_room(ctx);
            if (screen == "timer") draw_timer(ctx);
            crossed = ui::take_box_violations();
            renderer->end_frame(frame == 1 && !png.empty());
        }
        if (!png.empty()) renderer->save_png(png);
        last_hash = renderer->picture_hash();
        return crossed;
    }
    uint64_t last_hash = 0;
};

}  // namespace

TEST_CASE("every public screen fits its boxes with 1, 5, 20 and 100 rooms at four screen sizes") {
    std::filesystem::create_directories("screenshots");
    std::vector<Agenda> programmes;
    for (int rooms : {1, 5, 20, 100}) programmes.push_back(programme(rooms));
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1920, 1080}, {1280, 720}, {1080, 1920}, {3840, 2160}}) {
        Screen screen(w, h, programmes.back());
        for (const Agenda& a : programmes)
            for (const char* name : {"lobby", "room", "timer"}) {
                const std::string label = std::string(name) + "-" + std::to_string(a.rooms.size()) + "-rooms-" + std::to_string(w) + "x" + std::to_string(h);
                CAPTURE(label);
                // Lobby pictures are kept in build/screenshots to look at.
                const auto crossed = screen.render(a, name, std::string(name) == "lobby" ? "screenshots/" + label + ".png" : "");
                CHECK_MESSAGE(crossed.empty(), (crossed.empty() ? "" : crossed.front()));
            }
    }
}

TEST_CASE("an item a reload cancelled is named in its room on the lobby, on room cards and on the departures board") {
    std::filesystem::create_directories("screenshots");
    Screen screen(1920, 1080, programme(20));
    for (int rooms : {2, 20}) {  // two rooms: cards; twenty: the board
        CAPTURE(rooms);
        const Agenda cancelled = programme(rooms);
        const std::string png = "screenshots/lobby-cancelled-" + std::to_string(rooms) + "-rooms-1920x1080.png";
        CHECK(screen.render(cancelled, "lobby", png).empty());
        const auto with = screen.last_hash;
        CHECK(screen.render(without_cancellations(cancelled), "lobby", "").empty());
        CHECK(with != screen.last_hash);
    }
}

TEST_CASE("a reload's move stays marked on a departures board of 20 rooms in two columns") {
    // The NEXT column is too narrow there for "moved 10:20 → 10:30" beside a long title: the board
    // then says "moved", the new time being beside it already (before, it said nothing).
    const Agenda moved = without_cancellations(programme(20));
    Agenda plain = moved;
    plain.changes.clear();
    Screen screen(1920, 1080, moved);
    const auto warning_pixels = [&](const Agenda& a, const std::string& png) {
        CHECK(screen.render(a, "lobby", png).empty());
        const ImU32 c = ui::colour::warning;
        return PngImage::read(png).count_near(c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF);
    };
    const size_t with_moves = warning_pixels(moved, "moved-20-rooms.png");
    const size_t without = warning_pixels(plain, "plain-20-rooms.png");
    MESSAGE("tag pixels: " << with_moves << " with the moves, " << without << " without");
    CHECK(with_moves > without + 17 * 400);  // a tag on each of the 18 rooms with a next item moved
}
