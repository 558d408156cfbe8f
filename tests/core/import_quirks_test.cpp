// The quirks of real exports that importers_test.cpp does not reach: a time zone that is no IANA name
// or that the times contradict, events without any id, zones inferred from the events' own offsets,
// and iCalendar occurrences moved by a RECURRENCE-ID override.
#include "agenda_diff.h"
#include "local_time.h"
#include "schedule_import.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {

bool noted(const Agenda& a, const std::string& words) {
    for (const auto& n : a.import_notes)
        if (n.find(words) != std::string::npos) return true;
    return false;
}

std::string notes_of(const Agenda& a) {
    std::string all;
    for (const auto& n : a.import_notes) all += n + "\n";
    return all;
}

// A one-day frab schedule.xml with the given <time_zone_name> and events at +01:00.
std::string frab(const std::string& zone) {
    return "<schedule><conference><title>T</title><time_zone_name>" + zone + "</time_zone_name></conference>"
           "<day index=\"1\" date=\"2025-02-01\"><room name=\"A\">"
           "<event guid=\"x\"><date>2025-02-01T10:00:00+01:00</date><duration>00:30</duration><title>X</title></event>"
           "<event guid=\"y\"><date>2025-02-01T11:00:00+01:00</date><duration>00:30</duration><title>Y</title></event>"
           "</room></day></schedule>";
}

std::string local(const Agenda& a, TimePoint t) { return to_rfc3339(t, a.event.time_zone); }

// A schedule JSON v1 day in one room; talks is the JSON list of talks.
std::string json_v1(const std::string& zone_field, const std::string& talks) {
    return R"({"schedule":{"conference":{"title":"C")" + zone_field + R"(,"days":[{"date":"2024-05-01","rooms":{"Hall":)" + talks +
           "}}]}}}";
}

}  // namespace

TEST_CASE("a time zone that is no IANA name is noted, and the times are shown at their own offset") {
    Agenda a = import_schedule(frab("Europe/Berln"), "typo.xml");
    INFO(notes_of(a));
    CHECK(noted(a, "the time zone \"Europe/Berln\" is not a known IANA name"));
    CHECK(noted(a, "+01:00"));
    CHECK_NOTHROW(check_time_zone(a.event.time_zone));
    CHECK(local(a, a.items.at(0).start) == "2025-02-01T10:00:00+01:00");
}

TEST_CASE("a time zone that the times contradict is noted, and the times are shown at their own offset") {
    // pretalx writes the instance's zone (here UTC) while the talks carry the event's +01:00.
    Agenda a = import_schedule(frab("UTC"), "pretalx.xml");
    INFO(notes_of(a));
    CHECK(noted(a, "names the time zone UTC but its times carry +01:00"));
    CHECK(local(a, a.items.at(0).start) == "2025-02-01T10:00:00+01:00");
    CHECK(utc_offset_text(a.items.at(0).start, a.event.time_zone) == "UTC+01:00");
    // A zone that fits the times is taken as written, without a note.
    Agenda fits = import_schedule(frab("Europe/Brussels"), "ok.xml");
    CHECK(fits.event.time_zone == "Europe/Brussels");
    CHECK(fits.import_notes.empty());
}

TEST_CASE("a file without a time zone takes it from its events' offsets, across a daylight-saving change") {
    // No zone, no day starts: the offsets (+01:00 in March, +02:00 in April) name a real zone.
    Agenda a = import_schedule(json_v1("", R"([
        {"guid":"w","date":"2025-03-29T10:00:00+01:00","duration":"00:30","title":"Winter"},
        {"guid":"s","date":"2025-04-05T10:00:00+02:00","duration":"00:30","title":"Summer"}])"),
                               "s.json");
    INFO(notes_of(a));
    CHECK(noted(a, "the file names no time zone; the times carry +01:00, +02:00"));
    CHECK_NOTHROW(check_time_zone(a.event.time_zone));
    for (const auto& item : a.items) {
        CAPTURE(item.id);
        CHECK(local(a, item.start).substr(11) == (item.id == "w" ? "10:00:00+01:00" : "10:00:00+02:00"));
    }
}

