// now/next at the edges: exact start and end, gaps, overlaps, before the first and after the last
// item, and items crossing midnight.
#include "agenda.h"
#include "agenda_file.h"
#include "local_time.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {

TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

Agenda small_agenda() {
    return load_agenda_text(R"(
[event]
name = "Test"
time_zone = "Europe/Berlin"
[[rooms]]
id = "a"
name = "Room A"
[[speakers]]
id = "s1"
name = "Ada Lovelace"
[[items]]
id = "first"
start = 2024-03-30T09:00:00
end = 2024-03-30T10:00:00
title = "First"
speakers = ["s1"]
[[items]]
id = "after-gap"
start = 2024-03-30T10:30:00
end = 2024-03-30T11:30:00
title = "After a gap"
[[items]]
id = "overlap"
start = 2024-03-30T11:00:00
end = 2024-03-30T11:15:00
title = "Overlapping"
[[items]]
id = "late"
start = 2024-03-30T23:30:00
end = 2024-03-31T00:45:00
title = "Across midnight"
)", "small.toml");
}

}  // namespace

TEST_CASE("at the exact start an item is on now") {
    Agenda a = small_agenda();
    NowNext nn = now_next(a, "a", at("2024-03-30T09:00:00+01:00"));
    REQUIRE(nn.now);
    CHECK(nn.now->id == "first");
    REQUIRE(nn.next);
    CHECK(nn.next->id == "after-gap");
}

TEST_CASE("at the exact end an item is over and the gap shows only next") {
    Agenda a = small_agenda();
    NowNext nn = now_next(a, "a", at("2024-03-30T10:00:00+01:00"));
    CHECK(nn.now == nullptr);
    REQUIRE(nn.next);
    CHECK(nn.next->id == "after-gap");
}

TEST_CASE("when items overlap the latest started one is now") {
    Agenda a = small_agenda();
    NowNext nn = now_next(a, "a", at("2024-03-30T11:05:00+01:00"));
    REQUIRE(nn.now);
    CHECK(nn.now->id == "overlap");
    REQUIRE(nn.next);
    CHECK(nn.next->id == "late");
}

TEST_CASE("before the first item nothing is on and the first is next") {
    Agenda a = small_agenda();
    TimePoint t = at("2024-03-30T07:00:00+01:00");
    NowNext nn = now_next(a, "a", t);
    CHECK(nn.now == nullptr);
    REQUIRE(nn.next);
    CHECK(nn.next->id == "first");
    CHECK(day_phase(a, t) == DayPhase::BeforeFirst);
}

TEST_CASE("after the last item nothing is on or next") {
    Agenda a = small_agenda();
    TimePoint t = at("2024-03-31T01:00:00+01:00");
    NowNext nn = now_next(a, "a", t);
    CHECK(nn.now == nullptr);
    CHECK(nn.next == nullptr);
    CHECK(day_phase(a, t) == DayPhase::AfterLast);
}

TEST_CASE("an item crossing midnight and a DST change stays on until its end") {
    Agenda a = small_agenda();
    // Berlin moves to summer time at 02:00 on 31 March 2024, after this item's 00:45 (CET) end.
    NowNext nn = now_next(a, "a", at("2024-03-31T00:30:00+01:00"));
    REQUIRE(nn.now);
    CHECK(nn.now->id == "late");
    CHECK(nn.now->length() == minutes{75});
    CHECK(day_phase(a, at("2024-03-31T00:30:00+01:00")) == DayPhase::During);
}

TEST_CASE("a room with no items has no now and no next") {
    Agenda a = small_agenda();
    NowNext nn = now_next(a, "nowhere", at("2024-03-30T09:30:00+01:00"));
    CHECK(nn.now == nullptr);
    CHECK(nn.next == nullptr);
}

TEST_CASE("the demo agenda has Li Junkai's introduction on at 09:40 Beijing time") {
    Agenda a = demo_agenda();
    NowNext nn = now_next(a, "hall", at("2024-04-29T09:40:00+08:00"));
    REQUIRE(nn.now);
    CHECK(nn.now->id == "intro-bjast");
    CHECK(speaker_line(a, *nn.now) == "Li Junkai");  // no guessed characters for a real name
    REQUIRE(nn.next);
    CHECK(nn.next->id == "intro-kitech");
}

TEST_CASE("find my slot matches Latin and Chinese names, ignoring case and spaces") {
    Agenda a = demo_agenda();
    auto wong = find_slots(a, "wong");
    REQUIRE(!wong.empty());
    CHECK(wong.front().speaker->name == "Frank Wong");
    CHECK(wong.front().item->id == "intro-oxentia");

    auto wu = find_slots(a, "伍建");
    REQUIRE(wu.size() == 3);  // address, exchange, special discussion
    CHECK(wu[0].item->id == "address-wu");
    CHECK(find_slots(a, "WUJIAN").size() == 3);
    CHECK(find_slots(a, "nobody by that name").empty());
    CHECK(find_slots(a, "   ").empty());
}

TEST_CASE("a presider finds the items they preside") {
    Agenda a = demo_agenda();
    auto slots = find_slots(a, "Li Junkai");
    bool presides_address = false;
    for (const auto& s : slots)
        if (s.item->id == "address-wu") presides_address = s.presiding;
    CHECK(presides_address);
}

TEST_CASE("moving the demo to now puts its first item 25 minutes in the past") {
    Agenda a = demo_agenda();
    TimePoint now = at("2026-11-25T14:37:20+00:00");
    move_demo_to_now(a, now);
    CHECK(a.items.front().start == at("2026-11-25T14:12:00+00:00"));
    CHECK(a.moved_by > seconds{0});
    CHECK(now_next(a, "hall", now).now != nullptr);
}
