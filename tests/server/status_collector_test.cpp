// What the status collector says about where the agenda comes from and how old it is.
#include "status_collector.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace lectern;

namespace {

LecternConfig config_with_output_in_temp() {
    LecternConfig config;
    config.media.output_dir = std::filesystem::temp_directory_path().string();
    return config;
}

int64_t unix_of(TimePoint t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

}  // namespace

TEST_CASE("an agenda from agenda.url is named by its URL without the credentials or the query") {
    LecternConfig config = config_with_output_in_temp();
    config.agenda.url = "https://desk:hunter2@pretalx.example.org/conf/schedule.xml?token=s3cret";
    StatusCollector collector(config, "hall-a");
    const StationStatus s = collector.collect(StationInputs{}, TimePoint{} + std::chrono::hours(500'000));
    CHECK(s.agenda_source.find("pretalx.example.org/conf/schedule.xml") != std::string::npos);
    CHECK(s.agenda_source.find("hunter2") == std::string::npos);
    CHECK(s.agenda_source.find("desk") == std::string::npos);
    CHECK(s.agenda_source.find("s3cret") == std::string::npos);
}

TEST_CASE("an agenda file is named by its path, and no agenda at all is the demo") {
    LecternConfig config = config_with_output_in_temp();
    CHECK(StatusCollector(config, "hall-a").collect(StationInputs{}, TimePoint{}).agenda_source == "demo");
    config.agenda.file = "/srv/agenda/schedule.xml";
    CHECK(StatusCollector(config, "hall-a").collect(StationInputs{}, TimePoint{}).agenda_source == "/srv/agenda/schedule.xml");
}

TEST_CASE("an agenda from a URL is as old as the server's last confirmation of it, not its first load") {
    LecternConfig config = config_with_output_in_temp();
    config.agenda.url = "https://pretalx.example.org/schedule.xml";
    StatusCollector collector(config, "hall-a");
    Agenda agenda;
    const TimePoint loaded = TimePoint{} + std::chrono::hours(500'000);
    StationInputs in;
    in.agenda = &agenda;
    in.agenda_confirmed = loaded;
    CHECK(collector.collect(in, loaded).agenda_loaded_unix == unix_of(loaded));
    // A 304 an hour later keeps the same snapshot but confirms it again.
    in.agenda_confirmed = loaded + std::chrono::hours(1);
    CHECK(collector.collect(in, loaded + std::chrono::hours(1)).agenda_loaded_unix == unix_of(loaded + std::chrono::hours(1)));
}