TEST_CASE("events without id or guid get ids of room and start that stay the same when others change") {
    const std::string before = json_v1(R"(,"time_zone_name":"Europe/Berlin")", R"([
        {"date":"2024-05-01T10:00:00+02:00","duration":"00:30","title":"First"},
        {"date":"2024-05-01T11:00:00+02:00","duration":"00:30","title":"Second"}])");
    const std::string after = json_v1(R"(,"time_zone_name":"Europe/Berlin")", R"([
        {"date":"2024-05-01T09:00:00+02:00","duration":"00:30","title":"Added before"},
        {"date":"2024-05-01T10:00:00+02:00","duration":"00:30","title":"First"},
        {"date":"2024-05-01T11:00:00+02:00","duration":"00:45","title":"Second"}])");
    Agenda a = import_schedule(before, "s.json");
    Agenda b = import_schedule(after, "s.json");
    INFO(notes_of(a));
    CHECK(noted(a, "2 events have no id or guid"));
    REQUIRE(a.items.size() == 2);
    CHECK(a.items[0].id == "Hall@20240501T0800Z");
    CHECK(b.items[1].id == a.items[0].id);
    CHECK(b.items[2].id == a.items[1].id);
    std::vector<std::string> told;
    for (const auto& c : diff_agendas(a, b)) told.push_back(c.item_id + " " + to_string(c.kind));
    CHECK(told == std::vector<std::string>{"Hall@20240501T0700Z added", "Hall@20240501T0900Z moved"});
}

TEST_CASE("repeated numeric ids in schedule JSON are told apart in file order") {
    Agenda a = import_schedule(json_v1(R"(,"time_zone_name":"Europe/Berlin")", R"([
        {"id":7,"date":"2024-05-01T10:00:00+02:00","duration":"00:30","title":"One"},
        {"id":7,"date":"2024-05-01T11:00:00+02:00","duration":"00:30","title":"Two"}])"),
                               "s.json");
    CHECK(a.items.at(0).id == "7");
    CHECK(a.items.at(1).id == "7-2");
    CHECK(noted(a, "id 7 is used by 2 events; the later ones are called 7-2"));
}

TEST_CASE("an iCalendar occurrence moved by a RECURRENCE-ID override is told as moved, not cancelled and added") {
    const std::string head = "BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-TIMEZONE:UTC\nBEGIN:VEVENT\nUID:weekly\nSUMMARY:Study\n"
                             "DTSTART:20240502T160000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3\nLOCATION:Room 1\nEND:VEVENT\n";
    const Agenda before = import_schedule(head + "END:VCALENDAR\n", "old.ics");
    const Agenda after = import_schedule(head + "BEGIN:VEVENT\nUID:weekly\nRECURRENCE-ID:20240509T160000Z\nSUMMARY:Study\n"
                                                "DTSTART:20240509T170000Z\nDURATION:PT1H\nLOCATION:Room 1\nEND:VEVENT\nEND:VCALENDAR\n",
                                         "new.ics");
    REQUIRE(after.items.size() == 3);
    std::vector<std::string> told;
    for (const auto& c : diff_agendas(before, after)) told.push_back(to_string(c.kind) + std::string(": ") + c.detail);
    CHECK(told == std::vector<std::string>{"moved: moved 16:00 → 17:00"});
}

TEST_CASE("an iCalendar event without ATTENDEE names its ORGANIZER as the speaker") {
    Agenda a = import_schedule("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:o\nSUMMARY:Talk\nDTSTART:20240501T100000Z\n"
                               "DURATION:PT30M\nLOCATION:Hall\nORGANIZER;CN=Ada Example:mailto:ada@example.org\nEND:VEVENT\nEND:VCALENDAR\n",
                               "o.ics");
    CHECK(speaker_line(a, a.items.at(0)) == "Ada Example");
}
