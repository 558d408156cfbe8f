// "Next speaker" splits gaplessly: capture and encode keep running, each file starts on a keyframe,
// and the files' frames add up to the frames recorded with no gap at the joins.
#include "media_test_support.h"
#include "recorder.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("three gapless splits keep every frame in exactly one file") {
    std::string dir = test::fresh_dir("split");
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("first")));
    for (const char* next : {"second", "third", "fourth"}) {
        std::this_thread::sleep_for(1s);
        recorder.split(test::sample_meta(next));
    }
    std::this_thread::sleep_for(1s);
    recorder.stop();

    std::vector<FinishedRecording> files;
    while (files.size() < 4)
        if (auto f = recorder.wait_finished(20s)) files.push_back(*f);
        else break;
    REQUIRE(files.size() == 4);
    // The status snapshot is published a few times a second: wait for the one after the stop.
    RecorderStatus status = recorder.status();
    for (int i = 0; i < 50 && status.state != RecorderState::Idle; ++i) {
        std::this_thread::sleep_for(100ms);
        status = recorder.status();
    }
    CHECK(status.state == RecorderState::Idle);
    CHECK(status.segment == 4);

    int64_t total = 0, expected_first = 0;
    for (const auto& f : files) {
        CAPTURE(f.media_path);
        int64_t frames = test::video_frames_of(f.media_path);
        CHECK(frames >= 15);  // about a second each
        total += frames;
        auto sidecar = nlohmann::json::parse(test::read_text(f.sidecar_path));
        CHECK(sidecar["frames"]["first"] == expected_first);  // starts where the previous one ended
        CHECK(sidecar["frames"]["count"] == frames);
        expected_first += frames;
        // No gap inside a file: every frame follows the previous by exactly one frame time.
        std::vector<double> t = test::video_times_of(f.media_path);
        REQUIRE(t.size() == static_cast<size_t>(frames));
        double worst = 0;
        for (size_t i = 1; i < t.size(); ++i) worst = std::max(worst, std::abs(t[i] - t[i - 1] - 1.0 / 30));
        CHECK(worst < 0.002);
        CHECK(test::duration_of(f.media_path) == doctest::Approx(frames / 30.0).epsilon(0.1));
        // The first packet is a keyframe, so each file plays from its start.
        std::string first = test::run("ffprobe -v error -select_streams v -show_entries packet=flags -of csv=p=0 '" +
                                      f.media_path + "' | head -1");
        CHECK(first.rfind("K", 0) == 0);
        CHECK(test::decodes_cleanly(f.media_path));
    }
    CHECK(total == status.frames_recorded);
    CHECK(status.dropped_frames == 0);
}

TEST_CASE("a pause leaves the paused time out of the file and nothing else") {
    std::string dir = test::fresh_dir("pause");
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("paused")));
    std::this_thread::sleep_for(1s);
    recorder.pause();
    std::this_thread::sleep_for(100ms);
    CHECK(recorder.status().state == RecorderState::Paused);
    int64_t at_pause = recorder.status().frames_recorded;
    std::this_thread::sleep_for(1s);
    CHECK(recorder.status().frames_recorded - at_pause <= 1);  // nothing recorded while paused
    recorder.resume();
    std::this_thread::sleep_for(1s);
    recorder.stop();
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    int64_t frames = test::video_frames_of(done->media_path);
    CHECK(frames == recorder.status().frames_recorded);
    CHECK(frames == doctest::Approx(60).epsilon(0.2));  // two of the three seconds
    std::vector<double> t = test::video_times_of(done->media_path);
    for (size_t i = 1; i < t.size(); ++i) REQUIRE(t[i] - t[i - 1] == doctest::Approx(1.0 / 30).epsilon(0.05));
}
