// The controller drives the recorder through a room's items; a recorder double that only records
// the calls stands in for FFmpeg here (the real pipeline is tested in tests/media).
#include "agenda_file.h"
#include "local_time.h"
#include "session_controller.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace lectern;

namespace {

TimePoint at(const char* t) { return *parse_rfc3339(t); }

struct CallLog final : RecorderControl {
    std::vector<std::string> calls;
    bool refuse_start = false;
    void start(const RecordingPlan& p) override {
        if (refuse_start) throw std::runtime_error("camera disconnected: /dev/video0");
        calls.push_back("start " + p.item_id);
    }
    void stop() override { calls.push_back("stop"); }
    void pause() override { calls.push_back("pause"); }
    void resume() override { calls.push_back("resume"); }
    void split(const RecordingPlan& p) override { calls.push_back("split " + p.item_id + " \"" + p.title + "\""); }
    void correct(const RecordingPlan& p) override {
        calls.push_back("correct " + p.item_id + " \"" + p.title + "\" " + (p.speakers.empty() ? "" : p.speakers[0].name));
    }
};

}  // namespace

TEST_CASE("start, three next speakers and stop record four items in agenda order") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    CallLog recorder;
    SessionController c(agenda, "hall", recorder);
    CHECK_FALSE(c.apply({CommandKind::Start}, at("2024-04-29T09:11:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::Correct, "intro-kitech", "", {"Cooperation with KITECH", "", ""}}, at("2024-04-29T09:12:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::NextSpeaker}, at("2024-04-29T09:31:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::NextSpeaker}, at("2024-04-29T09:52:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::NextSpeaker}, at("2024-04-29T10:06:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::Stop}, at("2024-04-29T10:19:00+08:00")));
    CHECK(recorder.calls == std::vector<std::string>{"start address-wu", "split intro-bjast \"" + agenda->items[2].title + "\"",
                                                     "split intro-kitech \"Cooperation with KITECH\"",
                                                     "split intro-oxentia \"" + agenda->items[4].title + "\"", "stop"});
    CHECK(c.recordings_made() == 4);
    CHECK(c.live().run_of("intro-bjast")->started == at("2024-04-29T09:31:00+08:00"));
    CHECK(c.live().run_of("intro-bjast")->ended == at("2024-04-29T09:52:00+08:00"));
    CHECK(c.state() == SessionController::State::Idle);
}

TEST_CASE("a skipped item is passed over by next speaker, and the break is never recorded") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    CallLog recorder;
    SessionController c(agenda, "hall", recorder);
    c.apply({CommandKind::SkipItem, "intro-oxentia"}, at("2024-04-29T10:00:00+08:00"));
    c.apply({CommandKind::Start, "intro-kitech"}, at("2024-04-29T10:00:00+08:00"));
    c.apply({CommandKind::NextSpeaker}, at("2024-04-29T10:10:00+08:00"));
    c.apply({CommandKind::NextSpeaker}, at("2024-04-29T10:30:00+08:00"));
    CHECK(recorder.calls[1].rfind("split intro-iss", 0) == 0);
    CHECK(recorder.calls[2].rfind("split exchange", 0) == 0);
    const AgendaItem& exchange = agenda->items[7];
    REQUIRE(exchange.id == "exchange");
    CHECK(c.status_of(exchange, at("2024-04-29T10:30:00+08:00")) == ItemStatus::Recording);
    CHECK(c.status_of(agenda->items[4], at("2024-04-29T10:30:00+08:00")) == ItemStatus::Skipped);
}

TEST_CASE("a recorder that cannot start leaves the controller idle with the reason") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    CallLog recorder;
    recorder.refuse_start = true;
    SessionController c(agenda, "hall", recorder);
    auto error = c.apply({CommandKind::Start}, at("2024-04-29T09:11:00+08:00"));
    REQUIRE(error);
    CHECK(error->find("camera disconnected") != std::string::npos);
    CHECK(c.state() == SessionController::State::Idle);
}

TEST_CASE("an unattended room starts, splits at each item and stops after the last, with padding") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    CallLog recorder;
    SessionController c(agenda, "hall", recorder);
    for (TimePoint t = at("2024-04-29T08:50:00+08:00"); t < at("2024-04-29T12:10:00+08:00"); t += seconds{10})
        c.tick_automatic(t, minutes{2});
    REQUIRE(!recorder.calls.empty());
    CHECK(recorder.calls.front() == "start opening");
    CHECK(recorder.calls.back() == "stop");
    CHECK(c.recordings_made() == 8);  // nine items, less the tea break
    CHECK(c.live().run_of("opening")->started == at("2024-04-29T08:58:00+08:00"));
    CHECK(c.live().run_of("address-wu")->started == at("2024-04-29T09:10:00+08:00"));
}

TEST_CASE("the stage message is not a recording action") {
    CHECK_FALSE(is_recording_command(CommandKind::SetStageMessage));
    CHECK(is_recording_command(CommandKind::NextSpeaker));
}

