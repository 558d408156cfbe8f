// What goes wrong in normal life is reported with what, where and the fix, and exits non-zero.
#include "media_test_support.h"
#include "commands.h"
#include "recorder.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <fstream>

using namespace lectern;

using test::open_error;

TEST_CASE("a missing camera names the device and what to check") {
    MediaConfig c = test::small_config(test::fresh_dir("nocam"));
    c.source = "v4l2";
    c.device = "/dev/video9";
    std::string e = open_error(c);
    CHECK(e.find("camera /dev/video9: cannot open") == 0);
    CHECK(e.find("No such file or directory") != std::string::npos);
    CHECK(e.find("lectern devices") != std::string::npos);
}

TEST_CASE("an RTSP address where nothing listens names the address and what to check") {
    MediaConfig c = test::small_config(test::fresh_dir("rtsp"));
    c.source = "rtsp";
    c.url = "rtsp://127.0.0.1:1/x";
    c.rtsp_timeout_seconds = 2;
    std::string e = open_error(c);
    CHECK(e.find("RTSP camera rtsp://127.0.0.1:1/x: cannot open") == 0);
    CHECK(e.find("Connection refused") != std::string::npos);
    CHECK(e.find("check the camera's address") != std::string::npos);
}

TEST_CASE("an unwritable output folder names the folder and the setting") {
    // Under a regular file no folder can be made, even for root.
    std::string dir = test::fresh_dir("unwritable");
    std::ofstream(dir + "/file") << "x";
    std::string e = open_error(test::small_config(dir + "/file/recordings"));
    CHECK(e.find("output folder " + dir + "/file/recordings") == 0);
    CHECK(e.find("[media] output_dir or --out") != std::string::npos);
}

TEST_CASE("lectern record exits non-zero with the reason on standard error") {
    std::string dir = test::fresh_dir("record-errors");
    std::ofstream(dir + "/file") << "x";
    std::string bin = LECTERN_BIN_DIR + "/" LECTERN_RECORD_EXE_NAME " record";
    std::string out = test::run(bin + " --out " + dir + "/file/x --duration 1s 2>&1; echo rc=$?");
    CHECK(out.find("lectern record: output folder " + dir + "/file/x") == 0);
    CHECK(out.find("rc=1") != std::string::npos);

    std::ofstream(dir + "/rtsp.toml") << "[media]\nsource = \"rtsp\"\nurl = \"rtsp://127.0.0.1:1/x\"\n";
    out = test::run(bin + " --config " + dir + "/rtsp.toml --out " + dir + " 2>&1; echo rc=$?");
    CHECK(out.find("lectern record: RTSP camera rtsp://127.0.0.1:1/x: cannot open") != std::string::npos);
    CHECK(out.find("rc=1") != std::string::npos);

    out = test::run(bin + " --duration soon 2>&1; echo rc=$?");
    CHECK(out.find("--duration \"soon\" is not a duration") != std::string::npos);
    CHECK(out.find("rc=2") != std::string::npos);
}

TEST_CASE("a missing sound card and a missing X display are named with what to check") {
    MediaConfig c = test::small_config(test::fresh_dir("nosound"));
    c.audio_source = "alsa";
    c.audio_device = "hw:9,0";
    std::string e = open_error(c);
    CHECK(e.find("ALSA device hw:9,0: cannot open") == 0);
    CHECK(e.find("audio_device") != std::string::npos);

    c = test::small_config(test::fresh_dir("nodisplay"));
    c.source = "x11grab";
    c.display = ":97";
    e = open_error(c);
    CHECK(e.find("X11 display :97: cannot open") == 0);
    CHECK(e.find("[media] display") != std::string::npos);
}
