// Inputs the fuzz harnesses (tests/fuzz) found to crash a parser or reach undefined behaviour, kept
// as plain tests so that the Release suite checks them on every run.
#include "local_time.h"
#include "schedule_import.h"
#include "toml_reader.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {

std::string problems_of(const std::string& text, const std::string& name) {
    try {
        import_schedule(text, name);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

// fuzz_frab_xml: date.h's %T read an uninitialised long double for a seconds field that was no
// number ("12:00: 0") and cast it (NaN) to an integer: undefined behaviour, any time could come out.
TEST_CASE("a date-time whose seconds are no number is refused by shape before date::parse reads it") {
    for (const char* bad : {"2024-12-27T12:00: 0+01:00", "2024-12-27T12:00:x0", "2024-12-27T12: 0:00", "2024-12-27T1a:00:00Z",
                            "2024-12-27T12:00:+0+01:00", "2024/12/27T12:00:00Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(starts_with_date_time(bad));
        CHECK_FALSE(parse_rfc3339(bad).has_value());
    }
    CHECK(starts_with_date_time("2024-12-27T12:00:00"));
    CHECK(starts_with_date_time("2024-12-27 12:00:00+01:00"));
    const std::string xml = "<schedule><conference><title>C</title><time_zone_name>Europe/Berlin</time_zone_name></conference>\n"
                            "<day date=\"2024-12-27\"><room name=\"A\">\n<event guid=\"x\"><date>2024-12-27T12:00: 0</date>"
                            "<duration>00:30</duration><title>T</title></event>\n</room></day></schedule>";
    CHECK(problems_of(xml, "s.xml").find("s.xml:3:1: 'event': <date> must be a date-time") != std::string::npos);
    const std::string json = R"({"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin", "days": [
        {"date": "2024-12-27", "rooms": {"A": [{"guid": "x", "date": "2024-12-27T12:00: 0", "duration": "00:30", "title": "T"}]}}]}}})";
    CHECK_FALSE(problems_of(json, "s.json").empty());
}

// fuzz_schedule_json: a v1 conference without "days" was read with a const json's operator[],
// which on a missing key is undefined (an assertion in nlohmann's debug build).
TEST_CASE("schedule JSON v1 whose conference has no days is refused by path") {
    const std::string message = problems_of(R"({"schedule": {"conference": {"title": "Camp", "time_zone_name": "Europe/Berlin"}}})", "s.json");
    CHECK(message.find("schedule.conference.days") != std::string::npos);
    CHECK(message.find("missing or not a list") != std::string::npos);
}

// fuzz_frab_xml (seed 3656379916): date.h's %Ez, given a sign and an hour it could not read, negated
// its "no offset" sentinel (the smallest long): signed overflow. The offset is now checked by shape
// (RFC 3339 time-numoffset: sign, hour 00-23, ':', minute 00-59) before date::parse sees it, which
// also refuses the out-of-range offsets date.h let through.
TEST_CASE("a date-time whose UTC offset is not RFC 3339's +HH:MM is refused before date::parse reads it") {
    for (const char* bad : {"2024-12-27T10:00:02-8T04:00:00+01:00", "2024-12-27T10:00:00+24:00", "2024-12-27T10:00:00+01:60",
                            "2024-12-27T10:00:00+1:00", "2024-12-27T10:00:00+0100", "2024-12-27T10:00:00-", "2024-12-27T10:00:00.Z",
                            "2024-12-27T10:00:00.5x+01:00"}) {
        const std::string shown = bad;
        CAPTURE(shown);
        CHECK_FALSE(parse_rfc3339(bad).has_value());
    }
    for (const char* good : {"2024-12-27T10:00:00+23:59", "2024-12-27T10:00:00-00:30", "2024-12-27T10:00:00.125Z", "2024-12-27t10:00:00z",
                             "2024-12-27T10:00:00.5+01:00"}) {
        const std::string shown = good;
        CAPTURE(shown);
        CHECK(parse_rfc3339(good).has_value());
    }
    CHECK(*parse_rfc3339("2024-12-27T10:00:00-00:30") == *parse_rfc3339("2024-12-27T10:30:00Z"));
}
