// Reading Opencast's calendar as a capture agent must: the UID, times, the base64 attachments of each
// VEVENT (episode and series Dublin Core, the capture agent properties), and the agenda the headless
// recorder follows (one room named after the agent, titles and speakers from the episode).
#include "encoding.h"
#include "opencast_schedule.h"

#include <doctest/doctest.h>

#include <date/date.h>

using namespace lectern;

namespace {

// RFC 5545 folding at 75 octets, as Opencast's ical4j writes it.
std::string folded(const std::string& line) {
    std::string out = line.substr(0, 75);
    for (size_t at = 75; at < line.size(); at += 74) out += "\r\n " + line.substr(at, 74);
    return out + "\r\n";
}

std::string attach(const std::string& name, const std::string& type, const std::string& text) {
    return folded("ATTACH;FMTTYPE=" + type + ";VALUE=BINARY;ENCODING=BASE64;X-APPLE-FILENAME=" + name + ":" + base64(text));
}

const std::string kEpisode =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><dublincore xmlns=\"http://www.opencastproject.org/xsd/1.0/dublincore/\" "
    "xmlns:dcterms=\"http://purl.org/dc/terms/\"><dcterms:title>Cell biology, lecture 3</dcterms:title>"
    "<dcterms:creator>Prof. Ada Nakamura</dcterms:creator><dcterms:creator>王芳</dcterms:creator>"
    "<dcterms:isPartOf>series-42</dcterms:isPartOf><dcterms:description>" + std::string(3000, 'x') +  // over 4 KiB in base64
    "</dcterms:description></dublincore>";

std::string calendar(const std::string& events) {
    return "BEGIN:VCALENDAR\r\nPRODID:Opencast Calendar File 0.5\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n" + events + "END:VCALENDAR\r\n";
}

std::string event(const std::string& uid, const std::string& start, const std::string& end) {
    return "BEGIN:VEVENT\r\nDTSTAMP:20261126T080000Z\r\nDTSTART:" + start + "\r\nDTEND:" + end + "\r\nSUMMARY:Lecture 3\r\nUID:" + uid +
           "\r\nLOCATION:hall-b-agent\r\n" + attach("episode.xml", "application/xml", kEpisode) +
           attach("series.xml", "application/xml", "<dublincore><dcterms:title>Cell biology</dcterms:title></dublincore>") +
           attach("org.opencastproject.capture.agent.properties", "application/text",
                  "#Capture Agent specific data\nevent.location=hall-b-agent\norg.opencastproject.workflow.definition=fast\n"
                  "org.opencastproject.workflow.config.straightToPublishing=true\norg.opencastproject.workflow.config.flagForCutting = false\n"
                  "capture.device.names=presenter\n") +
           "END:VEVENT\r\n";
}

TimePoint at(int h, int m) { return date::sys_days{date::year{2026} / 11 / 26} + std::chrono::hours{h} + minutes{m}; }

}  // namespace

TEST_CASE("an Opencast calendar event gives its uid, times, catalogs and workflow properties") {
    auto events = read_opencast_calendar(calendar(event("ev-1", "20261126T090000Z", "20261126T093000Z")));
    REQUIRE(events.size() == 1);
    const ScheduledEvent& e = events[0];
    CHECK(e.uid == "ev-1");
    CHECK(e.start == at(9, 0));
    CHECK(e.end == at(9, 30));
    CHECK(e.episode_xml == kEpisode);  // unchanged, for the ingest
    CHECK(e.series_xml.find("Cell biology") != std::string::npos);
    CHECK(e.title == "Cell biology, lecture 3");
    CHECK(e.creators == std::vector<std::string>{"Prof. Ada Nakamura", "王芳"});
    CHECK(e.series_id == "series-42");
    CHECK(e.workflow_definition == "fast");
    CHECK(e.workflow_config == std::vector<std::pair<std::string, std::string>>{{"straightToPublishing", "true"}, {"flagForCutting", "false"}});
}

TEST_CASE("the Opencast calendar becomes an agenda in the agent's one room, titled and credited from the episode") {
    auto s = schedule_from_calendar(calendar(event("ev-1", "20261126T090000Z", "20261126T093000Z") +
                                             event("ev-2", "20261126T100000Z", "20261126T110000Z")),
                                    "room-b");
    REQUIRE(s.agenda->items.size() == 2);
    REQUIRE(s.agenda->rooms.size() == 1);
    CHECK(s.agenda->rooms[0].id == "room-b");
    const AgendaItem& first = s.agenda->items[0];
    CHECK(first.id == "ev-1");  // the sidecar's item_id names the event again at ingest
    CHECK(first.room_id == "room-b");
    CHECK(first.start == at(9, 0));
    CHECK(first.end == at(9, 30));
    CHECK(first.title == "Cell biology, lecture 3");
    REQUIRE(first.speaker_ids.size() == 2);
    CHECK(s.agenda->speaker(first.speaker_ids[1])->name == "王芳");
    CHECK(s.event("ev-2") != nullptr);
}

TEST_CASE("an Opencast calendar with no event is an empty agenda for the agent's room, and a broken one is refused") {
    auto s = schedule_from_calendar(calendar(""), "room-b");
    CHECK(s.agenda->items.empty());
    REQUIRE(s.agenda->room("room-b") != nullptr);
    CHECK_THROWS_WITH_AS(schedule_from_calendar("<html>login</html>", "room-b"), doctest::Contains("not iCalendar"), std::runtime_error);
}
