// The Recordings screen's display-free parts: its worker (searches and thumbnails off the frame
// thread), the removable drives it offers, the copy to a stick, and the QR code of a link.
#include "archive_fixtures.h"
#include "drive_copier.h"
#include "lectern_config.h"
#include "png_image.h"
#include "recording_link.h"
#include "recordings_browser.h"
#include "removable_drives.h"
#include "sha256.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <png.h>

#include <filesystem>
#include <fstream>

using namespace lectern;
using namespace lectern::archive_test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

// The QR code as a PNG: 8 pixels a module and the 4-module quiet zone readers need.
void write_qr_png(const QrCode& qr, const std::string& path) {
    const int scale = 8, side = (qr.size + 8) * scale;
    std::vector<uint8_t> grey(static_cast<size_t>(side) * side, 255);
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x)
            if (qr.dark(x, y))
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx) grey[static_cast<size_t>((y + 4) * scale + dy) * side + (x + 4) * scale + dx] = 0;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = image.height = static_cast<png_uint_32>(side);
    image.format = PNG_FORMAT_GRAY;
    REQUIRE(png_image_write_to_file(&image, path.c_str(), 0, grey.data(), side, nullptr));
}

std::unique_ptr<Catalog> catalog_of(const std::string& db, const std::string& dir) {
    auto catalog = Catalog::open(db);
    catalog->reindex({dir});
    return catalog;
}

}  // namespace

TEST_CASE("removable drives are the writable mounts on removable or USB disks, spaces in names and all") {
    ScratchDir dir;
    const fs::path sys = dir / "sys/block";
    write_file(sys / "sda/removable", "0\n");
    fs::create_directories(sys / "sda/sda1");
    write_file(sys / "sdb/removable", "1\n");
    fs::create_directories(sys / "sdb/sdb1");
    write_file(sys / "mmcblk0/removable", "1\n");
    fs::create_directories(sys / "mmcblk0/mmcblk0p1");
    fs::create_directories(dir / "media/MY STICK");
    fs::create_directories(dir / "media/CARD");
    write_file(dir / "mounts", "/dev/sda1 / ext4 rw,relatime 0 0\n"
                               "proc /proc proc rw 0 0\n"
                               "/dev/sdb1 " + dir.path + "/media/MY\\040STICK vfat rw,nosuid 0 0\n"
                               "/dev/mmcblk0p1 " + dir.path + "/media/CARD vfat ro,nosuid 0 0\n");
    auto drives = list_removable_drives({dir / "mounts", sys});
    REQUIRE(drives.size() == 1);
    CHECK(drives[0].device == "/dev/sdb1");
    CHECK(drives[0].mount_point == dir / "media/MY STICK");
    CHECK(drives[0].label == "MY STICK");
    CHECK(drives[0].free_bytes > 0);
    CHECK(disk_of_partition("/dev/mmcblk0p1", sys) == "mmcblk0");
    CHECK(list_removable_drives({dir / "no-such-table", sys}).empty());
}

TEST_CASE("a copy to a drive verifies every file against its sidecar and only then says it is safe to remove") {
    ScratchDir dir;
    auto one = write_fake_recording(dir / "rec", {.stem = "wong", .title = "Proposals", .bytes = 300000, .seed = 5});
    write_fake_recording(dir / "rec", {.stem = "wu", .title = "Address", .seed = 6});
    auto catalog = catalog_of(dir / "catalog.db", dir / "rec");
    fs::create_directories(dir / "stick");
    DriveCopier copier;
    REQUIRE(copier.start(catalog->search({}).recordings, dir / "stick", "STICK"));
    REQUIRE(copier.wait(30s));
    const DriveCopyStatus status = copier.status();
    CHECK(status.state == DriveCopyStatus::State::Done);
    CHECK(status.safe_to_remove);
    CHECK(status.message.find("Safe to remove") != std::string::npos);
    CHECK(status.progress.files_done == 2);
    const fs::path copied = fs::path(drive_copy_folder(dir / "stick")) / "2024-04-29/wong.mp4";
    REQUIRE(fs::exists(copied));
    CHECK(sha256_file(copied.string()) == one.sha256);
    CHECK(fs::exists(fs::path(drive_copy_folder(dir / "stick")) / "index.html"));
    for (const auto& f : fs::recursive_directory_iterator(dir / "stick")) CHECK(f.path().extension() != ".part");
}

TEST_CASE("a copy stopped mid-file leaves no file on the drive that claims to be complete") {
    ScratchDir dir;
    write_fake_recording(dir / "rec", {.stem = "long", .bytes = 8 << 20, .seed = 7});
    auto catalog = catalog_of(dir / "catalog.db", dir / "rec");
    std::atomic<bool> pulled{false};
    ExportOptions options;
    options.cancel = &pulled;
    options.progress = [&](const ExportProgress& p) {
        if (p.bytes_done > 0) pulled = true;  // the stick goes after the first megabyte
    };
    const DriveCopyReport report = copy_to_drive(catalog->search({}).recordings, dir / "stick", options);
    CHECK_FALSE(report.safe_to_remove);
    CHECK(report.problem.find("cancelled") != std::string::npos);
    CHECK_FALSE(fs::exists(fs::path(drive_copy_folder(dir / "stick")) / "2024-04-29/long.mp4"));
    CHECK_FALSE(fs::exists(fs::path(drive_copy_folder(dir / "stick")) / "2024-04-29/long.mp4.part"));
}

