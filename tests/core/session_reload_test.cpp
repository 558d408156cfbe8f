// A programme reloaded mid-recording: whatever happens to the item on tape (moved, cancelled,
// renamed, given another room or id), the recording is neither split nor stopped by the reload; an
// unattended room follows the new times for what comes next.
#include "agenda_file.h"
#include "local_time.h"
#include "session_controller.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

using namespace lectern;

namespace {

TimePoint at(const char* t) { return *parse_rfc3339(t); }

// The recorder's calls, one string: "start a, split b, stop".
struct CallLog final : RecorderControl {
    std::string calls;
    void add(const std::string& call) { calls += (calls.empty() ? "" : ", ") + call; }
    void start(const RecordingPlan& p) override { add("start " + p.item_id); }
    void stop() override { add("stop"); }
    void pause() override {}
    void resume() override {}
    void split(const RecordingPlan& p) override { add("split " + p.item_id); }
};

// The demo agenda with one edit, as a reload would publish it.
std::shared_ptr<const Agenda> edited(const std::function<void(Agenda&)>& edit) {
    Agenda agenda = demo_agenda();
    edit(agenda);
    std::stable_sort(agenda.items.begin(), agenda.items.end(),
                     [](const AgendaItem& a, const AgendaItem& b) { return a.start < b.start; });
    return std::make_shared<const Agenda>(std::move(agenda));
}

AgendaItem& item_of(Agenda& agenda, const std::string& id) {
    return *std::find_if(agenda.items.begin(), agenda.items.end(), [&](const AgendaItem& i) { return i.id == id; });
}

// An unattended room (1 min padding) ticking every 10 s from `from` to `to`.
void run_automatic(SessionController& c, const char* from, const char* to) {
    for (TimePoint t = at(from); t < at(to); t += seconds{10}) c.tick_automatic(t, minutes{1});
}

// Records address-wu (09:10–09:30) from 09:09, then publishes `reloaded` at 09:15.
struct ReloadedMidItem {
    CallLog recorder;
    SessionController c{std::make_shared<const Agenda>(demo_agenda()), "hall", recorder};
    explicit ReloadedMidItem(std::shared_ptr<const Agenda> reloaded) {
        run_automatic(c, "2024-04-29T09:09:00+08:00", "2024-04-29T09:15:00+08:00");
        REQUIRE(recorder.calls == "start address-wu");
        c.set_agenda(std::move(reloaded));
    }
};

}  // namespace

