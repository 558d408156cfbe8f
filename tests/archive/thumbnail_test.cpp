// Thumbnails decoded with libav from a recording the suite makes with `lectern record`.
#include "archive_fixtures.h"
#include "png_image.h"
#include "thumbnail.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace lectern;
namespace fs = std::filesystem;

TEST_CASE("a thumbnail is a picture from a few seconds into a real recording, scaled with its aspect ratio") {
    archive_test::ScratchDir dir;
    REQUIRE(run_command(LECTERN_BIN_DIR + "/lectern record --out " + dir / "rec" + " --duration 4s > /dev/null 2>&1").status == 0);
    std::string media;
    for (const auto& f : fs::directory_iterator(dir / "rec"))
        if (f.path().extension() == ".mp4") media = f.path();
    REQUIRE(!media.empty());
    auto thumb = make_thumbnail(media, 3.0, 320);
    REQUIRE(thumb.has_value());
    CHECK(thumb->width == 320);
    CHECK(thumb->height == 180);  // 1280x720
    REQUIRE(thumb->rgba.size() == 320u * 180 * 4);
    std::set<uint32_t> colours;
    for (size_t i = 0; i < thumb->rgba.size(); i += 4)
        colours.insert(thumb->rgba[i] << 16 | thumb->rgba[i + 1] << 8 | thumb->rgba[i + 2]);
    CHECK(colours.size() > 50);  // the test pattern, not a blank frame
    auto late = make_thumbnail(media, 60.0, 160);  // past the end: the last picture
    REQUIRE(late.has_value());
    CHECK(late->width == 160);
}

TEST_CASE("a file that is no video gets a thumbnail error naming it") {
    archive_test::ScratchDir dir;
    std::ofstream(dir / "broken.mp4") << "not a video at all";
    auto thumb = make_thumbnail(dir / "broken.mp4");
    REQUIRE(!thumb.has_value());
    CHECK(thumb.error().find(dir / "broken.mp4") != std::string::npos);
}
