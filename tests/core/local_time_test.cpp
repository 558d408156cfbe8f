#include "local_time.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace lectern;

TEST_CASE("instants are shown in the event's time zone") {
    TimePoint t = *parse_rfc3339("2024-04-29T01:40:00Z");
    CHECK(clock_text(t, "Asia/Shanghai") == "09:40");
    CHECK(clock_text(t, "Europe/London") == "02:40");
    CHECK(date_text(t, "Asia/Shanghai") == "Monday 29 April 2024");
    CHECK(utc_offset_text(t, "Asia/Shanghai") == "UTC+08:00");
    CHECK(to_rfc3339(t, "Asia/Shanghai") == "2024-04-29T09:40:00+08:00");
}

TEST_CASE("local midnight follows daylight saving time") {
    TimePoint t = *parse_rfc3339("2024-03-31T12:00:00+02:00");
    CHECK(to_rfc3339(local_midnight(t, "Europe/Berlin"), "Europe/Berlin") == "2024-03-31T00:00:00+01:00");
}

TEST_CASE("RFC 3339 parsing rejects malformed text") {
    CHECK(parse_rfc3339("2024-04-29T09:40:00+08:00").has_value());
    CHECK(parse_rfc3339("2024-04-29T09:40:00.250Z").has_value());
    CHECK_FALSE(parse_rfc3339("2024-04-29 09:40").has_value());
    CHECK_FALSE(parse_rfc3339("2024-02-30T09:40:00Z").has_value());
    CHECK_FALSE(parse_rfc3339("yesterday").has_value());
}

TEST_CASE("an unknown time zone is named in the error") {
    CHECK_THROWS_WITH_AS(check_time_zone("Mars/Olympus"), doctest::Contains("Mars/Olympus"), std::runtime_error);
}

TEST_CASE("relative times and countdowns read naturally") {
    TimePoint now = *parse_rfc3339("2024-04-29T09:00:00Z");
    CHECK(relative_text(now + minutes{5}, now + minutes{20}, now) == "in 5 min");
    CHECK(relative_text(now + minutes{80}, now + minutes{90}, now) == "in 1 h 20 min");
    CHECK(relative_text(now - minutes{1}, now + minutes{9}, now) == "now");
    CHECK(relative_text(now - minutes{10}, now - minutes{3}, now) == "ended 3 min ago");
    CHECK(countdown_text(seconds{754}) == "12:34");
    CHECK(countdown_text(seconds{-65}) == "+1:05");
    CHECK(countdown_text(seconds{3723}) == "1:02:03");
}

TEST_CASE("RFC 3339 keeps the offset as written and accepts the spellings the RFC allows") {
    auto t = parse_rfc3339_time("2024-04-29t09:40:00-03:30");
    REQUIRE(t);
    CHECK(t->offset == minutes{-210});
    CHECK_FALSE(t->utc);
    CHECK(t->at == *parse_rfc3339("2024-04-29T13:10:00Z"));
    CHECK(parse_rfc3339_time("2024-04-29 09:40:00z")->utc);
    CHECK_FALSE(parse_rfc3339("2024-04-29T09:40:00+08:00 trailing").has_value());
    CHECK_FALSE(parse_rfc3339("2024-04-29T25:40:00Z").has_value());
}

TEST_CASE("a time more than a day away carries its weekday") {
    TimePoint now = *parse_rfc3339("2024-04-29T09:00:00+08:00");  // a Monday
    CHECK(when_text(*parse_rfc3339("2024-04-29T16:00:00+08:00"), now, "Asia/Shanghai") == "16:00");
    CHECK(when_text(*parse_rfc3339("2024-04-30T08:00:00+08:00"), now, "Asia/Shanghai") == "08:00");
    CHECK(when_text(*parse_rfc3339("2024-05-01T16:00:00+08:00"), now, "Asia/Shanghai") == "Wed 16:00");
}

TEST_CASE("a start more than a day away is said in days, not in hours") {
    TimePoint now = *parse_rfc3339("2024-04-29T09:00:00Z");
    CHECK(relative_text(now + std::chrono::hours{49} + minutes{50}, now + std::chrono::hours{51}, now) == "in 2 days");
    CHECK(relative_text(now + std::chrono::hours{25}, now + std::chrono::hours{26}, now) == "in 1 day");
    CHECK(relative_text(now + std::chrono::hours{23}, now + std::chrono::hours{24}, now) == "in 23 h");
}
