// A PulseAudio microphone (a private daemon started by the test, its null sink's monitor carrying a
// 1 kHz tone at -12 dBFS) is recorded with the synthetic picture: the file's sound is that tone at
// that level. When the daemon is killed and started again mid-recording, the recorder says so,
// records silence meanwhile, and the same file goes on with the tone once the daemon is back.
// A Pulse source that stops sending (libavdevice's read waits for it without end) does not hold
// up close().
#include "media_test_support.h"
#include "real_sources.h"
#include "recorder.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

namespace {

double dbfs_peak(double rms) { return 20 * std::log10(rms * std::sqrt(2.0)); }

// A recording of the daemon's pipe source "microphone" with the synthetic picture.
MediaConfig microphone_config(const test::PulseTone& daemon, const std::string& dir) {
    setenv("PULSE_SERVER", daemon.server.c_str(), 1);
    setenv("PULSE_CLIENTCONFIG", "/dev/null", 1);
    MediaConfig c = test::small_config(dir + "/rec");
    c.audio_source = "pulse";
    c.audio_device = "microphone";
    return c;
}

}  // namespace

TEST_CASE("a PulseAudio tone is recorded at its frequency and level, and the same file goes on after the daemon restarts") {
    std::string dir = test::fresh_dir("pulse");
    test::PulseTone tone(dir);
    // libpulse finds the daemon through PULSE_SERVER, as a kiosk's session finds the user's daemon.
    setenv("PULSE_SERVER", tone.server.c_str(), 1);
    setenv("PULSE_CLIENTCONFIG", "/dev/null", 1);
    MediaConfig c = test::small_config(dir + "/rec");
    c.audio_source = "pulse";
    c.audio_device = "lectern.monitor";
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("microphone")));
    auto s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 90; }, 30);
    REQUIRE(s.frames_recorded >= 90);
    const int64_t lost_at = s.frames_recorded;

    tone.process->kill();
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return test::has_alert(s, "PulseAudio source lectern.monitor"); }, 30);
    CHECK(test::has_alert(s, "PulseAudio source lectern.monitor"));
    // The picture goes on while the sound is away (the sound is silence there, not slate).
    s = test::wait_for(recorder, [&](const RecorderStatus& s) { return s.frames_recorded >= lost_at + 45; }, 30);
    const int64_t in_gap = s.frames_recorded;

    tone.process->restart();
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return !test::has_alert(s, "PulseAudio"); }, 40);
    REQUIRE_FALSE(test::has_alert(s, "PulseAudio"));
    const int64_t back = s.frames_recorded;
    test::wait_for(recorder, [&](const RecorderStatus& s) { return s.frames_recorded >= back + 60; }, 30);
    recorder.stop();
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    CHECK_FALSE(recorder.wait_finished(1s));  // one file: the same file went on
    s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.state == RecorderState::Idle; }, 10);
    CHECK(s.slate_frames == 0);

    // The tone before the loss and after the return: 1 kHz, peak -12 dBFS (AAC keeps it within 1 dB).
    for (double t : {lost_at / 30.0 - 1.5, s.frames_recorded / 30.0 - 1.0}) {
        CAPTURE(t);
        test::Tone got = test::tone_of(done->media_path, t, 0.8);
        CHECK(got.frequency == doctest::Approx(1000).epsilon(0.02));
        CHECK(dbfs_peak(got.rms) == doctest::Approx(-12).epsilon(1.0 / 12));
    }
    // While the daemon was away: silence.
    CHECK(test::tone_of(done->media_path, in_gap / 30.0 - 0.5, 0.4).rms < 0.01);
    CHECK(test::decodes_cleanly(done->media_path));
    unsetenv("PULSE_SERVER");
}

TEST_CASE("close() returns within its bounded time and keeps the file when the PulseAudio source stops sending sound") {
    std::string dir = test::fresh_dir("pulse-silent");
    // Its "microphone" is a pipe source. Silence is written into it (10 ms every 10 ms) until the
    // recording runs, then nothing: Pulse sends the recorder no more packets, and libavdevice's read
    // waits for one without looking at the interrupt callback.
    test::PulseTone daemon(dir, 0);
    struct Feeder {
        std::atomic<bool> on{true};
        std::thread thread;
        void stop() {
            on = false;
            if (thread.joinable()) thread.join();
        }
        ~Feeder() { stop(); }
    } feeder;
    feeder.thread = std::thread([&feeder, fifo_path = daemon.microphone_fifo] {
        std::ofstream fifo(fifo_path, std::ios::binary);
        const std::string ten_ms(480 * 2 * 2, '\0');
        while (feeder.on) {
            fifo.write(ten_ms.data(), static_cast<std::streamsize>(ten_ms.size())).flush();
            std::this_thread::sleep_for(10ms);  // pacing, as a microphone sends
        }
    });
    auto recorder = std::make_unique<Recorder>(microphone_config(daemon, dir));
    REQUIRE(recorder->open());
    REQUIRE(recorder->start(test::sample_meta("silent microphone")));
    auto s = test::wait_for(*recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 15; }, 30);
    feeder.stop();
    s = test::wait_for(*recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 60; }, 30);
    REQUIRE(s.frames_recorded >= 60);
    recorder->stop();
    auto done = recorder->wait_finished(30s);
    REQUIRE(done);

    auto closed = std::make_shared<std::promise<void>>();
    auto returned = closed->get_future();
    std::thread closer([r = recorder.get(), closed] {
        r->close();
        closed->set_value();
    });
    // close() gives a capture thread 2 s to come back from a read, after the file is finished.
    const bool in_time = returned.wait_for(10s) == std::future_status::ready;
    CHECK(in_time);
    if (in_time) {
        closer.join();
        recorder.reset();
    } else {
        // Still waiting: leave it, so that the rest of the suite runs.
        closer.detach();
        (void)recorder.release();
    }
    unsetenv("PULSE_SERVER");
    REQUIRE(std::filesystem::exists(done->media_path));
    CHECK(test::video_frames_of(done->media_path) >= 60);
    CHECK(test::decodes_cleanly(done->media_path));
}

// libavdevice's PulseAudio read waits for a packet without looking at the interrupt callback, so the
// stream's probe held open() for ever on a source that sends nothing (a suspended or stalled
// microphone, a pipe source nobody writes to). open() now gives up in a bounded time; the opener
// retries it every 10 s, and a retry while the first probe still waits neither waits nor starts
// another one.
TEST_CASE("open() gives up within a bounded time, naming the PulseAudio source, when it sends no sound") {
    std::string dir = test::fresh_dir("pulse-no-sound");
    test::PulseTone daemon(dir, 0);  // its "microphone" carries what is written into a FIFO: nothing
    auto recorder = std::make_unique<Recorder>(microphone_config(daemon, dir));
    for (int attempt = 0; attempt < 2; ++attempt) {
        CAPTURE(attempt);
        auto failed = test::failed_open_within(recorder, 30);
        REQUIRE(failed);
        CAPTURE(failed->why);
        CHECK(failed->why.find("PulseAudio source microphone") != std::string::npos);
        CHECK(failed->why.find("sent no sound") != std::string::npos);
        CHECK(failed->why.find("pactl list sources") != std::string::npos);
        CHECK(failed->seconds < 12);
    }
    unsetenv("PULSE_SERVER");
}
