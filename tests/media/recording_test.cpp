// A plain recording: the synthetic camera for five seconds becomes an H.264 + AAC MP4 of five
// seconds, with its tags, its sidecar, a preview and audio levels along the way.
#include "capture_input.h"
#include "media_test_support.h"
#include "recorder.h"
#include "sha256.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("five seconds of the synthetic camera become h264 and aac lasting five seconds") {
    std::string dir = test::fresh_dir("five");
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("Opening address")));
    recorder.stop_at(5.0);

    // While it records, the UI gets pictures and levels.
    PreviewFrame preview;
    bool got_preview = false;
    AudioLevels levels;
    int64_t level_readings = 0;
    auto t0 = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - t0 < 2s) {
        got_preview |= recorder.latest_preview(preview);
        std::this_thread::sleep_for(50ms);
    }
    levels = recorder.audio_levels();
    level_readings = levels.sequence;
    std::this_thread::sleep_for(1s);
    CHECK(recorder.audio_levels().sequence - level_readings >= 20);  // at least 20 readings a second

    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    CHECK(got_preview);
    CHECK(preview.width == 160);
    CHECK(preview.height == 120);
    CHECK(preview.rgba.size() == 160u * 120u * 4u);
    REQUIRE(levels.channels.size() == 2);
    CHECK(levels.channels[0].peak_dbfs > -60);  // the beeping tone is there
    CHECK(levels.channels[0].peak_dbfs <= 0.01);
    CHECK(levels.channels[0].rms_dbfs <= levels.channels[0].peak_dbfs);

    CHECK(test::codecs_of(done->media_path) == std::vector<std::string>{"h264", "aac"});
    CHECK(test::duration_of(done->media_path) == doctest::Approx(5.0).epsilon(0.04));  // within 0.2 s
    CHECK(test::video_frames_of(done->media_path) == 150);
    // Faststart: the index comes before the media data.
    std::string atoms = test::run("head -c 4096 '" + done->media_path + "' | grep -c moov");
    CHECK(atoms == "1\n");
    std::string tags = test::run("ffprobe -v error -show_entries format_tags=title,artist,album -of csv=p=0 '" +
                                 done->media_path + "'");
    CHECK(tags.find("Opening address") != std::string::npos);
    CHECK(tags.find("Wu Jianmin 伍建民 (BJAST)") != std::string::npos);
    CHECK(tags.find("BJAST Symposium") != std::string::npos);

    auto sidecar = nlohmann::json::parse(test::read_text(done->sidecar_path));
    CHECK(sidecar["title"] == "Opening address");
    CHECK(sidecar["speakers"][0]["native_name"] == "伍建民");
    CHECK(sidecar["speakers"][0]["affiliation"] == "BJAST");
    CHECK(sidecar["recovered"] == false);
    CHECK(sidecar["video"]["codec"] == "h264");
    CHECK(sidecar["audio"]["codec"] == "aac");
    CHECK(sidecar["frames"]["count"] == 150);
    CHECK(sidecar["size_bytes"] == std::filesystem::file_size(done->media_path));
    CHECK(sidecar["sha256"] == sha256_file(done->media_path));
    CHECK(sidecar["actual_start"].get<std::string>().size() >= 20);
    // The fragmented working file is gone after a clean stop; only the finished pair remains.
    int files = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++files;
    CHECK(files == 2);
    // The status snapshot is published a few times a second: wait for the one after the stop.
    for (int i = 0; i < 50 && recorder.status().state != RecorderState::Idle; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(recorder.status().state == RecorderState::Idle);
    CHECK(recorder.status().dropped_frames == 0);
    CHECK(recorder.status().duplicated_frames == 0);  // a source at the recording's rate is never retimed
    CHECK(recorder.status().skipped_frames == 0);
}

TEST_CASE("the synthetic camera also runs without its drawtext clock, for machines without fonts") {
    MediaConfig c = test::small_config(test::fresh_dir("noclock"));
    SourceSpec spec = synthetic_source(c, false);
    spec.url = synthetic_graph(c, false);
    CHECK(spec.url.find("drawtext") == std::string::npos);
    std::atomic<bool> stop{false};
    CaptureInput input(spec, {c.width, c.height, c.fps, c.sample_rate, c.channels}, stop);
    REQUIRE(input.open());
    av::FramePtr frame;
    CaptureInput::Read got = CaptureInput::Read::Again;
    for (int i = 0; i < 10 && got != CaptureInput::Read::Video; ++i) got = input.read(frame);
    REQUIRE(got == CaptureInput::Read::Video);
    CHECK(frame->width == 320);
    CHECK(frame->height == 240);
    CHECK(frame->format == AV_PIX_FMT_YUV420P);
}
