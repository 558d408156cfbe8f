// An RTSP camera (GStreamer's RTSP server on 127.0.0.1, started by the test) is recorded with its
// picture and its tone; when the server is killed mid-speech the file goes on with the NO SIGNAL
// slate and silence, the capture thread retries with growing waits, and when the server is back
// the same file continues with the camera's picture and tone.
#include "capture_input.h"
#include "media_test_support.h"
#include "real_sources.h"
#include "recorder.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("an RTSP camera is recorded with its picture and tone, and the same file goes on after the server is killed") {
    std::string dir = test::fresh_dir("rtsp");
    test::RtspCamera camera(dir);
    MediaConfig c = test::small_config(dir + "/rec");
    c.source = "rtsp";
    c.url = camera.url;
    c.rtsp_timeout_seconds = 2;
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("camera")));
    auto s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 60; }, 30);
    REQUIRE(s.frames_recorded >= 60);
    const int64_t before_loss = s.frames_recorded;

    camera.process->kill();
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.slate_frames >= 30; }, 30);
    CHECK(test::has_alert(s, "no signal"));
    const int64_t in_slate = s.frames_recorded - 10;  // a frame well inside the slate
    // The reconnection waits grow (1 s, 2 s, ...): wait for the second try before the camera returns.
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return test::has_alert(s, "trying again in 2 s"); }, 30);
    CHECK(test::has_alert(s, "trying again in 2 s"));
    CHECK(test::has_alert(s, "RTSP camera rtsp://127.0.0.1:"));
    const int64_t slate_before_return = s.slate_frames;

    camera.process->restart();
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.source_ok; }, 40);
    REQUIRE(s.source_ok);
    const int64_t back = s.frames_recorded;
    test::wait_for(recorder, [&](const RecorderStatus& s) { return s.frames_recorded >= back + 75; }, 30);
    recorder.stop();
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    CHECK_FALSE(recorder.wait_finished(1s));  // one file: the same file went on
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.state == RecorderState::Idle; }, 10);
    CHECK(s.slate_frames >= slate_before_return);
    CHECK(s.slate_frames < s.frames_recorded - before_loss);

    const int w = 320, h = 240;
    // The camera's picture: a solid 0x2040c0 (luma about 75) before the loss and after the return.
    for (double t : {1.0, (s.frames_recorded - 20) / 30.0}) {
        CAPTURE(t);
        std::string picture = test::luma_at(done->media_path, t, w, h);
        REQUIRE(picture.size() == w * h);
        CHECK(test::mean_luma(picture, w, 0, 0, w, h) == doctest::Approx(75).epsilon(0.15));
        CHECK(test::bright_share(picture, w, 0, 0, w, h) == 0);
        test::Tone tone = test::tone_of(done->media_path, t - 0.5, 0.5);
        CHECK(tone.frequency == doctest::Approx(1000).epsilon(0.02));
        CHECK(tone.rms == doctest::Approx(0.5 / std::sqrt(2.0)).epsilon(0.2));
    }
    // In between: the NO SIGNAL slate and silence.
    std::string slate = test::luma_at(done->media_path, in_slate / 30.0, w, h);
    REQUIRE(slate.size() == w * h);
    CHECK(test::bright_share(slate, w, 80, 102, 240, 122) > 0.25);
    CHECK(test::tone_of(done->media_path, in_slate / 30.0 - 0.5, 0.5).rms < 0.01);
    CHECK(test::decodes_cleanly(done->media_path));
}