TEST_CASE("the link of a recording is the staff page searching for it, else a finished WebDAV upload") {
    Recording r;
    r.file = "0910-wu.mp4";
    r.title = "Address: Challenges & Opportunities";
    LecternConfig config;
    CHECK_FALSE(recording_link(r, config).has_value());
    config.archive.page_url = "http://10.0.0.5:8080/";
    auto page = recording_link(r, config);
    REQUIRE(page.has_value());
    CHECK(page->url == "http://10.0.0.5:8080/recordings.html?q=Address%3a+Challenges+%26+Opportunities");
    config.archive.page_url.clear();
    UploadTargetConfig dav;
    dav.name = "nas";
    dav.kind = "webdav";
    dav.url = "https://dav.example.org/talks/";
    config.upload.targets.push_back(dav);
    r.uploads = {{"nas", "uploading", "bjast/2024-04-29/hall/0910-wu", ""}};
    CHECK_FALSE(recording_link(r, config).has_value());  // not there yet
    r.uploads[0].state = "done";
    auto uploaded = recording_link(r, config);
    REQUIRE(uploaded.has_value());
    CHECK(uploaded->url == "https://dav.example.org/talks/bjast/2024-04-29/hall/0910-wu.mp4");
    CHECK(uploaded->where == "uploaded to nas");
}

TEST_CASE("a QR code of a link reads back as exactly that link") {
    ScratchDir dir;
    const std::string url = "http://10.0.0.5:8080/recordings.html?q=Address%3a+Challenges+%26+Opportunities";
    const QrCode qr = make_qr_code(url);
    CHECK((qr.size - 17) % 4 == 0);  // 21, 25, 29 …: a real QR version
    CHECK(qr.size >= 21);
    write_qr_png(qr, dir / "qr.png");
    const CommandResult read = run_command("echo; zbarimg --raw -q " + dir / "qr.png" + " 2>/dev/null");
    REQUIRE(read.status == 0);
    // zbarimg may print a D-Bus complaint before the code: the code is the last line.
    CHECK(read.out.ends_with("\n" + url + "\n"));
    CHECK_THROWS_WITH_AS(make_qr_code(std::string(8000, 'x')), doctest::Contains("too long"), std::runtime_error);
}

TEST_CASE("the recordings worker answers searches and decodes thumbnails of real recordings off the caller's thread") {
    ScratchDir dir;
    REQUIRE(run_command(LECTERN_BIN_DIR + "/lectern record --item intro-iss --out " + dir / "rec" + " --duration 4s > /dev/null 2>&1").status == 0);
    write_fake_recording(dir / "rec", {.stem = "wong", .title = "Proposals", .speakers = {{"Frank Wong", "黄国强", "KITECH"}}, .seed = 3});
    BrowserSettings settings;
    settings.open_catalog = [&] { return catalog_of(dir / "catalog.db", dir / "rec"); };
    settings.thumbnail_width = 160;
    RecordingsBrowser browser(settings);
    browser.set_active(true);
    browser.search("");
    REQUIRE(browser.wait_settled("", 30s));
    CHECK(browser.snapshot()->results.size() == 2);
    std::vector<ReadyThumbnail> thumbnails = browser.take_thumbnails();
    REQUIRE(thumbnails.size() == 2);  // one each, made once
    int pictures = 0;
    for (const auto& t : thumbnails) {
        if (t.picture.width == 160) ++pictures;
        else CHECK(t.error.find(t.media_path) != std::string::npos);  // the fake file is no video
    }
    CHECK(pictures == 1);

    browser.search("FRANKwong");
    REQUIRE(browser.wait_settled("FRANKwong", 10s));
    auto found = browser.snapshot();
    REQUIRE(found->results.size() == 1);
    CHECK(found->results[0].title == "Proposals");
    CHECK(browser.take_thumbnails().empty());  // cached: not decoded again
    browser.search("黄国强");
    REQUIRE(browser.wait_settled("黄国强", 10s));
    CHECK(browser.snapshot()->results.size() == 1);
}

TEST_CASE("a catalog that cannot be opened becomes a problem in the snapshot, not an exception") {
    BrowserSettings settings;
    settings.open_catalog = []() -> std::unique_ptr<Catalog> { throw std::runtime_error("cannot open /nowhere/catalog.db"); };
    RecordingsBrowser browser(settings);
    browser.search("x");
    CHECK(test::wait_until([&] { return browser.snapshot() && !browser.snapshot()->problem.empty(); }, 10));
    CHECK(browser.snapshot()->problem.find("/nowhere/catalog.db") != std::string::npos);
}
