// The session controller drives the real recorder: one file per speech, named and described from
// the agenda, the technician's corrections included.
#include "agenda_file.h"
#include "local_time.h"
#include "media_test_support.h"
#include "recorder_control.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>


using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("the session controller records the demo agenda one file per speech") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    Recorder recorder(test::small_config(test::fresh_dir("controller")));
    REQUIRE(recorder.open());
    MediaRecorderControl control(recorder, "hall-kiosk", agenda->event.time_zone);
    SessionController session(agenda, "hall", control);

    CHECK_FALSE(session.apply({CommandKind::Start, "", "", {}}, *parse_rfc3339("2024-04-29T09:11:00+08:00")));
    session.apply({CommandKind::Correct, "intro-bjast", "", {"", "", "slides arrived late"}},
                  *parse_rfc3339("2024-04-29T09:12:00+08:00"));
    REQUIRE(session.plan_for(agenda->items[2]).note == "slides arrived late");  // the correction is taken
    test::wait_for_frames(recorder, 30);
    CHECK_FALSE(session.apply({CommandKind::NextSpeaker, "", "", {}}, *parse_rfc3339("2024-04-29T09:31:00+08:00")));
    test::wait_for_frames(recorder, 60);
    CHECK_FALSE(session.apply({CommandKind::Stop, "", "", {}}, *parse_rfc3339("2024-04-29T09:52:00+08:00")));

    auto first = recorder.wait_finished(20s);
    auto second = recorder.wait_finished(20s);
    REQUIRE(first);
    REQUIRE(second);
    auto a = nlohmann::json::parse(test::read_text(first->sidecar_path));
    auto b = nlohmann::json::parse(test::read_text(second->sidecar_path));
    CHECK(a["item_id"] == "address-wu");
    CHECK(a["speakers"][0]["native_name"] == "伍建民");
    CHECK(a["kiosk_id"] == "hall-kiosk");
    CHECK(a["scheduled_start"] == "2024-04-29T09:10:00+08:00");
    CHECK(b["item_id"] == "intro-bjast");
    CHECK(b["note"] == "slides arrived late");
    CHECK(b["frames"]["first"] == a["frames"]["first"].get<int64_t>() + a["frames"]["count"].get<int64_t>());
    CHECK(first->media_path.find("_Wu Jianmin.mp4") != std::string::npos);
}

TEST_CASE("a recorder that cannot start tells the session controller why") {
    auto agenda = std::make_shared<const Agenda>(demo_agenda());
    Recorder recorder(test::small_config(test::fresh_dir("not-open")));  // never opened
    MediaRecorderControl control(recorder, "k", "UTC");
    SessionController session(agenda, "hall", control);
    auto error = session.apply({CommandKind::Start, "", "", {}}, *parse_rfc3339("2024-04-29T09:11:00+08:00"));
    REQUIRE(error);
    CHECK(error->find("not open") != std::string::npos);
}
