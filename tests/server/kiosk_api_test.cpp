// The kiosk with a screen (under Xvfb) serves the same API when [web] listen is set: its status, and
// remote commands that go through the console's SessionController on the frame thread.
#include "http_client.h"
#include "station_process.h"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using namespace lectern::test;

TEST_CASE("a kiosk on a display answers the status API, records on remote commands and finishes the file on SIGTERM") {
    XvfbDisplay display;
    StationOptions options;
    options.args = {};  // fullscreen, as in a room: it ignores a window close, not SIGTERM
    options.kiosk_id = "lobby-kiosk";
    options.env = {{"DISPLAY", display.name}};
    StationProcess kiosk(options);

    // An idle lobby opens no recorder until something needs it: idle, not an error.
    // Served before the first frame published anything: "starting" until then.
    REQUIRE(wait_until([&] { return kiosk.status()["state"] != "starting"; }, 20s));
    auto s = kiosk.status();
    CHECK(s["kiosk_id"] == "lobby-kiosk");
    CHECK(s["state"] == "idle");
    CHECK(s["current_item"]["id"].is_string());
    CHECK(curl(kiosk.port, "/metrics").body.find("lectern_build_info") != std::string::npos);

    CHECK(control(kiosk.port, "stop").status == 409);  // nothing to stop: refused with the reason
    // The first start opens the recorder (off the frame thread); until it is open, start says so.
    REQUIRE(wait_until([&] { return control(kiosk.port, "start").status == 200; }, 30s));
    REQUIRE(wait_until([&] { return kiosk.status()["state"] == "recording"; }, 30s));
    CHECK(control(kiosk.port, "start").body.find("Already recording") != std::string::npos);
    CHECK(control(kiosk.port, "stop").status == 200);
    CHECK(wait_until([&] { return kiosk.status()["state"] == "idle"; }, 10s));
    CHECK(wait_until([&] { return count_files(kiosk.dir / "rec", ".mp4") == 1; }, 30s));

    // systemd stops the kiosk with SIGTERM: the recording in progress is finished, then it exits.
    REQUIRE(wait_until([&] { return control(kiosk.port, "start").status == 200; }, 30s));
    REQUIRE(wait_until([&] { return kiosk.status()["state"] == "recording"; }, 30s));
    CHECK(kiosk.terminate(60s) == 0);
    CHECK(count_files(kiosk.dir / "rec", ".mp4") == 2);
    CHECK(count_files(kiosk.dir / "rec", ".recording.mp4") == 0);

    const std::string log = kiosk.log();
    CHECK(log.find("remote stop from api 127.0.0.1 refused: Not recording.") != std::string::npos);
    CHECK(log.find("remote start from api 127.0.0.1 done") != std::string::npos);
    CHECK(log.find("desk-token") == std::string::npos);
}
