// The "NO SIGNAL" slate from assets/ is what a recording shows while its source is lost; without
// the picture the recorder still records, on a plain plate, and says why.
#include "assets.h"
#include "media_test_support.h"
#include "recorder.h"
#include "slate.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("a recording whose source is lost shows the NO SIGNAL slate, letterboxed") {
    std::string dir = test::fresh_dir("slate");
    // A black picture: any bright pixel in the recording can only come from the slate.
    std::string clip = test::make_clip(dir, "black.mp4", "color=c=black:size=320x240:rate=30", 1);
    MediaConfig c = test::file_config(dir + "/rec", clip, false);
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("lost")));
    recorder.stop_at(3.5);
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    REQUIRE(recorder.status().slate_frames > 30);

    const int w = 320, h = 240;
    std::string source = test::luma_at(done->media_path, 0.3, w, h);
    std::string slate = test::luma_at(done->media_path, 3.2, w, h);
    REQUIRE(source.size() == w * h);
    REQUIRE(slate.size() == w * h);
    CHECK(test::bright_share(source, w, 0, 0, w, h) == 0);
    // The 16:9 slate in a 4:3 frame: 320x180 between black bars 30 rows high.
    CHECK(test::mean_luma(slate, w, 0, 2, w, 26) < 24);
    CHECK(test::mean_luma(slate, w, 0, 214, w, 238) < 24);
    // Dark blue above the words, and "NO SIGNAL" in bright letters across the middle.
    CHECK(test::mean_luma(slate, w, 0, 40, w, 90) == doctest::Approx(45).epsilon(0.5));
    CHECK(test::bright_share(slate, w, 0, 40, w, 90) == 0);
    CHECK(test::bright_share(slate, w, 80, 102, 240, 122) > 0.25);
}

TEST_CASE("a missing slate picture is named with its fix, and a plain plate is recorded instead") {
    std::string dir = test::fresh_dir("slate-missing");
    auto missing = load_slate(dir + "/slate-no-signal.png", 320, 240);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().find(dir + "/slate-no-signal.png") != std::string::npos);
    CHECK(missing.error().find("LECTERN_ASSETS_DIR") != std::string::npos);

    // make_slate() looks in the assets folder; point it at an empty one and catch the log line.
    ::setenv("LECTERN_ASSETS_DIR", dir.c_str(), 1);
    std::string log = dir + "/stderr.txt";
    int saved = ::dup(2);
    int file = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(file, 2);
    av::FramePtr plate = make_slate(320, 240);
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(file);
    ::close(saved);
    ::unsetenv("LECTERN_ASSETS_DIR");

    REQUIRE(plate);
    CHECK(plate->width == 320);
    CHECK(plate->height == 240);
    CHECK(plate->data[0][120 * plate->linesize[0] + 160] == 40);
    std::string said = test::read_text(log);
    CHECK(said.find("NO SIGNAL slate " + dir + "/slate-no-signal.png") != std::string::npos);
    CHECK(said.find("plain plate") != std::string::npos);
}

TEST_CASE("the shipped slate picture is found beside the binary and fills the recording size") {
    auto picture = load_slate(asset_path("slate-no-signal.png"), 1280, 720);
    REQUIRE_MESSAGE(picture, picture.error());
    CHECK((*picture)->width == 1280);
    CHECK((*picture)->height == 720);
    CHECK((*picture)->format == AV_PIX_FMT_YUV420P);
}
