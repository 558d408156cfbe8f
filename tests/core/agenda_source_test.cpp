// A running kiosk re-reads its agenda file when it changes; a bad edit keeps the last good agenda
// on screen and says what is wrong.
#include "agenda_source.h"
#include "local_time.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace lectern;

namespace {

void write_agenda(const std::string& path, const std::string& title, std::filesystem::file_time_type stamp) {
    std::ofstream(path) << "[event]\nname = \"E\"\ntime_zone = \"Asia/Shanghai\"\n[[rooms]]\nid = \"hall\"\nname = \"Hall\"\n"
                           "[[items]]\nid = \"a\"\ntitle = \""
                        << title << "\"\nstart = 2024-04-29T09:00:00\nend = 2024-04-29T10:00:00\n";
    std::filesystem::last_write_time(path, stamp);  // distinct stamps even within one clock tick
}

// An agenda file with one item "First", watched by a source with a fixed clock.
struct WatchedFile {
    std::string path;
    std::filesystem::file_time_type t0 = std::filesystem::file_time_type::clock::now();
    AgendaConfig config;
    FixedClock clock{*parse_rfc3339("2024-04-29T09:30:00+08:00")};
    AgendaSource source;

    explicit WatchedFile(std::string file)
        : path((write_agenda(file, "First", t0), file)), config(AgendaConfig{path}), source(config, clock, true) {}
    ~WatchedFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("a changed agenda file is picked up, a broken edit keeps the last good agenda and names the problem") {
    WatchedFile watched("agenda_source_test.toml");
    const std::string& path = watched.path;
    const auto t0 = watched.t0;
    AgendaSource& source = watched.source;
    CHECK(source.current()->items.at(0).title == "First");
    CHECK_FALSE(source.reload_if_changed());  // nothing changed

    write_agenda(path, "Second", t0 + std::chrono::seconds(1));
    CHECK(source.reload_if_changed());
    CHECK(source.current()->items.at(0).title == "Second");

    std::ofstream(path) << "[event]\nname = \"E\"\ntime_zone = \"Asia/Shanghai\"\n[[rooms]]\nid = \"hall\"\n";  // name missing
    std::filesystem::last_write_time(path, t0 + std::chrono::seconds(2));
    CHECK_FALSE(source.reload_if_changed());
    CHECK(source.current()->items.at(0).title == "Second");
    INFO(source.problem());
    CHECK(source.problem().find("last good one stays on screen") != std::string::npos);
    CHECK(source.problem().find(path + ":4:1: 'rooms[0].name': is required") != std::string::npos);

    write_agenda(path, "Third", t0 + std::chrono::seconds(3));
    CHECK(source.reload_if_changed());
    CHECK(source.current()->items.at(0).title == "Third");
    CHECK(source.problem().empty());
}

TEST_CASE("the demo agenda is moved to now unless the clock is fixed for a screenshot") {
    AgendaConfig config;
    FixedClock clock(*parse_rfc3339("2026-11-25T15:00:00Z"));
    AgendaSource live(config, clock, true);
    CHECK(live.current()->demo);
    CHECK(live.current()->moved_by.count() != 0);
    CHECK(now_next(*live.current(), "hall", clock.now()).now != nullptr);
    AgendaSource frozen(config, clock, false);
    CHECK(frozen.current()->moved_by.count() == 0);
}

TEST_CASE("a half-written agenda file is read again once complete, even when its mtime did not change") {
    WatchedFile watched("agenda_source_half_test.toml");
    const std::string& path = watched.path;
    const auto t0 = watched.t0;
    AgendaSource& source = watched.source;

    // An editor or rsync caught mid-write: the watcher reads half a file...
    const auto t1 = t0 + std::chrono::seconds(1);
    std::ofstream(path) << "[event]\nname = \"E\"\ntime_zone = \"Asia/Shanghai\"\n[[rooms]]\nid = \"ha";
    std::filesystem::last_write_time(path, t1);
    CHECK_FALSE(source.reload_if_changed());
    CHECK_FALSE(source.problem().empty());
    // ...and the rest arrives within the same timestamp tick (coarse file systems, fast writers).
    write_agenda(path, "Second", t1);
    CHECK(source.reload_if_changed());
    CHECK(source.current()->items.at(0).title == "Second");
    CHECK(source.problem().empty());
}

TEST_CASE("the staleness badge says the copy's age in whole minutes, and 'under a minute' before the first") {
    FeedStatus status;
    status.active = true;
    const TimePoint nine = *parse_rfc3339("2024-12-27T09:00:00+01:00");
    status.as_of = nine;
    const std::string zone = "Europe/Berlin";
    CHECK(staleness_text(status, nine + seconds{5}, zone, seconds{10}).empty());
    CHECK(staleness_text(status, nine + seconds{15}, zone, seconds{10}) == "programme as of 09:00 — not refreshed for under a minute");
    CHECK(staleness_text(status, nine + minutes{25}, zone, seconds{10}) == "programme as of 09:00 — not refreshed for 25 min");
    status.failing_since = nine + minutes{20};
    CHECK(staleness_text(status, nine + minutes{20} + seconds{30}, zone, seconds{10}) == "programme as of 09:00 — offline under a minute");
    CHECK(staleness_text(status, nine + minutes{95}, zone, seconds{10}) == "programme as of 09:00 — offline 1 h 15 min");
}
