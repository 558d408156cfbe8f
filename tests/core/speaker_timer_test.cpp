// The speaker timer's colours change at the configured thresholds and count up after zero; a late
// start gives the speaker the full slot and shows as the room's delay.
#include "agenda_file.h"
#include "live_session.h"
#include "local_time.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {
TimePoint at(const char* t) { return *parse_rfc3339(t); }
const TimerThresholds thresholds{minutes{5}, minutes{1}};
}  // namespace

TEST_CASE("the timer is plenty, warning, final and overrun at each threshold") {
    Agenda a = demo_agenda();  // address-wu: 09:10–09:30
    LiveSession live;
    auto phase_at = [&](const char* t) { return read_timer(a, "hall", live, at(t), thresholds); };
    CHECK(phase_at("2024-04-29T09:24:59+08:00").phase == TimerPhase::Plenty);
    CHECK(phase_at("2024-04-29T09:25:00+08:00").phase == TimerPhase::Warning);  // exactly 5 min left
    CHECK(phase_at("2024-04-29T09:29:00+08:00").phase == TimerPhase::Final);    // exactly 1 min left
    CHECK(phase_at("2024-04-29T09:29:59+08:00").left == seconds{1});
    // At 09:30 the agenda moves on to the next item unless the technician keeps this one running.
    live.current_item = "address-wu";
    TimerReading over = phase_at("2024-04-29T09:31:05+08:00");
    CHECK(over.phase == TimerPhase::Overrun);
    CHECK(over.left == seconds{-65});
    CHECK(countdown_text(over.left) == "+1:05");
    REQUIRE(over.next);
    CHECK(over.next->id == "intro-bjast");
}

TEST_CASE("a late start gives the full slot and shows the delay") {
    Agenda a = demo_agenda();
    LiveSession live;
    live.current_item = "address-wu";
    live.runs["address-wu"] = {at("2024-04-29T09:17:00+08:00"), std::nullopt};
    TimerReading r = read_timer(a, "hall", live, at("2024-04-29T09:27:00+08:00"), thresholds);
    CHECK(r.delay == minutes{7});
    CHECK(r.left == minutes{10});
    CHECK(r.phase == TimerPhase::Plenty);
}

TEST_CASE("with nothing on the timer is idle and names the next item") {
    Agenda a = demo_agenda();
    TimerReading r = read_timer(a, "hall", LiveSession{}, at("2024-04-29T08:30:00+08:00"), thresholds);
    CHECK(r.phase == TimerPhase::Idle);
    CHECK(r.item == nullptr);
    REQUIRE(r.next);
    CHECK(r.next->id == "opening");
}
