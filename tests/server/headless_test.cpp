// `lectern run --headless` as a real process: it follows the demo agenda (which starts now), serves
// the API, obeys remote control, and finishes the file on SIGTERM.
#include "http_client.h"
#include "station_process.h"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using namespace lectern::test;

TEST_CASE("the headless recorder records the agenda's current item, splits on request and finishes on SIGTERM") {
    StationProcess room;  // no systemd here: nothing would read its notifications
    REQUIRE(wait_until([&] { auto s = room.status(); return !s.empty() && s["state"] == "recording"; }, 60s));
    auto s = room.status();
    CHECK(s["current_item"]["id"].is_string());
    CHECK(s["kiosk_id"] == "rack-test");
    CHECK(curl(room.port, "/api/v1/control/next", "-d ''").status == 401);
    auto next = curl(room.port, "/api/v1/control/next", "-d '' -H 'Authorization: Bearer desk-token'");
    CHECK(next.status == 200);
    REQUIRE(wait_until([&] { return room.status()["recording"]["segment"] == 2; }, 30s));
    CHECK(room.terminate(60s) == 0);
    CHECK(count_files(room.dir / "rec", ".mp4") == 2);
    CHECK(count_files(room.dir / "rec", ".recording.mp4") == 0);
    CHECK(room.log().find("desk-token") == std::string::npos);
}
