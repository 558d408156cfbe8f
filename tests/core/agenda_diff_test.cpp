// A programme that changes on the day: the difference per stable id, and how long a running kiosk
// keeps it marked.
#include "agenda_diff.h"
#include "agenda_source.h"
#include "local_time.h"
#include "schedule_import.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>

using namespace lectern;

namespace {

std::string event(const std::string& guid, const std::string& room, const std::string& start, const std::string& title,
                  const std::string& person) {
    return "<room name=\"" + room + "\"><event guid=\"" + guid + "\"><date>2025-02-01T" + start + ":00+01:00</date><duration>00:30</duration>"
           "<title>" + title + "</title><persons><person id=\"" + person + "\">" + person + "</person></persons></event></room>";
}

std::string programme(const std::string& rooms) {
    return "<schedule><conference><title>C</title><time_zone_name>Europe/Brussels</time_zone_name></conference>"
           "<day index=\"1\" date=\"2025-02-01\">" + rooms + "</day></schedule>";
}

const std::string kBefore = programme(event("a", "Hall", "10:20", "Alpha", "Ada") + event("b", "Hall", "11:00", "Beta", "Bea") +
                                      event("c", "Hall", "12:00", "Gamma", "Cy") + event("d", "Side", "13:00", "Delta", "Di"));
const std::string kAfter = programme(event("a", "Hall", "10:35", "Alpha", "Ada") + event("b", "Side", "11:00", "Beta", "Bea") +
                                     event("d", "Side", "13:00", "Delta", "Dee") + event("e", "Side", "14:00", "Epsilon", "Eve"));

// A programme file watched by a source with a fixed clock at 09:00, starting as kBefore.
struct WatchedProgramme {
    std::string path;
    std::filesystem::file_time_type t0;
    FixedClock clock{*parse_rfc3339("2025-02-01T09:00:00+01:00")};
    AgendaConfig config;
    std::unique_ptr<AgendaSource> source;
    int edits = 0;

    WatchedProgramme(const std::string& file, int shown_minutes) : path(file) {
        std::ofstream(path) << kBefore;
        t0 = std::filesystem::last_write_time(path);
        config.file = path;
        config.changes_shown_minutes = shown_minutes;
        source = std::make_unique<AgendaSource>(config, clock, false);
    }
    ~WatchedProgramme() { std::filesystem::remove(path); }
    // Writes a new version with a later mtime and reloads it.
    bool edit(const std::string& text) {
        std::ofstream(path) << text;
        std::filesystem::last_write_time(path, t0 + std::chrono::seconds(++edits));
        return source->reload_if_changed();
    }
};

}  // namespace

TEST_CASE("a changed programme is told per stable id: moved, room changed, speakers changed, added, cancelled") {
    const auto changes = diff_agendas(import_schedule(kBefore, "old.xml"), import_schedule(kAfter, "new.xml"));
    std::vector<std::string> told;
    for (const auto& c : changes) told.push_back(c.item_id + " " + to_string(c.kind) + ": " + c.detail);
    CHECK(told == std::vector<std::string>{"a moved: moved 10:20 → 10:35", "b room changed: room Hall → Side",
                                            "d speakers changed: speakers Di → Dee", "e added: added Sat 14:00 in Side",
                                            "c cancelled: cancelled (was Sat 12:00 in Hall)"});
    CHECK(diff_agendas(import_schedule(kBefore, "a.xml"), import_schedule(kBefore, "b.xml")).empty());
}

TEST_CASE("a reload marks the changed items for the configured time, and a later reload keeps earlier marks") {
    WatchedProgramme p("agenda_diff_test.xml", 30);
    CHECK(p.source->current()->changes.empty());
    REQUIRE(p.edit(kAfter));
    CHECK(change_mark(*p.source->current(), "a", p.clock.now()) == "moved 10:20 → 10:35");
    CHECK(change_mark(*p.source->current(), "e", p.clock.now()) == "added Sat 14:00 in Side");

    p.clock.advance(minutes{20});
    REQUIRE(p.edit(kAfter + "\n"));  // a second reload without changes keeps the earlier marks
    CHECK(change_mark(*p.source->current(), "a", p.clock.now()) == "moved 10:20 → 10:35");
    p.clock.advance(minutes{11});
    CHECK(change_mark(*p.source->current(), "a", p.clock.now()).empty());
}

TEST_CASE("a cancelled item stays marked in its room until its old end, and no longer once it is back") {
    WatchedProgramme p("agenda_diff_cancel_test.xml", 24 * 60);
    REQUIRE(p.edit(kAfter));  // "c" (Gamma, 12:00–12:30 in Hall) is gone
    auto cancelled = recent_cancellations(*p.source->current(), "Hall", p.clock.now());
    REQUIRE(cancelled.size() == 1);
    CHECK(cancelled[0]->item_id == "c");
    CHECK(cancelled[0]->title == "Gamma");
    CHECK(clock_text(cancelled[0]->was_start, "Europe/Brussels") == "12:00");
    CHECK(recent_cancellations(*p.source->current(), "Side", p.clock.now()).empty());
    p.clock.advance(minutes{3 * 60 + 29});  // 12:29: still on at its old time
    CHECK(recent_cancellations(*p.source->current(), "Hall", p.clock.now()).size() == 1);
    p.clock.advance(minutes{1});  // 12:30: over
    CHECK(recent_cancellations(*p.source->current(), "Hall", p.clock.now()).empty());

    p.clock.advance(minutes{-60});
    REQUIRE(p.edit(kBefore));  // and back again
    CHECK(recent_cancellations(*p.source->current(), "Hall", p.clock.now()).empty());
}
