// Programmes in every format Lectern reads, chosen by content, with the quirks real exports have.
#include "agenda_file.h"
#include "local_time.h"
#include "schedule_import.h"
#include "toml_reader.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace lectern;

namespace {

const std::string kData = LECTERN_SOURCE_DIR + "/tests/data/schedules/";

const AgendaItem& item(const Agenda& a, const std::string& id) {
    for (const auto& i : a.items)
        if (i.id == id) return i;
    FAIL("no item " << id);
    throw std::logic_error("unreachable");
}

bool noted(const Agenda& a, const std::string& words) {
    for (const auto& n : a.import_notes)
        if (n.find(words) != std::string::npos) return true;
    return false;
}

std::string problems_of(const std::string& text, const std::string& name = "feed") {
    try {
        import_schedule(text, name);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::string local(const Agenda& a, TimePoint t) { return to_rfc3339(t, a.event.time_zone); }

}  // namespace

TEST_CASE("the format is chosen by content, not by the file's name") {
    const std::string copy = "importers_test_schedule.json";  // an XML file with a misleading name
    std::filesystem::copy_file(kData + "congress.xml", copy, std::filesystem::copy_options::overwrite_existing);
    Agenda a = load_agenda_file(copy);
    CHECK(a.event.name == "Fictional Congress 2024");
    std::filesystem::remove(copy);
    CHECK(detect_schedule_format("\xEF\xBB\xBF  BEGIN:VCALENDAR\r\n").format == ScheduleFormat::ICalendar);
    CHECK(detect_schedule_format("# my agenda\n[event]\n").format == ScheduleFormat::LecternToml);
    CHECK(detect_schedule_format("[event]\nname = \"E\"\n").format == ScheduleFormat::LecternToml);
    CHECK(detect_schedule_format("{\"schedule\": {}}").format == ScheduleFormat::ScheduleJson);
    CHECK(detect_schedule_format("<?xml version=\"1.0\"?>\n<schedule>").format == ScheduleFormat::FrabXml);
}

TEST_CASE("a file in no known format says what it looks like and what Lectern reads") {
    std::ifstream in(kData + "login-page.html");
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string message = problems_of(html);
    CHECK(message.find("not a schedule Lectern reads: this looks like an HTML page") != std::string::npos);
    CHECK(message.find("iCalendar") != std::string::npos);
    CHECK(problems_of("%PDF-1.7 ...").find("looks like a PDF document") != std::string::npos);
    CHECK(problems_of("").find("looks like an empty file") != std::string::npos);
    CHECK(problems_of("<rss><channel/></rss>").find("XML document without a <schedule> root") != std::string::npos);
}

TEST_CASE("a frab schedule.xml imports its rooms, events, persons, tracks and recording opt-outs") {
    Agenda a = load_agenda_file(kData + "congress.xml");
    CHECK(a.event.time_zone == "Europe/Berlin");
    CHECK(a.rooms.size() == 3);
    const AgendaItem& open = item(a, "e-open");
    CHECK(local(a, open.start) == "2024-12-27T10:30:00+01:00");
    CHECK(open.length() == minutes{30});
    CHECK(open.title == "Opening & Welcome");
    CHECK(open.kind == ItemKind::Ceremony);
    CHECK(open.track == "Ceremonies");
    CHECK(open.language == "en");
    CHECK(speaker_line(a, open) == "Ada Example");
    CHECK(open.record);
    CHECK(item(a, "e-dup").title == "Café Networks");
    const AgendaItem& camp = item(a, "e-camp");
    CHECK(camp.length() == std::chrono::hours{26});
    CHECK(camp.speaker_ids.size() == 2);
}

TEST_CASE("schedule.xml quirks are handled and each one is reported") {
    Agenda a = load_agenda_file(kData + "congress.xml");
    // 01:00 on a day that runs 10:00 to 04:00 is the early morning of the next date.
    const AgendaItem& late = item(a, "e-late");
    CHECK(local(a, late.start) == "2024-12-28T01:00:00+01:00");
    CHECK(noted(a, "belong to the previous conference day"));
    CHECK(late.title == "Late-night Lightning Talks");
    CHECK(noted(a, "HTML markup or entities"));
    CHECK_FALSE(late.record);
    CHECK(late.speaker_ids.empty());
    // The repeated guid keeps the first, the second is renamed in file order.
    CHECK(item(a, "e-dup-2").title == "Announcements");
    CHECK(noted(a, "id e-dup is used by 2 events; the later ones are called e-dup-2"));
    CHECK(noted(a, "1 event last zero minutes"));
    CHECK(noted(a, "1 event last more than a day"));
    CHECK(noted(a, "person without a name"));
    // Stable across reloads: the same file gives the same ids.
    Agenda again = load_agenda_file(kData + "congress.xml");
    for (size_t i = 0; i < a.items.size(); ++i) CHECK(again.items[i].id == a.items[i].id);
}

TEST_CASE("a schedule.xml without a time zone takes it from its day starts and says so") {
    Agenda a = import_schedule(R"(<schedule><conference><title>T</title></conference>
<day index="1" date="2024-06-01" start="2024-06-01T09:00:00+05:30" end="2024-06-01T18:00:00+05:30">
<room name="A"><event guid="x"><start>09:30</start><duration>00:30</duration><title>Chai</title></event></room></day></schedule>)",
                               "s.xml");
    CHECK(utc_offset_text(a.items.at(0).start, a.event.time_zone) == "UTC+05:30");
    CHECK(local(a, a.items.at(0).start) == "2024-06-01T09:30:00+05:30");
    CHECK(noted(a, "the file names no time zone; the times carry +05:30"));
}

TEST_CASE("a broken schedule.xml names the line of each problem") {
    std::string message = problems_of("<schedule>\n<day date=\"2024-06-01\"><room name=\"A\">\n<event guid=\"x\">\n"
                                      "<duration>long</duration><title>T</title></event>\n</room></day></schedule>",
                                      "s.xml");
    CHECK(message.find("s.xml:3:1: 'event': <date> must be a date-time") != std::string::npos);
    CHECK(message.find("s.xml:3:1: 'event': <duration> must be HH:MM") != std::string::npos);
    CHECK(problems_of("<schedule>\n<day>\n</schedule>", "s.xml").find("s.xml:3:1: XML syntax error") == 0);
}

TEST_CASE("schedule JSON v2 reads top-level events and persons, and notes wrongly typed fields") {
    Agenda a = load_agenda_file(kData + "events-v2.json");
    CHECK(a.event.name == "Fictional Camp");
    CHECK(a.event.time_zone == "Europe/Berlin");
    CHECK(a.rooms.size() == 2);
    const AgendaItem& solar = item(a, "ev-1");
    CHECK(speaker_line(a, solar) == "Ada Example, Bea Sample");
    CHECK(solar.track == "Energy");
    CHECK(local(a, solar.start) == "2025-08-10T14:00:00+02:00");
    const AgendaItem& second = item(a, "ev-2");
    CHECK(second.title == "(untitled)");
    CHECK_FALSE(second.record);
    CHECK(noted(a, "events[1].title is array, not text; ignored"));
    CHECK(item(a, "3").note == "42");  // a number where text belongs is read as written
}

TEST_CASE("an iCalendar file expands recurrences and reads zones, rooms and speakers") {
    Agenda a = load_agenda_file(kData + "meetups.ics");
    CHECK(a.event.name == "Fictional Meetups");
    CHECK(a.event.time_zone == "Europe/Berlin");
    std::vector<std::string> study;
    for (const auto& i : a.items)
        if (i.title.rfind("Weekly Study Group", 0) == 0) study.push_back(local(a, i.start) + " " + i.room_id);
    // Four weeks, less the EXDATE of 9 May, with 16 May replaced by its RECURRENCE-ID override.
    CHECK(study == std::vector<std::string>{"2024-05-02T18:00:00+02:00 Room 101", "2024-05-16T19:00:00+02:00 Room 102",
                                             "2024-05-23T18:00:00+02:00 Room 101"});
    const AgendaItem* keynote = nullptr;
    const AgendaItem* lunch = nullptr;
    for (const auto& i : a.items) {
        if (i.title == "Keynote") keynote = &i;
        if (i.title == "Floating Lunch") lunch = &i;
    }
    REQUIRE(keynote);
    REQUIRE(lunch);
    CHECK(local(a, keynote->start) == "2024-05-03T09:00:00+02:00");
    CHECK(keynote->length() == minutes{45});
    CHECK(speaker_line(a, *keynote) == "Bea Sample, Cy Person");
    CHECK(local(a, lunch->start) == "2024-05-03T12:00:00+02:00");  // floating: the calendar's zone
    for (const auto& i : a.items)
        if (i.title == "Weekly Study Group") CHECK(speaker_line(a, i) == "Ada Example");
}

TEST_CASE("an iCalendar event without DTSTART is named by line, and a runaway RRULE is cut short") {
    std::string message = problems_of("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:No start\nEND:VEVENT\nEND:VCALENDAR\n", "c.ics");
    CHECK(message.find("c.ics:3:1: 'VEVENT': has no DTSTART") != std::string::npos);
    Agenda a = import_schedule("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:r\nSUMMARY:Forever\nDTSTART:20240101T100000Z\n"
                               "DURATION:PT1M\nRRULE:FREQ=MINUTELY\nLOCATION:Loop\nEND:VEVENT\nEND:VCALENDAR\n",
                               "c.ics");
    CHECK(a.items.size() == 2000);
    CHECK(noted(a, "only the occurrences before that are shown"));
}

TEST_CASE("a programme with hundreds of rooms keeps every room") {
    std::string xml = "<schedule><conference><title>Big</title><time_zone_name>Europe/Brussels</time_zone_name></conference>"
                      "<day index=\"1\" date=\"2025-02-01\">";
    for (int r = 0; r < 300; ++r)
        xml += "<room name=\"R" + std::to_string(r) + "\"><event guid=\"g" + std::to_string(r) +
               "\"><date>2025-02-01T10:00:00+01:00</date><duration>00:25</duration><title>T</title></event></room>";
    xml += "</day></schedule>";
    Agenda a = import_schedule(xml, "big.xml");
    CHECK(a.rooms.size() == 300);
    CHECK(a.items.size() == 300);
    CHECK(a.import_notes.empty());
}
