// A source that changes size and pixel format mid-stream (a camera switching modes, a file of
// joined clips) is scaled afresh from its new size, not read through the old scaler.
#include "media_test_support.h"
#include "recorder.h"

#include <doctest/doctest.h>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("a file that changes from 640x480 4:2:0 to 1280x720 4:4:4 is recorded as each part looks") {
    std::string dir = test::fresh_dir("changing");
    // One second of gray 640x480 4:2:0, then 1.5 s of 1280x720 4:4:4 white on the left, black on the right.
    test::run("cd '" + dir + "' && "
              "ffmpeg -v error -f lavfi -i color=gray:size=640x480:rate=30 -t 1 -c:v libx264 -preset ultrafast "
              "-pix_fmt yuv420p -y a.ts && "
              "ffmpeg -v error -f lavfi -i color=white:size=640x720:rate=30,pad=1280:720:0:0:black -t 1.5 "
              "-c:v libx264 -preset ultrafast -pix_fmt yuv444p -y b.ts && "
              "printf 'file a.ts\\nfile b.ts\\n' > parts.txt && "
              "ffmpeg -v error -f concat -i parts.txt -c copy -y joined.ts");
    std::string formats =
        test::run("ffprobe -v error -show_entries frame=width,pix_fmt -of csv=p=0 '" + dir + "/joined.ts'");
    REQUIRE(formats.find("640,yuv420p") != std::string::npos);
    REQUIRE(formats.find("1280,yuv444p") != std::string::npos);
    MediaConfig c = test::file_config(dir + "/rec", dir + "/joined.ts", false);
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("changing")));
    recorder.stop_at(2.3);
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    CHECK(recorder.status().slate_frames == 0);

    const int w = 320, h = 240;
    std::string first = test::luma_at(done->media_path, 0.5, w, h);
    std::string second = test::luma_at(done->media_path, 1.9, w, h);
    REQUIRE(first.size() == w * h);
    REQUIRE(second.size() == w * h);
    // 4:3 into 4:3: the gray fills the frame.
    CHECK(test::mean_luma(first, w, 0, 0, w, h) == doctest::Approx(128).epsilon(0.1));
    // 16:9 into 4:3, letterboxed between rows 30 and 210: white left half, black right half.
    CHECK(test::mean_luma(second, w, 10, 40, 150, 200) > 200);
    CHECK(test::mean_luma(second, w, 170, 40, 310, 200) < 40);
    CHECK(test::mean_luma(second, w, 0, 2, w, 26) < 40);
}
