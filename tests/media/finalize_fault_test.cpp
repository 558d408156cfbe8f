// What must never lose a recording or end the process: a second recorder on the same folder, a
// finalizer callback that throws, a disk with no room for the faststart copy, a folder that
// cannot be looked into.
#include "finalizer.h"
#include "media_test_support.h"
#include "recorder.h"
#include "sidecar.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/resource.h>

namespace fs = std::filesystem;
using namespace lectern;
using namespace std::chrono_literals;

namespace {

// A fragmented MP4 like the recorder's live file, with its pending record, in dir.
FinalizeJob fragmented_recording(const std::string& dir, const std::string& stem, double seconds) {
    FinalizeJob job;
    job.partial_path = dir + "/" + stem + ".recording.mp4";
    job.pending_path = dir + "/" + stem + ".recording.json";
    job.final_path = dir + "/" + stem + ".mp4";
    job.sidecar_path = dir + "/" + stem + ".json";
    test::run("ffmpeg -v error -y -f lavfi -i testsrc=size=320x240:rate=30 -f lavfi -i sine=frequency=440 -t " +
              std::to_string(seconds) + " -c:v libx264 -preset ultrafast -c:a aac -movflags frag_keyframe+empty_moov+default_base_moof '" +
              job.partial_path + "'");
    job.facts.meta = test::sample_meta(stem);
    job.facts.actual_start = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    std::ofstream(job.pending_path) << pending_json(job.facts.meta, job.facts.actual_start, 0).dump();
    return job;
}

}  // namespace

TEST_CASE("a second recorder on the same folder refuses with a clear message and leaves the first one's file alone") {
    std::string dir = test::fresh_dir("folder-lock");
    Recorder first(test::small_config(dir));
    REQUIRE(first.open());
    REQUIRE(first.start(test::sample_meta("first")));
    const std::string live = first.status().file_path;
    REQUIRE(fs::exists(live));

    Recorder second(test::small_config(dir));
    auto opened = second.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().find("is in use by another recorder") != std::string::npos);
    CHECK(opened.error().find(dir) != std::string::npos);
    CHECK(fs::exists(live));  // not taken for a crash's and renamed
    test::wait_for_frames(first, 30);
    first.stop();
    auto done = first.wait_finished(20s);
    REQUIRE(done);
    CHECK(test::decodes_cleanly(done->media_path));
    first.close();
    // Once the first one is closed, the folder is free again.
    CHECK(second.open());
}

TEST_CASE("a finalizer whose callback throws reports it and goes on finalizing") {
    std::string dir = test::fresh_dir("final-throw");
    FinalizeJob a = fragmented_recording(dir, "a", 1), b = fragmented_recording(dir, "b", 1);
    Finalizer finalizer;
    int calls = 0;
    finalizer.set_callback([&](const FinishedRecording&) {
        ++calls;
        throw std::runtime_error("the upload queue is gone");
    });
    finalizer.submit(a);
    finalizer.submit(b);
    finalizer.drain();
    CHECK(calls == 2);
    REQUIRE(finalizer.errors().size() == 2);
    CHECK(finalizer.errors()[0].find("the upload queue is gone") != std::string::npos);
    CHECK(test::decodes_cleanly(a.final_path));
    CHECK(test::decodes_cleanly(b.final_path));
}

TEST_CASE("a recording with no room for its faststart copy is finalized in place, playable, with its sidecar and no temporary file") {
    std::string dir = test::fresh_dir("final-full");
    FinalizeJob job = fragmented_recording(dir, "full", 3);
    const auto size = fs::file_size(job.partial_path);
    // A file-size limit below the recording's size makes the copy fail as a full disk would.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit limit{size / 2, old.rlim_max};
    REQUIRE(setrlimit(RLIMIT_FSIZE, &limit) == 0);
    Finalizer finalizer;
    finalizer.submit(job);
    auto done = finalizer.wait_finished(20s);
    setrlimit(RLIMIT_FSIZE, &old);
    REQUIRE_MESSAGE(done, (finalizer.errors().empty() ? "" : finalizer.errors()[0]));
    CHECK(done->media_path == job.final_path);
    CHECK(test::decodes_cleanly(done->media_path));
    CHECK(test::duration_of(done->media_path) == doctest::Approx(3).epsilon(0.1));
    auto sidecar = nlohmann::json::parse(test::read_text(done->sidecar_path));
    CHECK(sidecar["size_bytes"] == static_cast<int64_t>(fs::file_size(done->media_path)));
    CHECK(sidecar["file"] == "full.mp4");
    CHECK_FALSE(fs::exists(job.final_path + ".tmp"));
    CHECK_FALSE(fs::exists(job.partial_path));
    CHECK_FALSE(fs::exists(job.pending_path));
}

TEST_CASE("a recording interrupted after its finished pair was written is handed on again, not made twice") {
    std::string dir = test::fresh_dir("final-again");
    FinalizeJob job = fragmented_recording(dir, "again", 1);
    {
        Finalizer finalizer;
        finalizer.submit(job);
        REQUIRE(finalizer.wait_finished(20s));
    }
    // As if killed before the .recording files were removed.
    test::run("ffmpeg -v error -y -f lavfi -i testsrc=size=320x240:rate=30 -t 1 -c:v libx264 -preset ultrafast "
              "-movflags frag_keyframe+empty_moov+default_base_moof '" + job.partial_path + "'");
    std::ofstream(job.pending_path) << pending_json(job.facts.meta, job.facts.actual_start, 0).dump();
    Finalizer again;
    REQUIRE(again.recover(dir) == 1);
    auto done = again.wait_finished(20s);
    REQUIRE(done);
    CHECK(done->media_path == job.final_path);
    CHECK_FALSE(fs::exists(dir + "/again-recovered.mp4"));
}

TEST_CASE("names for a new recording in a folder that cannot be looked into are an error, not an exception") {
    const std::string folder = "/tmp/" + std::string(300, 'x');  // ENAMETOOLONG, like EACCES after chmod a-x
    std::optional<std::string> error;
    CHECK_NOTHROW({
        auto names = names_for(folder, "talk");
        if (!names) error = names.error();
    });
    REQUIRE(error);
    CHECK(error->find("cannot look at") != std::string::npos);
}

// Found by tests/fuzz (fuzz_sidecar): a field of the wrong type threw nlohmann's type_error out of
// read_pending, which the start's crash recovery does not expect.
TEST_CASE("a pending record with a field of the wrong type is damaged, not an exception") {
    const std::string path = test::fresh_dir("damaged-pending") + "/talk.recording.json";
    for (const char* damaged : {R"({"event": 5})", R"({"speakers": [{"name": []}]})", R"({"first_frame": "x"})", R"({"speakers": 3})"}) {
        CAPTURE(damaged);
        std::ofstream(path, std::ios::trunc) << damaged;
        std::optional<SidecarFacts> facts;
        CHECK_NOTHROW(facts = read_pending(path));
        CHECK_FALSE(facts.has_value());
    }
}

