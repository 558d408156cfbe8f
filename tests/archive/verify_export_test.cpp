// Verify re-hashes against the sidecars; export copies, verifies and explains the folder.
#include "archive_fixtures.h"
#include "catalog.h"
#include "export.h"
#include "sidecar_scan.h"
#include "verify.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace lectern;
using namespace lectern::archive_test;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<Recording> recordings_in(const std::string& dir) { return scan_recordings(dir).changed; }

const Recording& by_file(const std::vector<Recording>& all, const std::string& file) {
    for (const auto& r : all)
        if (r.file == file) return r;
    FAIL("no recording " << file);
    return all.front();
}

}  // namespace

TEST_CASE("verify tells ok, changed, missing and unverified recordings apart") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "fine", .seed = 1});
    write_fake_recording(dir / "rec", {.stem = "changed", .seed = 2});
    write_fake_recording(dir / "rec", {.stem = "gone", .seed = 3});
    std::ofstream(dir / "rec/lonely.mp4") << "no sidecar";
    auto all = recordings_in(dir / "rec");
    {
        std::fstream f(dir / "rec/changed.mp4", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('X');  // same size, one byte different
    }
    fs::remove(dir / "rec/gone.mp4");
    CHECK(verify_recording(by_file(all, "fine.mp4")).outcome == VerifyOutcome::Ok);
    VerifyResult changed = verify_recording(by_file(all, "changed.mp4"));
    CHECK(changed.outcome == VerifyOutcome::Changed);
    CHECK(changed.detail.find("differs from its sidecar") != std::string::npos);
    CHECK(verify_recording(by_file(all, "gone.mp4")).outcome == VerifyOutcome::Missing);
    CHECK(verify_recording(by_file(all, "lonely.mp4")).outcome == VerifyOutcome::Unverified);
}

TEST_CASE("export copies a selection, verifies each copy and writes manifests and an index page") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "wong", .title = "Open <Science>", .speakers = {{"Frank Wong", "黄国强", "HKU"}}, .bytes = 300000, .seed = 4});
    write_fake_recording(dir / "rec", {.stem = "wu", .title = "Address", .speakers = {{"Wu Jianmin", "伍建民", ""}}, .seed = 5});
    auto selection = recordings_in(dir / "rec");
    int progress_calls = 0;
    ExportOptions options;
    options.progress = [&](const ExportProgress& p) {
        ++progress_calls;
        CHECK(p.bytes_done <= p.bytes_total);
    };
    ExportReport report = export_recordings(selection, dir / "stick", options);
    CHECK(report.failed == 0);
    CHECK(progress_calls >= 4);
    for (const auto& e : report.recordings) {
        CHECK(e.verified);
        CHECK(slurp(dir / "stick/" + e.media_rel) == slurp(e.recording.media_path));
        CHECK(fs::exists(dir / "stick/" + e.sidecar_rel));
    }
    CHECK(fs::exists(dir / "stick/2024-04-29/wong.mp4"));
    auto manifest = nlohmann::json::parse(slurp(dir / "stick/manifest.json"));
    CHECK(manifest["recordings"].size() == 2);
    CHECK(manifest["recordings"][0]["verified"] == true);
    const std::string csv = slurp(dir / "stick/manifest.csv");
    CHECK(csv.find("\"2024-04-29/wong.mp4\"") != std::string::npos);
    const std::string index = slurp(dir / "stick/index.html");
    CHECK(index.find("<a href=\"2024-04-29/wong.mp4\">Open &lt;Science&gt;</a>") != std::string::npos);
    CHECK(index.find("Frank Wong 黄国强") != std::string::npos);
    // The exported folder is itself a catalogue source that verifies clean.
    for (const auto& r : recordings_in(dir / "stick")) CHECK(verify_recording(r).outcome == VerifyOutcome::Ok);
}

TEST_CASE("an export stopped mid-copy leaves no file under its final name") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "long", .bytes = 5 << 20, .seed = 6});
    std::atomic<bool> cancel{false};
    ExportOptions options;
    options.cancel = &cancel;
    options.progress = [&](const ExportProgress& p) {
        if (p.bytes_done > 0) cancel = true;  // the stick is pulled after the first block
    };
    ExportReport report = export_recordings(recordings_in(dir / "rec"), dir / "stick", options);
    CHECK(report.cancelled);
    CHECK(report.failed == 1);
    CHECK(!fs::exists(dir / "stick/2024-04-29/long.mp4"));
    CHECK(!fs::exists(dir / "stick/2024-04-29/long.mp4.part"));
    CHECK(slurp(dir / "stick/manifest.csv").find(",no,") != std::string::npos);
}

TEST_CASE("a recording whose file no longer matches its sidecar is not exported as verified") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "cut", .bytes = 10000, .seed = 7});
    fs::resize_file(dir / "rec/cut.mp4", 5000);
    ExportReport report = export_recordings(recordings_in(dir / "rec"), dir / "stick");
    REQUIRE(report.recordings.size() == 1);
    CHECK(!report.recordings[0].verified);
    CHECK(report.recordings[0].problem.find("size differs") != std::string::npos);
    CHECK(!fs::exists(dir / "stick/2024-04-29/cut.mp4"));
}
