// "Next speaker" splits gaplessly: capture and encode keep running, each file starts on a keyframe,
// and the files' frames add up to the frames recorded with no gap at the joins.
#include "media_test_support.h"
#include "recorder.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>


using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("three gapless splits keep every frame in exactly one file") {
    std::string dir = test::fresh_dir("split");
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("first")));
    int64_t frames = 0;
    for (const char* next : {"second", "third", "fourth"}) {
        test::wait_for_frames(recorder, frames += 30);  // about a second each
        recorder.split(test::sample_meta(next));
    }
    test::wait_for_frames(recorder, frames += 30);
    recorder.stop();

    std::vector<FinishedRecording> files;
    while (files.size() < 4)
        if (auto f = recorder.wait_finished(20s)) files.push_back(*f);
        else break;
    REQUIRE(files.size() == 4);
    // The status snapshot is published a few times a second: wait for the one after the stop.
    RecorderStatus status = test::wait_for_status(recorder, [](const RecorderStatus& s) { return s.state == RecorderState::Idle; });
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
    const int64_t captured_at_start = recorder.status().frames_captured;
    test::wait_for_frames(recorder, 30);
    recorder.pause();
    auto paused = test::wait_for_status(recorder, [](const RecorderStatus& s) { return s.state == RecorderState::Paused; });
    REQUIRE(paused.state == RecorderState::Paused);
    // Nothing is recorded while paused, though the source goes on (a second of it captured).
    const int64_t captured = paused.frames_captured;
    auto later = test::wait_for_status(recorder, [&](const RecorderStatus& s) { return s.frames_captured >= captured + 30; });
    CHECK(later.frames_recorded - paused.frames_recorded <= 1);
    recorder.resume();
    test::wait_for_frames(recorder, later.frames_recorded + 30);
    recorder.stop();
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    int64_t frames = test::video_frames_of(done->media_path);
    auto stopped = test::wait_for_status(recorder, [](const RecorderStatus& s) { return s.state == RecorderState::Idle; });
    CHECK(frames == stopped.frames_recorded);
    // The paused second (30 frames captured) is not in the file; everything else is.
    CHECK(frames <= stopped.frames_captured - captured_at_start - 29);
    CHECK(frames >= 60);
    std::vector<double> t = test::video_times_of(done->media_path);
    for (size_t i = 1; i < t.size(); ++i) REQUIRE(t[i] - t[i - 1] == doctest::Approx(1.0 / 30).epsilon(0.05));
}
