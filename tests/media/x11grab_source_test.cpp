// The slide laptop: an X display (Xvfb, started by the test) showing a known picture is recorded
// with x11grab, fitted into the recording with black bars; when the display goes away the file
// goes on with the NO SIGNAL slate and an alert, and is kept and playable.
#include "media_test_support.h"
#include "real_sources.h"
#include "recorder.h"
#include "source_clock.h"
#include "source_probe.h"
#include "sources/source.h"

#include <doctest/doctest.h>

extern "C" {
#include <libavdevice/avdevice.h>
}

#include <chrono>
#include <csignal>
#include <optional>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

namespace {
MediaConfig recording_of(const test::XvfbPicture& screen, const std::string& dir) {
    MediaConfig c = test::small_config(dir + "/rec");
    c.source = "x11grab";
    c.display = screen.display;
    return c;
}
}  // namespace

TEST_CASE("an X display's picture is recorded as shown, and the file is kept with slate after the display goes away") {
    std::string dir = test::fresh_dir("x11grab");
    // A 16:9 slide: its left half blue 0x2040c0 (luma about 75), its right half light grey (about 208).
    const std::string slide = dir + "/slide.png";
    test::run("convert -size 320x360 xc:'#2040c0' -size 320x360 xc:'#e0e0e0' +append '" + slide + "'");
    test::XvfbPicture screen(dir, "640x360", slide);
    MediaConfig c = recording_of(screen, dir);
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("slides")));
    auto s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 60; }, 30);
    REQUIRE(s.frames_recorded >= 60);
    CHECK(s.source_ok);

    screen.process->kill();
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.slate_frames >= 45; }, 30);
    CHECK(test::has_alert(s, "no signal"));
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return test::has_alert(s, "X11 display " ); }, 30);
    CHECK(test::has_alert(s, "X11 display " + screen.display));
    const int64_t in_slate = s.frames_recorded - 10;
    recorder.stop();
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.state == RecorderState::Idle; }, 10);
    CHECK(s.state == RecorderState::Idle);
    CHECK(test::decodes_cleanly(done->media_path));
    CHECK(test::duration_of(done->media_path) == doctest::Approx(s.frames_recorded / 30.0).epsilon(0.05));

    // The slide in a 4:3 recording: 320x180 between black bars 30 rows high; the pointer (drawn
    // in the middle of the screen) is left out of the measured areas.
    const int w = 320, h = 240;
    std::string picture = test::luma_at(done->media_path, 1.0, w, h);
    REQUIRE(picture.size() == w * h);
    CHECK(test::mean_luma(picture, w, 0, 2, w, 26) < 24);
    CHECK(test::mean_luma(picture, w, 0, 214, w, 238) < 24);
    CHECK(test::mean_luma(picture, w, 16, 50, 120, 190) == doctest::Approx(75).epsilon(0.1));
    CHECK(test::mean_luma(picture, w, 200, 50, 304, 190) == doctest::Approx(208).epsilon(0.1));
    // Then the NO SIGNAL slate.
    std::string slate = test::luma_at(done->media_path, in_slate / 30.0, w, h);
    REQUIRE(slate.size() == w * h);
    CHECK(test::bright_share(slate, w, 80, 102, 240, 122) > 0.25);
}

// libxcb waits for the X server's answers without looking at FFmpeg's interrupt callback, so a
// hung X server (here: stopped) held open() for ever in x11grab's connection. open() now gives up
// within the device sources' limit, naming the display; a retry while the first try still waits
// neither waits nor starts another one.
TEST_CASE("open() gives up within a bounded time, naming the display, when the X server does not answer") {
    std::string dir = test::fresh_dir("x11grab-hung");
    test::run("convert -size 64x36 xc:'#2040c0' '" + dir + "/blue.png'");
    test::XvfbPicture screen(dir, "640x360", dir + "/blue.png");
    auto recorder = std::make_unique<Recorder>(recording_of(screen, dir));
    screen.process->signal(SIGSTOP);
    for (int attempt = 0; attempt < 2; ++attempt) {
        CAPTURE(attempt);
        auto failed = test::failed_open_within(recorder, 30);
        if (!failed) {
            screen.process->kill();  // the open() left waiting then fails, and ends
            FAIL("open() had not returned after 30 s");
        }
        CAPTURE(failed->why);
        CHECK(failed->why.find("X11 display " + screen.display) != std::string::npos);
        CHECK(failed->why.find(attempt == 0 ? "did not answer within" : "an earlier try still waits") != std::string::npos);
        CHECK(failed->why.find("X server on " + screen.display) != std::string::npos);  // the fix: restart it
        CHECK(failed->why.find("restart it") != std::string::npos);
        CHECK(failed->seconds < 12);
    }
    // The try left waiting ends once the server is gone (its connection closes), and the display
    // is tried again: refused at once for want of a server, no longer because a try still waits.
    screen.process->kill();
    const auto end = std::chrono::steady_clock::now() + 30s;
    std::optional<test::FailedOpen> again;
    while ((again = test::failed_open_within(recorder, 30)) && again->why.find("still waits") != std::string::npos &&
           std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(100ms);
    REQUIRE(again);
    CAPTURE(again->why);
    CHECK(again->why.find("X11 display " + screen.display + ": cannot open") != std::string::npos);
}

// A probe told to stop was left running at once: the recorder's capture thread returned while the
// probe's xcb_connect went on, and when the process exited then, libXau's atexit handler freed the
// buffer the probe was writing (TSan, media_source_tests, the display test above). A stopped probe
// of a source that answers (here: refuses, for want of a server) ends before probe_on_thread returns.
TEST_CASE("a probe stopped while it opens an X display has ended when probe_on_thread returns") {
    MediaConfig c = test::small_config(test::fresh_dir("x11grab-stop") + "/rec");
    c.display = ":97";  // no X server there: the connection is refused at once
    SourceSpec spec = x11grab_source(c);
    avdevice_register_all();
    const AVInputFormat* format = av_find_input_format("x11grab");
    REQUIRE(format);
    const std::atomic<bool> stop{true};
    ProbeOutcome out = probe_on_thread(spec, format, SourceClock::steady_now() + 10, stop);
    CHECK_FALSE(out.input);
    CHECK(probes_running() == 0);
}
