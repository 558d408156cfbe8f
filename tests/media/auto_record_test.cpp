// Unattended rooms start, split and stop at the agenda's times with padding.
#include "auto_record.h"

#include <doctest/doctest.h>

using namespace lectern;
using namespace std::chrono;

namespace {
TimePoint at(int h, int m, int s = 0) { return sys_days{year{2024} / 4 / 29} + hours{h} + minutes{m} + seconds{s}; }

Agenda hall() {
    Agenda a;
    a.event = {"Symposium", "BJAST", "UTC"};
    a.rooms = {{"hall", "Hall A"}};
    a.speakers = {{"wu", "Wu Jianmin", "伍建民", "BJAST", ""}};
    auto item = [&](const char* id, TimePoint s, TimePoint e, ItemKind k) {
        AgendaItem i;
        i.id = id;
        i.room_id = "hall";
        i.start = s;
        i.end = e;
        i.kind = k;
        i.title = id;
        i.speaker_ids = {"wu"};
        a.items.push_back(i);
    };
    item("a", at(9, 0), at(9, 10), ItemKind::Speech);
    item("b", at(9, 10), at(9, 20), ItemKind::Speech);
    item("tea", at(9, 20), at(9, 30), ItemKind::Break);
    item("c", at(9, 30), at(9, 40), ItemKind::Speech);
    return a;
}

AutoStep step(const Agenda& a, TimePoint now, const std::string& recording) {
    return next_auto_step(a, "hall", now, seconds{60}, seconds{120}, recording);
}
}  // namespace

TEST_CASE("an unattended room starts a minute early, splits at the next start and stops after the padding") {
    Agenda a = hall();
    CHECK(step(a, at(8, 58), "").action == AutoAction::Keep);
    AutoStep s = step(a, at(8, 59), "");
    CHECK(s.action == AutoAction::Start);
    CHECK(s.item->id == "a");
    CHECK(step(a, at(9, 9, 30), "a").action == AutoAction::Keep);  // b's padding must not cut a short
    s = step(a, at(9, 10), "a");
    CHECK(s.action == AutoAction::Split);
    CHECK(s.item->id == "b");
    CHECK(step(a, at(9, 21), "b").action == AutoAction::Keep);  // overrun padding
    CHECK(step(a, at(9, 22), "b").action == AutoAction::Stop);  // the tea break is not recorded
    CHECK(step(a, at(9, 25), "").action == AutoAction::Keep);
    s = step(a, at(9, 29), "");
    CHECK(s.action == AutoAction::Start);
    CHECK(s.item->id == "c");
}

TEST_CASE("a recording's metadata comes from the agenda item") {
    Agenda a = hall();
    RecordingMeta m = meta_for_item(a, a.items[1], "kiosk-7");
    CHECK(m.room == "Hall A");
    CHECK(m.title == "b");
    CHECK(m.event == "Symposium");
    REQUIRE(m.speakers.size() == 1);
    CHECK(m.speakers[0].native_name == "伍建民");
    CHECK(m.scheduled_start == at(9, 10));
    CHECK(m.kiosk_id == "kiosk-7");
}
