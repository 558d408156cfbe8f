// Importing a real pretalx export (shared/schemas/example-pretalx-democon.json) and broken ones.
#include "agenda_file.h"
#include "local_time.h"
#include "schedule_import.h"
#include "toml_reader.h"
#include "test_paths.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {
const std::string kExample = LECTERN_SOURCE_DIR + "/tests/data/pretalx-democon.json";

std::string problems_of(const std::string& text) {
    try {
        import_schedule_json(text, "schedule.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("pretalx durations read as hours and minutes, with days when given") {
    CHECK(parse_schedule_duration("00:30") == minutes{30});
    CHECK(parse_schedule_duration("1:02:30") == std::chrono::hours{26} + minutes{30});
    CHECK_FALSE(parse_schedule_duration("half an hour"));
    CHECK_FALSE(parse_schedule_duration(""));
}

TEST_CASE("the pretalx DemoCon export imports with its rooms, talks and speakers") {
    Agenda a = load_agenda_file(kExample);
    CHECK(a.event.name == "DemoCon");
    CHECK(a.rooms.size() >= 2);
    CHECK(a.items.size() > 10);
    CHECK(!a.speakers.empty());
    // The export says UTC while its dates carry +01:00: the importer shows them as printed, and says so.
    CHECK(a.event.time_zone == "Etc/GMT-1");
    REQUIRE(!a.import_notes.empty());
    CHECK(a.import_notes.front().find("+01:00") != std::string::npos);
    const AgendaItem* focused = nullptr;
    for (const auto& i : a.items)
        if (i.title == "Focused 5thgeneration hardware") focused = &i;
    REQUIRE(focused);
    CHECK(clock_text(focused->start, a.event.time_zone) == "09:00");
    CHECK(focused->length() == minutes{30});
    CHECK(speaker_line(a, *focused) == "Brian Robinson");
}

TEST_CASE("a talk marked do_not_record is skipped by default") {
    Agenda a = import_schedule_json(R"({"schedule":{"conference":{"title":"C","time_zone_name":"Europe/Berlin","days":[{"rooms":{"Hall":[
        {"guid":"g1","date":"2024-05-01T10:00:00+02:00","duration":"00:45","title":"Private","do_not_record":true,"persons":[]}]}}]}}})",
                                    "s.json");
    REQUIRE(a.items.size() == 1);
    CHECK_FALSE(a.items[0].record);
    CHECK(a.import_notes.empty());  // Berlin is +02:00 in May: nothing guessed
}

TEST_CASE("a broken export names the JSON path of each unusable talk") {
    std::string message = problems_of(R"({"schedule":{"conference":{"title":"C","days":[{"rooms":{"Hall":[
        {"guid":"a","date":"tomorrow","duration":"00:30","title":"T"},
        {"guid":"b","date":"2024-05-01T10:00:00+02:00","duration":"long","title":"U"}]}}]}}})");
    CHECK(message.find("schedule.conference.days[0].rooms.Hall[0].date") != std::string::npos);
    CHECK(message.find("schedule.conference.days[0].rooms.Hall[1].duration") != std::string::npos);
    CHECK(problems_of("{\"schedule\": [1, 2,").find("schedule.json:1:") == 0);
    CHECK(problems_of("{\"agenda\": {}}").find("not a frab/pretalx schedule.json export") != std::string::npos);
}

TEST_CASE("an offset beyond 14 hours never becomes a time zone that does not exist") {
    // Every talk at +15:00: inferring a zone from it used to build "Etc/GMT-15", and drawing the clock threw.
    Agenda a = import_schedule_json(R"({"schedule":{"conference":{"title":"C","time_zone_name":"UTC","days":[{"rooms":{"Hall":[
        {"guid":"g1","date":"2024-05-01T10:00:00+15:00","duration":"00:45","title":"T","persons":[]}]}}]}}})",
                                    "s.json");
    REQUIRE(a.items.size() == 1);
    CHECK_NOTHROW(check_time_zone(a.event.time_zone));
    CHECK_NOTHROW(clock_text(a.items[0].start, a.event.time_zone));
    CHECK(a.items[0].start == *parse_rfc3339("2024-04-30T19:00:00Z"));
    bool noted = false;
    for (const auto& note : a.import_notes) noted = noted || note.find("+15:00") != std::string::npos;
    CHECK(noted);
}
