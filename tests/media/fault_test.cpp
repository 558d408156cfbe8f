// A source that stops does not end the recording: slate and silence at the same frame rate, an
// alert in the status, and the file keeps its full length.
#include "media_test_support.h"
#include "recorder.h"

#include <doctest/doctest.h>

#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("a source that ends mid-recording is followed by slate and an alert") {
    std::string dir = test::fresh_dir("fault");
    std::string clip = test::make_clip(dir, "two-seconds.mp4", "testsrc2=size=320x240:rate=30", 2);
    // A file that ends stands for a camera that was unplugged.
    MediaConfig c = test::file_config(dir + "/rec", clip, false);

    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("unplugged")));
    recorder.stop_at(5.0);
    bool alerted = false, source_lost = false;
    for (int i = 0; i < 100 && recorder.status().state == RecorderState::Recording; ++i) {
        RecorderStatus s = recorder.status();
        for (const auto& a : s.alerts) {
            alerted |= a.find("no signal") != std::string::npos;
            source_lost |= a.find("file " + clip + " has ended") != std::string::npos;
        }
        std::this_thread::sleep_for(100ms);
    }
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    CHECK(alerted);
    CHECK(source_lost);
    RecorderStatus s = recorder.status();
    CHECK(s.frames_recorded == 150);
    CHECK(s.slate_frames >= 60);  // the three seconds after the clip, less what was read before start()
    CHECK(test::video_frames_of(done->media_path) == 150);
    CHECK(test::duration_of(done->media_path) == doctest::Approx(5.0).epsilon(0.04));
    // Sound goes on (as silence) to the end, so players do not stop early.
    std::string audio_end = test::run("ffprobe -v error -select_streams a -show_entries stream=duration -of csv=p=0 '" +
                                      done->media_path + "'");
    CHECK(std::stod(audio_end) == doctest::Approx(5.0).epsilon(0.05));
    CHECK(test::decodes_cleanly(done->media_path));
}

TEST_CASE("low disk space raises an alert, and a full disk refuses to start") {
    std::string dir = test::fresh_dir("disk");
    MediaConfig c = test::small_config(dir);
    // Thresholds above any free space this machine has make the disk "low" and "full" for the test.
    c.disk_warn_mb = 1000000;
    {
        Recorder recorder(c);
        REQUIRE(recorder.open());
        REQUIRE(recorder.start(test::sample_meta("low disk")));
        recorder.stop_at(2.0);
        bool alerted = false;
        for (int i = 0; i < 40 && !alerted; ++i) {
            for (const auto& a : recorder.status().alerts) alerted |= a.find("disk low: ") == 0 && a.find(dir) != std::string::npos;
            std::this_thread::sleep_for(50ms);
        }
        CHECK(alerted);
        auto done = recorder.wait_finished(20s);
        REQUIRE(done);
        CHECK(test::decodes_cleanly(done->media_path));
    }
    c.disk_stop_mb = 999999;
    Recorder full(c);
    REQUIRE(full.open());
    auto started = full.start(test::sample_meta("full disk"));
    REQUIRE_FALSE(started);
    CHECK(started.error().find("disk almost full: ") == 0);
    CHECK(started.error().find(dir) != std::string::npos);
    CHECK(full.status().state == RecorderState::Failed);
}

TEST_CASE("a file looped as a camera plays on past its end without slate") {
    std::string dir = test::fresh_dir("loop");
    std::string clip = test::make_clip(dir, "one-second.mp4", "testsrc2=size=320x240:rate=30", 1);
    MediaConfig c = test::file_config(dir + "/rec", clip, true);
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("looped")));
    recorder.stop_at(3.0);
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    RecorderStatus s = recorder.status();
    CHECK(s.slate_frames == 0);
    CHECK(s.frames_recorded == 90);
    CHECK(s.dropped_frames == 0);
    CHECK(test::video_frames_of(done->media_path) == 90);
}

TEST_CASE("a 25 fps source recorded at 30 fps keeps time by repeating frames") {
    std::string dir = test::fresh_dir("rate");
    std::string clip = test::make_clip(dir, "pal.mp4", "testsrc2=size=320x240:rate=25", 2);
    MediaConfig c = test::file_config(dir + "/rec", clip, true);
    Recorder recorder(c);
    REQUIRE(recorder.open());
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(recorder.start(test::sample_meta("pal")));
    recorder.stop_at(3.0);
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    RecorderStatus s = recorder.status();
    CHECK(s.frames_recorded == 90);
    CHECK(s.duplicated_frames == doctest::Approx(15).epsilon(0.2));  // one in six of the output
    CHECK(s.slate_frames == 0);
    CHECK(wall == doctest::Approx(3.0).epsilon(0.15));  // media time kept with the wall clock
    std::string audio_end = test::run("ffprobe -v error -select_streams a -show_entries stream=duration -of csv=p=0 '" +
                                      done->media_path + "'");
    CHECK(std::stod(audio_end) == doctest::Approx(3.0).epsilon(0.05));
}
