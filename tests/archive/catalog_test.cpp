// The catalog from sidecars: reindex, follow changes, search like "find my slot", upload states.
#include "archive_fixtures.h"
#include "catalog.h"
#include "sidecar_scan.h"
#include "upload_job.h"
#include "upload_config.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace lectern;
using namespace lectern::archive_test;
namespace fs = std::filesystem;

namespace {

// The demo morning's three talks, as the recorder would have left them.
void write_morning(const std::string& dir) {
    write_fake_recording(dir, {"0910-wu", "Symposium of International Cooperation and Exchange of the BJAST",
                               "BJAST Conference Hall", "Address", {{"Wu Jianmin", "伍建民", "BJAST"}},
                               "2024-04-29T09:10:00+08:00", 1200, 3000, 1});
    write_fake_recording(dir, {"1010-wong", "Symposium of International Cooperation and Exchange of the BJAST",
                               "BJAST Conference Hall", "Open Science across Borders", {{"Frank Wong", "黄国强", "HKU"}},
                               "2024-04-29T10:10:00+08:00", 1500, 5000, 2});
    write_fake_recording(dir, {"0900-li", "Other Forum", "Room 201", "Opening remarks", {{"Li Junkai", "李俊凯", ""}},
                               "2024-04-30T09:00:00+08:00", 600, 2000, 3});
}

std::vector<std::string> titles(const ArchivePage& page) {
    std::vector<std::string> out;
    for (const auto& r : page.recordings) out.push_back(r.title);
    return out;
}

}  // namespace

TEST_CASE("reindex catalogues every sidecar with its fields, and lists broken ones as problems") {
    ScratchDir dir;
    write_morning(dir / "rec");
    std::ofstream(dir / "rec/broken.json") << "{ not json";
    std::ofstream(dir / "rec/broken.mp4") << "bytes";
    std::ofstream(dir / "rec/lonely.mp4") << "no sidecar";
    std::ofstream(dir / "rec/talk.recording.mp4") << "still being written";
    auto catalog = Catalog::open(dir / "catalog.db");
    ReindexReport report = catalog->reindex({dir / "rec"});
    CHECK(report.recordings == 5);
    CHECK(report.problems == 2);

    ArchivePage all = catalog->search({});
    REQUIRE(all.total == 5);
    ArchiveQuery wong;
    wong.speaker = "frank wong";
    ArchivePage found = catalog->search(wong);
    REQUIRE(found.recordings.size() == 1);
    const Recording& r = found.recordings[0];
    CHECK(r.title == "Open Science across Borders");
    CHECK(r.speakers.at(0).native_name == "黄国强");
    CHECK(r.date == "2024-04-29");
    CHECK(r.duration_s == 1500);
    CHECK(r.file_bytes == 5000);
    CHECK(r.video_codec == "h264");
    CHECK(r.problem.empty());

    ArchiveQuery problems;
    problems.problems_only = true;
    auto broken = catalog->search(problems);
    REQUIRE(broken.recordings.size() == 2);
    for (const auto& b : broken.recordings) {
        CHECK(fs::exists(b.media_path));  // a bad sidecar never hides the file
        CHECK(!b.problem.empty());
    }
}

TEST_CASE("search finds a speaker by Latin or native name ignoring case and spaces, and filters by title, room, event and date") {
    ScratchDir dir;
    write_morning(dir / "rec");
    auto catalog = Catalog::open(dir / "catalog.db");
    catalog->reindex({dir / "rec"});
    auto search = [&](ArchiveQuery q) { return titles(catalog->search(q)); };
    using V = std::vector<std::string>;
    CHECK(search({.speaker = "FrankWong"}) == V{"Open Science across Borders"});
    CHECK(search({.speaker = "黄国强"}) == V{"Open Science across Borders"});
    CHECK(search({.speaker = "junkai"}) == V{"Opening remarks"});
    CHECK(search({.text = "wong borders"}) == V{"Open Science across Borders"});
    CHECK(search({.title = "science"}) == V{"Open Science across Borders"});
    CHECK(search({.room = "room 201"}) == V{"Opening remarks"});
    CHECK(search({.event = "bjast"}) == V{"Address", "Open Science across Borders"});
    CHECK(search({.from = "2024-04-29", .to = "2024-04-29"}) == V{"Address", "Open Science across Borders"});
    CHECK(search({.from = "2024-04-30"}) == V{"Opening remarks"});
    CHECK(search({.speaker = "nobody"}).empty());
    ArchivePage page = catalog->search({.sort = "duration", .descending = true, .limit = 1, .offset = 1});
    CHECK(page.total == 3);
    CHECK(titles(page) == V{"Address"});
}

