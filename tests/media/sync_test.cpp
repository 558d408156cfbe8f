// Sound and picture stay together: the sync pattern (a flash and a beep at the same instants) is
// found in the recordings with libav (bench/media/sync_probe) and every beep is within a frame
// of its flash, across a split and loop after loop of a file.
#include "media_test_support.h"
#include "recorder.h"
#include "sources/source.h"
#include "sync_probe.h"

#include <doctest/doctest.h>

#include <cmath>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

namespace {

constexpr double kFrame = 1.0 / 30;

void check_in_sync(const std::string& file, size_t at_least) {
    CAPTURE(file);
    auto report = bench::probe_sync(file);
    REQUIRE_MESSAGE(report, report.error());
    CHECK(report->pairs.size() >= at_least);
    for (const auto& p : report->pairs) {
        CAPTURE(p.flash);
        CHECK(std::fabs(p.offset()) <= kFrame);
    }
}

}  // namespace

TEST_CASE("the flash and the beep of the sync pattern stay within a frame, across a split") {
    std::string dir = test::fresh_dir("sync");
    MediaConfig c = test::small_config(dir);
    c.source = "sync";
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("first")));
    auto deadline = std::chrono::steady_clock::now() + 30s;
    while (recorder.status().frames_recorded < 75 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    recorder.split(test::sample_meta("second"));
    recorder.stop_at(5.0);
    auto first = recorder.wait_finished(30s);
    auto second = recorder.wait_finished(30s);
    REQUIRE(first);
    REQUIRE(second);
    // Both streams start at 0: the B-frame delay and the AAC priming are trimmed by edit lists.
    auto report = bench::probe_sync(first->media_path);
    REQUIRE(report);
    CHECK(std::fabs(report->video_start) < 0.001);
    CHECK(std::fabs(report->audio_start) < 0.001);
    check_in_sync(first->media_path, 2);
    check_in_sync(second->media_path, 2);
}

TEST_CASE("a looped file keeps its sound with its picture loop after loop") {
    std::string dir = test::fresh_dir("sync-loop");
    MediaConfig c = test::small_config(dir + "/rec");
    // One second of the pattern, encoded by the ffmpeg CLI: its AAC runs past its picture's end.
    std::string clip = dir + "/sync.mp4";
    test::run("ffmpeg -v error -f lavfi -i \"" + sync_graph(c) + "\" -t 1 -c:v libx264 -preset ultrafast -c:a aac -y '" +
              clip + "'");
    c.source = "file";
    c.file = clip;
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("looped")));
    recorder.stop_at(5.0);
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    check_in_sync(done->media_path, 4);
    auto report = bench::probe_sync(done->media_path);
    REQUIRE(report);
    // Not only within a frame: the same offset every loop (no drift).
    for (const auto& p : report->pairs) CHECK(std::fabs(p.offset() - report->pairs.front().offset()) < 0.002);
}