TEST_CASE("the item on tape moved to the afternoon is neither stopped nor split by the reload") {
    ReloadedMidItem room(edited([](Agenda& a) {
        item_of(a, "address-wu").start = at("2024-04-29T12:10:00+08:00");
        item_of(a, "address-wu").end = at("2024-04-29T12:30:00+08:00");
    }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:30:00+08:00");
    CHECK(room.recorder.calls == "start address-wu");
    CHECK(room.c.state() == SessionController::State::Recording);
    CHECK(room.c.live().current_item == "address-wu");
    run_automatic(room.c, "2024-04-29T09:30:00+08:00", "2024-04-29T09:31:00+08:00");
    CHECK(room.recorder.calls.ends_with("split intro-bjast"));  // the next item still starts at its time
}

TEST_CASE("the item on tape cancelled by a reload records to its end and the next item follows at its time") {
    ReloadedMidItem room(edited([](Agenda& a) { std::erase_if(a.items, [](const AgendaItem& i) { return i.id == "address-wu"; }); }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:30:00+08:00");
    CHECK(room.recorder.calls == "start address-wu");
    CHECK(room.c.state() == SessionController::State::Recording);
    run_automatic(room.c, "2024-04-29T09:30:00+08:00", "2024-04-29T09:31:00+08:00");
    CHECK(room.recorder.calls == "start address-wu, split intro-bjast");
    REQUIRE(room.c.live().run_of("intro-bjast") != nullptr);
    CHECK(room.c.live().run_of("intro-bjast")->started == at("2024-04-29T09:30:00+08:00"));
}

TEST_CASE("the item on tape under a new id after a reload is not split, and the next item still is at its time") {
    ReloadedMidItem room(edited([](Agenda& a) {
        item_of(a, "address-wu").id = "address-wu-v2";
        item_of(a, "address-wu-v2").title = "Address (retitled)";
    }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:31:00+08:00");
    CHECK(room.recorder.calls == "start address-wu, split intro-bjast");
    REQUIRE(room.c.live().run_of("intro-bjast") != nullptr);
    CHECK(room.c.live().run_of("intro-bjast")->started == at("2024-04-29T09:30:00+08:00"));
}

TEST_CASE("the item on tape moved to another room by a reload keeps recording here until the next item") {
    ReloadedMidItem room(edited([](Agenda& a) {
        a.rooms.push_back(Room{"annex", "Annex"});
        item_of(a, "address-wu").room_id = "annex";
    }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:30:00+08:00");
    CHECK(room.recorder.calls == "start address-wu");
    run_automatic(room.c, "2024-04-29T09:30:00+08:00", "2024-04-29T09:31:00+08:00");
    CHECK(room.recorder.calls == "start address-wu, split intro-bjast");
}

TEST_CASE("the item on tape ending earlier after a reload is not cut: it records to the end it began with") {
    ReloadedMidItem room(edited([](Agenda& a) { item_of(a, "address-wu").end = at("2024-04-29T09:12:00+08:00"); }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:30:00+08:00");
    CHECK(room.recorder.calls == "start address-wu");
    run_automatic(room.c, "2024-04-29T09:30:00+08:00", "2024-04-29T09:31:00+08:00");
    CHECK(room.recorder.calls.ends_with("split intro-bjast"));
}

TEST_CASE("an unattended room starts a next item moved later at its new time, not the old") {
    ReloadedMidItem room(edited([](Agenda& a) {
        item_of(a, "intro-bjast").start = at("2024-04-29T09:40:00+08:00");
        item_of(a, "intro-bjast").end = at("2024-04-29T09:50:00+08:00");
    }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:45:00+08:00");
    CHECK(room.recorder.calls == "start address-wu, stop, start intro-bjast");
    REQUIRE(room.c.live().run_of("address-wu") != nullptr);
    CHECK(room.c.live().run_of("address-wu")->ended == at("2024-04-29T09:31:00+08:00"));
    REQUIRE(room.c.live().run_of("intro-bjast") != nullptr);
    CHECK(room.c.live().run_of("intro-bjast")->started == at("2024-04-29T09:39:00+08:00"));
}

TEST_CASE("an unattended room splits to a next item moved earlier at its new time, not the old") {
    ReloadedMidItem room(edited([](Agenda& a) {
        item_of(a, "address-wu").end = at("2024-04-29T09:25:00+08:00");
        item_of(a, "intro-bjast").start = at("2024-04-29T09:25:00+08:00");
    }));
    run_automatic(room.c, "2024-04-29T09:15:00+08:00", "2024-04-29T09:35:00+08:00");
    CHECK(room.recorder.calls == "start address-wu, split intro-bjast");
    REQUIRE(room.c.live().run_of("intro-bjast") != nullptr);
    CHECK(room.c.live().run_of("intro-bjast")->started == at("2024-04-29T09:25:00+08:00"));
}

TEST_CASE("next speaker after the item on tape got a new id goes to the item after it, not to itself") {
    CallLog recorder;
    SessionController c(std::make_shared<const Agenda>(demo_agenda()), "hall", recorder);
    REQUIRE_FALSE(c.apply({CommandKind::Start, "address-wu"}, at("2024-04-29T09:11:00+08:00")));
    c.set_agenda(edited([](Agenda& a) { item_of(a, "address-wu").id = "address-wu-v2"; }));
    REQUIRE_FALSE(c.apply({CommandKind::NextSpeaker}, at("2024-04-29T09:25:00+08:00")));
    CHECK(recorder.calls == "start address-wu, split intro-bjast");
}
