// The camera-like pattern (what the cost benchmarks encode in place of a camera) changes nearly
// every pixel from one frame to the next, as a sensor's noise does; the plain test pattern does not.
#include "media_test_support.h"
#include "sources/source.h"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace lectern;

namespace {

// The share of pixels whose luma differs by more than one level between the graph's frames 15 and 16.
double changed_share(const std::string& graph) {
    const int w = 320, h = 240;
    std::string raw = test::run("ffmpeg -v error -f lavfi -i \"" + graph +
                                "\" -vf \"select='between(n,15,16)'\" -vsync 0 -frames:v 2 -f rawvideo -pix_fmt gray -");
    REQUIRE(raw.size() == 2u * w * h);
    int changed = 0;
    for (int i = 0; i < w * h; ++i)
        changed += std::abs(static_cast<unsigned char>(raw[i]) - static_cast<unsigned char>(raw[w * h + i])) > 1;
    return static_cast<double>(changed) / (w * h);
}

}  // namespace

TEST_CASE("the camera-like pattern changes most pixels every frame, the plain test pattern few") {
    MediaConfig c = test::small_config("/tmp");
    CHECK(changed_share(camera_like_graph(c)) > 0.5);
    CHECK(changed_share(synthetic_graph(c, false)) < 0.2);
}
