// The preview is made only while someone asks for it: a recording nobody watches (lectern record,
// a headless room without a dashboard open) spends nothing on scaling pictures for a screen.
#include "media_test_support.h"
#include "preview_tap.h"
#include "recorder.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("the preview tap wants pictures only for a while after someone asked") {
    PreviewTap tap(160, 15, 30);  // every second frame
    const PreviewTap::Time t0 = std::chrono::steady_clock::now();
    CHECK_FALSE(tap.due(0, t0));
    PreviewFrame out;
    CHECK_FALSE(tap.latest(out, t0));  // nothing made yet, but now it is asked for
    CHECK(tap.due(0, t0));
    CHECK_FALSE(tap.due(1, t0));
    CHECK(tap.due(2, t0 + PreviewTap::kAskedFor - 1ms));
    CHECK_FALSE(tap.due(2, t0 + PreviewTap::kAskedFor + 1ms));
}

TEST_CASE("a preview picture is the newest frame scaled, each one newer than the last") {
    PreviewTap tap(160, 30, 30);
    av::FramePtr frame = av::make_video_frame(640, 360, AV_PIX_FMT_YUV420P);
    REQUIRE(frame);
    for (int plane = 0; plane < 3; ++plane)
        for (int y = 0; y < (plane ? 180 : 360); ++y)
            std::fill_n(frame->data[plane] + y * frame->linesize[plane], plane ? 320 : 640, plane ? 128 : 235);
    PreviewFrame out;
    tap.offer(frame.get());
    REQUIRE(tap.latest(out, std::chrono::steady_clock::now()));
    CHECK(out.width == 160);
    CHECK(out.height == 90);
    REQUIRE(out.rgba.size() == 160u * 90u * 4u);
    CHECK(int(out.rgba[0]) > 230);  // white stays white
    const int64_t first = out.sequence;
    CHECK_FALSE(tap.latest(out, std::chrono::steady_clock::now()));  // nothing newer
    tap.offer(frame.get());
    tap.offer(frame.get());
    REQUIRE(tap.latest(out, std::chrono::steady_clock::now()));
    CHECK(out.sequence == first + 2);
    CHECK(out.rgba.size() == 160u * 90u * 4u);
}

TEST_CASE("a recording nobody watches makes no preview until someone asks") {
    std::string dir = test::fresh_dir("unwatched");
    Recorder recorder(test::small_config(dir));
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("Unwatched")));
    test::wait_for_frames(recorder, 20);  // previews would have been due every second frame
    PreviewFrame preview;
    CHECK_FALSE(recorder.latest_preview(preview));  // none was made while nobody asked
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    bool got = false;
    while (!got && std::chrono::steady_clock::now() < deadline) {
        got = recorder.latest_preview(preview);
        if (!got) std::this_thread::sleep_for(5ms);  // polling the condition, not timing it
    }
    CHECK(got);
    CHECK(preview.width == 160);
    recorder.stop();
    REQUIRE(recorder.wait_finished(20s));
}
