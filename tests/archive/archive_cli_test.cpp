// `lectern archive` as staff run it: find a speech, check it agrees with sha256sum, export a day.
#include "archive_fixtures.h"
#include "png_image.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace lectern::archive_test;
namespace fs = std::filesystem;

namespace {
const std::string lectern_bin = LECTERN_BIN_DIR + "/lectern";

std::string archive(const ScratchDir& dir, const std::string& args) {
    return lectern_bin + " archive " + args + " --catalog " + dir / "catalog.db" + " 2>&1";
}
}  // namespace

TEST_CASE("archive search finds Frank Wong's talk by his Chinese name and show prints its fields") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "wong", .title = "Open Science", .speakers = {{"Frank Wong", "黄国强", "HKU"}}, .seed = 1});
    write_fake_recording(dir / "rec", {.stem = "wu", .title = "Address", .speakers = {{"Wu Jianmin", "伍建民", ""}}, .seed = 2});
    REQUIRE(run_command(archive(dir, "reindex " + dir / "rec")).status == 0);
    CommandResult found = run_command(archive(dir, "search 黄国强 --json"));
    REQUIRE(found.status == 0);
    auto j = nlohmann::json::parse(found.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["title"] == "Open Science");
    CommandResult shown = run_command(archive(dir, "show " + std::to_string(j[0]["id"].get<int>())));
    CHECK(shown.status == 0);
    CHECK(shown.out.find("speaker   Frank Wong 黄国强 — HKU") != std::string::npos);
    CHECK(run_command(archive(dir, "search --speaker \"frank WONG\"")).out.find("Open Science") != std::string::npos);
}

TEST_CASE("archive verify agrees with sha256sum and exits 1 when a file changed") {
    ScratchDir dir;
    auto wong = write_fake_recording(dir / "rec", {.stem = "wong", .seed = 1});
    write_fake_recording(dir / "rec", {.stem = "wu", .seed = 2});
    REQUIRE(run_command(archive(dir, "reindex " + dir / "rec")).status == 0);
    CommandResult ok = run_command(archive(dir, "verify --json"));
    CHECK(ok.status == 0);
    CommandResult sum = run_command("sha256sum " + wong.media);
    auto verified = nlohmann::json::parse(ok.out);
    bool seen = false;
    for (const auto& v : verified)
        if (v["media_path"] == fs::absolute(wong.media).string()) {
            seen = true;
            CHECK(v["outcome"] == "ok");
            CHECK(sum.out.substr(0, 64) == v["sha256"].get<std::string>());
        }
    CHECK(seen);
    std::ofstream(wong.media, std::ios::app) << "tampered";
    CommandResult bad = run_command(archive(dir, "verify"));
    CHECK(bad.status == 1);
    CHECK(bad.out.find("changed") != std::string::npos);
    CHECK(run_command(lectern_bin + " archive verify --dir " + dir / "rec").status == 1);
}

TEST_CASE("archive export of one day writes a folder that verifies on its own") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "day1", .actual_start = "2024-04-29T09:10:00+08:00", .seed = 1});
    write_fake_recording(dir / "rec", {.stem = "day2", .actual_start = "2024-04-30T09:10:00+08:00", .seed = 2});
    REQUIRE(run_command(archive(dir, "reindex " + dir / "rec")).status == 0);
    CommandResult r = run_command(archive(dir, "export " + dir / "out" + " --date 2024-04-29"));
    CHECK(r.status == 0);
    CHECK(fs::exists(dir / "out/2024-04-29/day1.mp4"));
    CHECK(!fs::exists(dir / "out/2024-04-30/day2.mp4"));
    CHECK(fs::exists(dir / "out/index.html"));
    CHECK(run_command(lectern_bin + " archive verify --dir " + dir / "out").status == 0);
}

TEST_CASE("archive with an unknown option exits 2 and shows the usage") {
    ScratchDir dir;
    CommandResult r = run_command(archive(dir, "list --colour"));
    CHECK(r.status == 2);
    CHECK(r.out.find("usage: lectern archive") != std::string::npos);
}