TEST_CASE("an RTSP camera's first second, held while its stream is probed, is recorded without dropped frames") {
    std::string dir = test::fresh_dir("rtsp-start");
    test::RtspCamera camera(dir);
    MediaConfig c = test::small_config(dir + "/rec");
    c.source = "rtsp";
    c.url = camera.url;
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("camera")));
    auto s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 120; }, 40);
    REQUIRE(s.frames_recorded >= 120);
    CAPTURE(s.duplicated_frames);
    // The frames that waited in the network buffer while the stream was probed (1.2 s) are held
    // until the backlog is read and then come in one burst: larger than the one-second capture
    // queue, 20 to 35 of them were dropped (and filled by repeating the one before).
    CHECK(s.dropped_frames <= 2);
    recorder.stop();
    REQUIRE(recorder.wait_finished(30s));
}

// A camera that takes the connection and then sends nothing held open() for ever: the stream's
// probe waited for a first picture. The kiosk's and the headless recorder's opener retries a failed
// open() every 10 s, as for a camera that refuses the connection.
TEST_CASE("open() gives up within a bounded time, naming the camera, when an RTSP camera answers but sends no picture") {
    for (bool mute : {false, true}) {
        CAPTURE(mute);
        std::string dir = test::fresh_dir(mute ? "rtsp-mute" : "rtsp-no-media");
        test::SilentRtspCamera camera(dir, mute);
        MediaConfig c = test::small_config(dir + "/rec");
        c.source = "rtsp";
        c.url = camera.url;
        c.rtsp_timeout_seconds = 2;
        auto recorder = std::make_unique<Recorder>(c);
        auto failed = test::failed_open_within(recorder, 30);
        REQUIRE(failed);
        CAPTURE(failed->why);
        CHECK(failed->why.find("RTSP camera " + camera.url) != std::string::npos);
        CHECK(failed->why.find(mute ? "did not answer" : "sent no picture") != std::string::npos);
        CHECK(failed->why.find("ffplay") != std::string::npos);  // the fix: try the address in a player
        CHECK(failed->seconds < 12);
    }
}

// FFmpeg's H.264 parser hands out the stream's first access unit twice when the camera's first
// packets carry its parameter sets apart (two pictures with the same timestamp). Both went to the
// encoder, which numbers pictures as they come: every later picture was a frame late in the file,
// and a separate microphone's sound led by one frame more (BENCHMARKS.md, RTSP + PulseAudio).
TEST_CASE("an RTSP camera's pictures are handed on once each, in the order of their timestamps") {
    std::string dir = test::fresh_dir("rtsp-once");
    std::filesystem::create_directories(dir + "/pulse");
    // The sync pattern's camera (its beeps go to a microphone, which it needs running).
    test::PulseTone microphone(dir + "/pulse", 0);
    test::RtspCamera camera(dir, microphone.microphone_fifo);
    MediaConfig c = test::small_config(dir + "/rec");
    c.source = "rtsp";
    c.url = camera.url;
    c.audio_source = "pulse";
    c.audio_device = "microphone";
    setenv("PULSE_SERVER", microphone.server.c_str(), 1);
    setenv("PULSE_CLIENTCONFIG", "/dev/null", 1);
    std::atomic<bool> stop{false};
    const CaptureFormat format{c.width, c.height, c.fps, c.sample_rate, c.channels};
    CaptureInput input(video_source_spec(c), format, stop);
    REQUIRE(input.open());
    // As the recorder does: the camera's stream waits in its buffer while the microphone opens.
    CaptureInput sound(*audio_source_spec(c), format, stop);
    REQUIRE(sound.open());
    unsetenv("PULSE_SERVER");
    std::vector<double> times;
    av::FramePtr frame;
    for (int reads = 0; times.size() < 60 && reads < 2000; ++reads) {
        const CaptureInput::Read got = input.read(frame);
        REQUIRE(got != CaptureInput::Read::Failed);
        if (got == CaptureInput::Read::Video) times.push_back(input.last_video_time());
    }
    REQUIRE(times.size() == 60);
    for (size_t i = 1; i < times.size(); ++i) {
        CAPTURE(i);
        CAPTURE(times[i - 1]);
        CHECK(std::fabs(times[i] - times[i - 1] - 1.0 / 30) < 0.005);
    }
}
