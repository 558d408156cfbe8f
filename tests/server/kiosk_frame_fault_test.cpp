// Issue 12 item 10: an exception in a frame of the live kiosk (drawing, or acting on what was drawn)
// must not end the process: the frame is abandoned, the failure logged and shown on the console,
// and the recording in progress goes on and is finished as usual. The fault is injected by the
// kiosk's test hook: while the file LECTERN_INJECT_FRAME_FAULT names exists, every frame's drawing throws.
#include "http_client.h"
#include "station_process.h"

#include <doctest/doctest.h>

#include <signal.h>

#include <fstream>

using namespace std::chrono_literals;
using namespace lectern::test;

TEST_CASE("frames that throw while the kiosk records are abandoned and reported; the kiosk, its API and the recording go on") {
    XvfbDisplay display;
    const std::filesystem::path fault = std::filesystem::temp_directory_path() / ("lectern-frame-fault-" + std::to_string(getpid()));
    std::filesystem::remove(fault);
    StationOptions options;
    options.args = {"--windowed"};
    options.kiosk_id = "faulty-kiosk";
    options.env = {{"DISPLAY", display.name}, {"LECTERN_INJECT_FRAME_FAULT", fault.string()}};
    StationProcess kiosk(options);

    REQUIRE(wait_until([&] { return kiosk.status()["state"] != "starting"; }, 20s));
    REQUIRE(wait_until([&] { return control(kiosk.port, "start").status == 200; }, 30s));
    REQUIRE(wait_until([&] { return kiosk.status()["state"] == "recording"; }, 30s));

    std::ofstream(fault) << "fail\n";  // from now on every frame's drawing throws
    REQUIRE(wait_until([&] { return kiosk.log().find("a frame failed (draw: fault injected by") != std::string::npos; }, 20s));
    // Several frames fail (the console redraws the live picture many times a second), yet the
    // process lives, the API answers and commands still reach the recorder.
    REQUIRE(wait_until([&] { return kiosk.status()["recording"]["elapsed_seconds"].get<double>() >= 2.0; }, 20s));
    CHECK(kill(kiosk.pid, 0) == 0);
    CHECK(kiosk.status()["state"] == "recording");
    CHECK(control(kiosk.port, "stop").status == 200);
    CHECK(wait_until([&] { return kiosk.status()["state"] == "idle"; }, 20s));
    CHECK(wait_until([&] { return count_files(kiosk.dir / "rec", ".mp4") == 1; }, 30s));
    CHECK(count_files(kiosk.dir / "rec", ".recording.mp4") == 0);

    // The failures were logged once, not once per frame.
    const std::string log = kiosk.log();
    size_t lines = 0;
    for (size_t at = log.find("a frame failed"); at != std::string::npos; at = log.find("a frame failed", at + 1)) ++lines;
    CHECK(lines == 1);

    std::filesystem::remove(fault);  // drawing works again; SIGTERM still ends it cleanly
    CHECK(kiosk.terminate(60s) == 0);
}
