// "Undo split": two consecutive finished files become one, in the first file's place, with no
// gap at the join, the first file's metadata and a sidecar that describes the new file.
#include "media_test_support.h"
#include "recorder.h"
#include "segment_join.h"
#include "sha256.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Records a session of 320x240 at 15 fps with one split, and returns the two finished files.
std::vector<FinishedRecording> record_with_one_split(const std::string& dir, std::chrono::milliseconds each) {
    MediaConfig config = test::small_config(dir);
    config.fps = 15;
    Recorder recorder(config);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("first")));
    std::this_thread::sleep_for(each);
    recorder.split(test::sample_meta("second"));
    std::this_thread::sleep_for(each);
    recorder.stop();
    std::vector<FinishedRecording> files;
    while (files.size() < 2)
        if (auto f = recorder.wait_finished(20s)) files.push_back(*f);
        else break;
    REQUIRE(files.size() == 2);
    return files;
}

nlohmann::json sidecar_of(const FinishedRecording& f) { return nlohmann::json::parse(test::read_text(f.sidecar_path)); }

// Audio packets as (pts, duration) in seconds, in file order.
std::vector<std::pair<double, double>> audio_packets_of(const std::string& file) {
    std::istringstream in(test::run("ffprobe -v error -select_streams a -show_entries packet=pts_time,duration_time "
                                    "-of csv=p=0 '" + file + "'"));
    std::vector<std::pair<double, double>> packets;
    for (std::string line; std::getline(in, line);) {
        auto comma = line.find(',');
        if (comma == std::string::npos) continue;
        packets.emplace_back(std::stod(line.substr(0, comma)), std::stod(line.substr(comma + 1)));
    }
    return packets;
}

}  // namespace

TEST_CASE("undoing a split joins the two files into the first with no gap at the join") {
    std::string dir = test::fresh_dir("join");
    auto files = record_with_one_split(dir, 2s);
    const FinishedRecording& first = files[0];
    const FinishedRecording& second = files[1];
    const nlohmann::json first_before = sidecar_of(first);
    const nlohmann::json second_before = sidecar_of(second);
    REQUIRE(first_before["item_id"] == "first");
    const int64_t frames_a = test::video_frames_of(first.media_path);
    const int64_t frames_b = test::video_frames_of(second.media_path);
    const double seconds_a = test::duration_of(first.media_path);
    const double seconds_b = test::duration_of(second.media_path);
    CHECK(frames_a >= 20);  // about two seconds each
    CHECK(frames_b >= 20);

    auto joined = join_recordings(first, second);
    REQUIRE_MESSAGE(joined, (joined ? "" : joined.error()));
    CHECK(joined->media_path == first.media_path);
    CHECK(joined->sidecar_path == first.sidecar_path);

    const std::string& file = joined->media_path;
    auto codecs = test::codecs_of(file);
    CHECK(std::count(codecs.begin(), codecs.end(), "h264") == 1);
    CHECK(std::count(codecs.begin(), codecs.end(), "aac") == 1);
    CHECK(test::video_frames_of(file) == frames_a + frames_b);
    CHECK(std::abs(test::duration_of(file) - (seconds_a + seconds_b)) <= 0.15);

    // Every frame follows the previous by exactly one frame time, across the join too.
    std::vector<double> t = test::video_times_of(file);
    REQUIRE(t.size() == static_cast<size_t>(frames_a + frames_b));
    double worst = 0;
    for (size_t i = 1; i < t.size(); ++i) worst = std::max(worst, std::abs(t[i] - t[i - 1] - 1.0 / 15));
    CHECK(worst < 0.002);
    // Audio packets follow each other with neither a gap nor an overlap.
    auto audio = audio_packets_of(file);
    REQUIRE(audio.size() > 10);
    double worst_audio = 0;
    for (size_t i = 1; i < audio.size(); ++i)
        worst_audio = std::max(worst_audio, std::abs(audio[i].first - (audio[i - 1].first + audio[i - 1].second)));
    CHECK(worst_audio < 0.001);
    CHECK(test::decodes_cleanly(file));

    nlohmann::json after = sidecar_of(*joined);
    CHECK(after["sha256"] == sha256_file(file));
    CHECK(after["size_bytes"] == static_cast<int64_t>(fs::file_size(file)));
    CHECK(after["item_id"] == "first");
    CHECK(after["title"] == "first");
    CHECK(after["file"] == first_before["file"]);
    CHECK(after["actual_start"] == first_before["actual_start"]);
    CHECK(after["actual_end"] == second_before["actual_end"]);
    CHECK(after["frames"]["first"] == first_before["frames"]["first"]);
    CHECK(after["frames"]["count"] == frames_a + frames_b);
    CHECK(after["frames"]["count"] ==
          first_before["frames"]["count"].get<int64_t>() + second_before["frames"]["count"].get<int64_t>());
    CHECK(after["video"]["frames"] == frames_a + frames_b);
    CHECK(after["duration_seconds"].get<double>() == doctest::Approx((frames_a + frames_b) / 15.0).epsilon(0.01));

    CHECK_FALSE(fs::exists(second.media_path));
    CHECK_FALSE(fs::exists(second.sidecar_path));
    CHECK_FALSE(fs::exists(first.media_path + ".join.tmp"));
}

TEST_CASE("a join with a missing or corrupt second file names it and deletes nothing") {
    std::string dir = test::fresh_dir("join-fail");
    auto files = record_with_one_split(dir, 1s);
    const FinishedRecording& first = files[0];
    const FinishedRecording& second = files[1];
    const std::string first_sha = sha256_file(first.media_path);
    const std::string first_sidecar = test::read_text(first.sidecar_path);

    auto nothing_changed = [&] {
        CHECK(sha256_file(first.media_path) == first_sha);
        CHECK(test::read_text(first.sidecar_path) == first_sidecar);
        CHECK(fs::exists(second.sidecar_path));
        CHECK_FALSE(fs::exists(first.media_path + ".join.tmp"));
    };

    const std::string aside = second.media_path + ".aside";
    fs::rename(second.media_path, aside);
    auto missing = join_recordings(first, second);
    REQUIRE_FALSE(missing);
    CHECK_MESSAGE(missing.error().find(second.media_path) != std::string::npos, missing.error());
    nothing_changed();
    CHECK(fs::exists(aside));

    {
        std::ofstream garbage(second.media_path, std::ios::binary);
        garbage << std::string(4096, 'x');
    }
    auto corrupt = join_recordings(first, second);
    REQUIRE_FALSE(corrupt);
    CHECK_MESSAGE(corrupt.error().find(second.media_path) != std::string::npos, corrupt.error());
    nothing_changed();
    CHECK(fs::exists(second.media_path));
}
