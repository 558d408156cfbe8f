// The kiosk's Recordings screen as the real binary renders it (--screenshot --screen recordings):
// thumbnails decoded from a real recording, and a QR code a phone can read.
#include "archive_fixtures.h"
#include "png_image.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace lectern;
namespace fs = std::filesystem;

TEST_CASE("the Recordings screen shows a real recording's thumbnail and a QR code that reads as its link") {
    archive_test::ScratchDir dir;
    REQUIRE(run_command(LECTERN_BIN_DIR + "/lectern record --item address-wu --out " + dir / "rec" + " --duration 4s > /dev/null 2>&1").status == 0);
    std::ofstream(dir / "kiosk.toml") << "[archive]\npage_url = \"http://10.0.0.5:8080\"\ncatalog_db = \"" << dir / "catalog.db" << "\"\n";
    for (const char* size : {"1920x1080", "1280x800"}) {
        CAPTURE(size);
        const std::string png = dir / (std::string("recordings-") + size + ".png");
        const CommandResult shot = run_command(LECTERN_BIN_DIR + "/lectern --config " + dir / "kiosk.toml" + " --screenshot " + png +
                                               " --screen recordings --archive " + dir / "rec" + " --size " + size + " 2>&1");
        REQUIRE_MESSAGE(shot.status == 0, shot.out);
        const PngImage image = PngImage::read(png);
        // The synthetic source's colour bars: pure yellow only comes from the decoded pictures.
        CHECK(image.count_near(255, 255, 0, 30) > 2000);
        const CommandResult qr = run_command("echo; zbarimg --raw -q " + png + " 2>/dev/null");
        REQUIRE(qr.status == 0);
        CHECK(qr.out.ends_with("\nhttp://10.0.0.5:8080/recordings.html?q=Address%3a+Challenges+and+Opportunities+in+International\n"));
    }
}

TEST_CASE("the Recordings screen of an empty folder says so instead of failing") {
    archive_test::ScratchDir dir;
    fs::create_directories(dir / "empty");
    const std::string png = dir / "empty.png";
    const CommandResult shot = run_command(LECTERN_BIN_DIR + "/lectern --screenshot " + png + " --screen recordings --archive " + dir / "empty" +
                                           " --size 1280x800 2>&1");
    REQUIRE_MESSAGE(shot.status == 0, shot.out);
    CHECK(PngImage::read(png).distinct_colours() > 10);
}
