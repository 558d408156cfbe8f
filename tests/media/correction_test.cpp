// The console's Edit reaching recordings under way (issue 12 item 18): the speech being recorded
// takes the correction at finalize, and a finished file still held before upload is rewritten
// (sidecar and MP4 tags, with its new size and SHA-256) before it is handed on.
#include "held_recordings.h"
#include "media_test_support.h"
#include "recorder.h"
#include "sha256.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <future>

using namespace lectern;
using namespace std::chrono_literals;

namespace {

std::string tag_of(const std::string& file, const std::string& key) {
    std::string out = test::run("ffprobe -v error -show_entries format_tags=" + key + " -of default=nw=1:nk=1 '" + file + "'");
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

RecordingMeta corrected(const RecordingMeta& meta, const std::string& title) {
    RecordingMeta c = meta;
    c.title = title;
    c.speakers = {{"Ada Example", "", "Example Institute"}};
    c.note = "corrected at the desk";
    return c;
}

// A second of the synthetic source, finalized.
FinishedRecording short_recording(const std::string& dir, const RecordingMeta& meta) {
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    auto started = recorder.start(meta);
    REQUIRE_MESSAGE(started, started.error());
    test::wait_for_frames(recorder, 30);
    recorder.stop();
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    return *done;
}

}  // namespace

TEST_CASE("a correction of the speech being recorded reaches its pending record, then its sidecar and MP4 tags") {
    const std::string dir = test::fresh_dir("correct-live");
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    RecordingMeta meta = test::sample_meta("Original title");
    meta.item_id = "talk-1";
    REQUIRE(recorder.start(meta));
    test::wait_for_frames(recorder, 15);
    const std::string live = recorder.status().file_path;
    std::promise<void> applied;
    recorder.on_corrected([&](const RecordingMeta&) { applied.set_value(); });
    recorder.correct(corrected(meta, "Corrected title"));
    REQUIRE(applied.get_future().wait_for(20s) == std::future_status::ready);
    // A crash from here on recovers the file under the corrected title.
    const std::string pending = live.substr(0, live.size() - 4) + ".json";
    CHECK(nlohmann::json::parse(test::read_text(pending))["title"] == "Corrected title");
    test::wait_for_frames(recorder, 30);
    recorder.stop();
    auto done = recorder.wait_finished(20s);
    REQUIRE(done);
    auto sidecar = nlohmann::json::parse(test::read_text(done->sidecar_path));
    CHECK(sidecar["title"] == "Corrected title");
    CHECK(sidecar["speakers"][0]["name"] == "Ada Example");
    CHECK(sidecar["note"] == "corrected at the desk");
    CHECK(sidecar["item_id"] == "talk-1");
    CHECK(tag_of(done->media_path, "title") == "Corrected title");
    CHECK(tag_of(done->media_path, "artist") == "Ada Example (Example Institute)");
    CHECK(test::decodes_cleanly(done->media_path));
}

TEST_CASE("a correction of a file held before upload rewrites its sidecar and MP4 tags before it is handed on") {
    const std::string dir = test::fresh_dir("correct-held");
    RecordingMeta meta = test::sample_meta("Held title");
    meta.item_id = "talk-2";
    const FinishedRecording file = short_recording(dir, meta);
    const int64_t frames_before = test::video_frames_of(file.media_path);

    std::vector<FinishedRecording> handed_on;
    HeldRecordings held(15s, [&](const FinishedRecording& f) -> tl::expected<void, std::string> {
        // What the upload queue would read at this moment.
        auto sidecar = nlohmann::json::parse(test::read_text(f.sidecar_path));
        CHECK(sidecar["title"] == "Held title, corrected");
        CHECK(tag_of(f.media_path, "title") == "Held title, corrected");
        handed_on.push_back(f);
        return {};
    });
    const auto now = HeldRecordings::Clock::now();
    held.split(file.file_id, file.file_id + 1, now);
    held.finished(file, now);
    held.correct(corrected(meta, "Held title, corrected"));
    held.release_due(now + 1h);  // the window is over, but the correction is not applied yet
    CHECK(handed_on.empty());
    held.apply_corrections();  // the finalizer thread's turn
    held.release_due(now + 1h);
    REQUIRE(handed_on.size() == 1);
    auto sidecar = nlohmann::json::parse(test::read_text(file.sidecar_path));
    CHECK(sidecar["speakers"][0]["affiliation"] == "Example Institute");
    CHECK(sidecar["note"] == "corrected at the desk");
    CHECK(sidecar["sha256"] == sha256_file(file.media_path));
    CHECK(sidecar["size_bytes"] == static_cast<int64_t>(std::filesystem::file_size(file.media_path)));
    CHECK(tag_of(file.media_path, "artist") == "Ada Example (Example Institute)");
    CHECK(test::video_frames_of(file.media_path) == frames_before);  // a stream copy: every frame kept
    CHECK(held.problem().empty());
}

TEST_CASE("a correction of another item leaves a held file as it is") {
    const std::string dir = test::fresh_dir("correct-other");
    RecordingMeta meta = test::sample_meta("Untouched");
    meta.item_id = "talk-3";
    const FinishedRecording file = short_recording(dir, meta);
    const std::string before = test::read_text(file.sidecar_path);
    HeldRecordings held(15s, [](const FinishedRecording&) -> tl::expected<void, std::string> { return {}; });
    held.finished(file, HeldRecordings::Clock::now());
    RecordingMeta other = corrected(meta, "Another talk");
    other.item_id = "talk-4";
    held.correct(other);
    held.apply_corrections();
    CHECK(test::read_text(file.sidecar_path) == before);
    CHECK(tag_of(file.media_path, "title") == "Untouched");
}