TEST_CASE("sync follows new, changed and deleted recordings without reading unchanged sidecars") {
    ScratchDir dir;
    write_morning(dir / "rec");
    auto catalog = Catalog::open(dir / "catalog.db");
    catalog->reindex({dir / "rec"});
    CHECK(catalog->sync().read == 0);

    write_fake_recording(dir / "rec", {.stem = "1100-ma", .title = "Data Commons", .speakers = {{"Ma Yan", "", ""}}, .seed = 9});
    fs::remove(dir / "rec/0900-li.json");
    ReindexReport report = catalog->sync();
    CHECK(report.read == 2);  // the new sidecar and the media left without one
    CHECK(report.removed == 1);
    CHECK(catalog->count() == 4);
    CHECK(titles(catalog->search({.speaker = "ma yan"})) == std::vector<std::string>{"Data Commons"});
    CHECK(!catalog->search({.text = "0900-li"}).recordings.at(0).problem.empty());
}

TEST_CASE("a second copy of the same file is catalogued once") {
    ScratchDir dir;
    write_morning(dir / "rec");
    fs::create_directories(dir / "nas/2024-04-29");
    fs::copy_file(dir / "rec/1010-wong.mp4", dir / "nas/2024-04-29/Frank-Wong.mp4");
    fs::copy_file(dir / "rec/1010-wong.json", dir / "nas/2024-04-29/Frank-Wong.json");
    auto catalog = Catalog::open(dir / "catalog.db");
    ReindexReport report = catalog->reindex({dir / "rec", dir / "nas"});
    CHECK(report.duplicates == 1);
    CHECK(catalog->count() == 3);
}

TEST_CASE("each target's upload state and location come from the upload queue") {
    ScratchDir dir;
    write_morning(dir / "rec");
    auto catalog = Catalog::open(dir / "catalog.db");
    catalog->reindex({dir / "rec"});
    UploadConfig config;
    config.targets[0].path = dir / "archive";
    UploadJobView done;
    done.file_name = "1010-wong.mp4";
    done.target = config.targets[0].name;
    done.remote_key = "bjast/2024-04-29/hall/101000-Frank-Wong";
    done.state = JobState::Done;
    UploadJobView failed = done;
    failed.target = "s3";
    failed.state = JobState::Failed;
    failed.last_error = "the bucket does not exist";
    catalog->set_uploads({done, failed}, config);
    auto r = catalog->search({.speaker = "wong"}).recordings.at(0);
    REQUIRE(r.uploads.size() == 2);
    CHECK(r.uploads[0].target == config.targets[0].name);
    CHECK(r.uploads[0].state == "done");
    CHECK(r.uploads[0].location == dir / "archive/bjast/2024-04-29/hall/101000-Frank-Wong.mp4");
    CHECK(r.uploads[1].state == "failed");
    CHECK(r.uploads[1].error == "the bucket does not exist");
}

// fuzz_sidecar (the suite's fixed-seed run): a sidecar whose video height was 1e27 was cast from
// double to int, undefined behaviour (x86 gives INT_MIN). Numbers that no picture or sound can
// have are read as unknown (0), not wrapped.
TEST_CASE("a sidecar's width, height, rate or channels beyond any real recording are read as unknown") {
    const Recording r = read_recording(LECTERN_SOURCE_DIR + "/tests/fuzz/regressions/sidecar/width-overflow.json");
    CHECK(r.width == 1920);
    CHECK(r.height == 0);  // 1e27 in the file
    CHECK(r.sample_rate == 48000);
    CHECK(r.channels == 2);

    // A duration no recording has (the screens and the export's index turn it into minutes, an int).
    ScratchDir dir;
    nlohmann::json j = nlohmann::json::parse(std::ifstream(LECTERN_SOURCE_DIR + "/tests/fuzz/regressions/sidecar/width-overflow.json"));
    j["duration_seconds"] = 1e27;
    fs::create_directories(dir.path);
    std::ofstream(dir / "long.json") << j.dump();
    CHECK(read_recording(dir / "long.json").duration_s == 0);
}