TEST_CASE("a split undone within its window joins the files back under the earlier item") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    struct Joins final : RecorderControl {
        std::vector<std::string> calls;
        void start(const RecordingPlan& p) override { calls.push_back("start " + p.item_id); }
        void stop() override { calls.push_back("stop"); }
        void pause() override {}
        void resume() override {}
        void split(const RecordingPlan& p) override { calls.push_back("split " + p.item_id); }
        void merge_back() override { calls.push_back("merge back"); }
    } recorder;
    SessionController c(agenda, "hall", recorder);
    c.apply({CommandKind::Start}, at("2024-04-29T09:11:00+08:00"));
    c.apply({CommandKind::NextSpeaker}, at("2024-04-29T09:20:00+08:00"));  // pressed too early
    CHECK(c.undo_split_left(at("2024-04-29T09:20:10+08:00")) == seconds{5});
    CHECK_FALSE(c.apply({CommandKind::UndoSplit}, at("2024-04-29T09:20:10+08:00")));
    CHECK(c.live().current_item == "address-wu");
    CHECK_FALSE(c.live().run_of("address-wu")->ended.has_value());
    CHECK(c.live().run_of("intro-bjast") == nullptr);
    CHECK(c.recordings_made() == 1);
    CHECK(c.undo_split_left(at("2024-04-29T09:20:11+08:00")) == seconds{0});  // once only
    // The real split later goes to the same next item.
    c.apply({CommandKind::NextSpeaker}, at("2024-04-29T09:31:00+08:00"));
    CHECK(recorder.calls == std::vector<std::string>{"start address-wu", "split intro-bjast", "merge back", "split intro-bjast"});
    // Too late to undo after the window.
    auto late = c.apply({CommandKind::UndoSplit}, at("2024-04-29T09:31:16+08:00"));
    REQUIRE(late);
    CHECK(late->find("15 s") != std::string::npos);
}

namespace {

// A recorder that can stop by itself (a full disk, an encoder failure) and refuse to start again.
struct StoppingRecorder final : RecorderControl {
    bool recording = false, broken = false;
    void start(const RecordingPlan&) override { recording = !broken; }
    void stop() override { recording = false; }
    void pause() override {}
    void resume() override {}
    void split(const RecordingPlan&) override {}
    // The media recorder answers this from its status snapshot (commands applied in the background).
    RecorderActivity activity() const override { return recording ? RecorderActivity::Recording : RecorderActivity::Stopped; }
};

}  // namespace

TEST_CASE("an unattended room whose recorder stopped by itself marks no later item recorded") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    StoppingRecorder recorder;
    SessionController c(agenda, "hall", recorder);
    c.tick_automatic(at("2024-04-29T09:10:00+08:00"), seconds{0});
    REQUIRE(recorder.recording);
    c.tick_automatic(at("2024-04-29T09:11:00+08:00"), seconds{0});  // a minute on tape
    recorder.recording = false;  // the disk filled up: the recorder stopped cleanly
    recorder.broken = true;      // and refuses every start from now on
    for (const char* t : {"2024-04-29T09:15:00+08:00", "2024-04-29T09:30:00+08:00", "2024-04-29T09:31:00+08:00",
                          "2024-04-29T09:45:00+08:00", "2024-04-29T09:50:00+08:00"})
        c.tick_automatic(at(t), seconds{0});
    const AgendaItem& wu = agenda->items[1];
    const AgendaItem& bjast = agenda->items[2];
    REQUIRE(wu.id == "address-wu");
    REQUIRE(bjast.id == "intro-bjast");
    CHECK(c.status_of(wu, at("2024-04-29T09:50:00+08:00")) == ItemStatus::Recorded);  // its file exists, cut short
    CHECK(c.status_of(bjast, at("2024-04-29T09:50:00+08:00")) != ItemStatus::Recorded);
    CHECK(c.status_of(bjast, at("2024-04-29T09:50:00+08:00")) != ItemStatus::Recording);
    CHECK(c.state() == SessionController::State::Idle);
    CHECK(c.recordings_made() == 1);
}

TEST_CASE("a correction of the item being recorded and of one recorded before reaches the recorder, one of a later item only its plan") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    CallLog recorder;
    SessionController c(agenda, "hall", recorder);
    c.apply({CommandKind::Start}, at("2024-04-29T09:11:00+08:00"));                 // address-wu
    c.apply({CommandKind::NextSpeaker}, at("2024-04-29T09:31:00+08:00"));           // intro-bjast
    CHECK_FALSE(c.apply({CommandKind::Correct, "intro-bjast", "", {"Now: BJAST", "Ada Example", ""}}, at("2024-04-29T09:32:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::Correct, "address-wu", "", {"Before: the address", "", ""}}, at("2024-04-29T09:33:00+08:00")));
    CHECK_FALSE(c.apply({CommandKind::Correct, "intro-kitech", "", {"Later: KITECH", "", ""}}, at("2024-04-29T09:34:00+08:00")));
    CHECK(recorder.calls == std::vector<std::string>{"start address-wu", "split intro-bjast \"" + agenda->items[2].title + "\"",
                                                     "correct intro-bjast \"Now: BJAST\" Ada Example",
                                                     "correct address-wu \"Before: the address\" Wu Jianmin"});
}
