// Playback on the console: a recording the suite makes with `lectern record`, decoded by the
// playback thread into pictures and sound with increasing times, and a seek that lands on time.
#include "archive_fixtures.h"
#include "playback_decoder.h"
#include "png_image.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace lectern;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::string record_seconds(const archive_test::ScratchDir& dir, int seconds) {
    const std::string out = dir / "rec";
    REQUIRE(run_command(LECTERN_BIN_DIR + "/lectern record --out " + out + " --duration " + std::to_string(seconds) + "s > /dev/null 2>&1").status == 0);
    for (const auto& f : fs::directory_iterator(out))
        if (f.path().extension() == ".mp4") return f.path();
    FAIL("lectern record wrote no .mp4 in " << out);
    return "";
}

struct Played {
    std::vector<double> pictures, sounds;
    size_t samples = 0;  // per channel
    int width = 0;
};

// Takes everything the decoder makes until it has ended (or `limit` pictures came).
Played drain(PlaybackDecoder& d, size_t limit = 100000) {
    Played p;
    while (!d.finished() && p.pictures.size() < limit) {
        REQUIRE(d.wait_for_picture(10s));
        while (auto picture = d.take_picture()) {
            p.pictures.push_back(picture->seconds);
            p.width = picture->width;
            CHECK(picture->rgba.size() == size_t(picture->width) * picture->height * 4);
        }
        while (auto sound = d.take_sound()) {
            p.sounds.push_back(sound->seconds);
            p.samples += sound->samples.size() / d.options().channels;
        }
    }
    return p;
}

}  // namespace

TEST_CASE("playback decodes a real recording into pictures and sound with increasing times") {
    archive_test::ScratchDir dir;
    const std::string media = record_seconds(dir, 4);
    auto opened = PlaybackDecoder::open(media, {.max_width = 640});
    REQUIRE(opened.has_value());
    PlaybackDecoder& d = **opened;
    CHECK(d.duration_seconds() == doctest::Approx(4.0).epsilon(0.1));
    REQUIRE(d.has_sound());
    const Played p = drain(d);
    CHECK(d.error().empty());
    CHECK(p.width == 640);
    REQUIRE(p.pictures.size() >= 90);  // 4 s at the recorder's 25 or 30 fps, less a frame or two at the ends
    for (size_t i = 1; i < p.pictures.size(); ++i) CHECK(p.pictures[i] > p.pictures[i - 1]);
    for (size_t i = 1; i < p.sounds.size(); ++i) CHECK(p.sounds[i] > p.sounds[i - 1]);
    CHECK(p.pictures.front() < 0.1);
    CHECK(p.samples / 48000.0 == doctest::Approx(4.0).epsilon(0.1));  // the sound plays as long as the picture
}

TEST_CASE("a seek lands on the first picture at or just after the target, and the sound with it") {
    archive_test::ScratchDir dir;
    const std::string media = record_seconds(dir, 4);
    auto opened = PlaybackDecoder::open(media);
    REQUIRE(opened.has_value());
    PlaybackDecoder& d = **opened;
    REQUIRE(d.wait_for_picture(10s));
    d.seek(2.5);
    const Played p = drain(d, 3);
    REQUIRE(!p.pictures.empty());
    CHECK(p.pictures.front() >= 2.5 - 1e-3);
    CHECK(p.pictures.front() < 2.5 + 0.05);  // the next picture, not the keyframe before or one far after
    REQUIRE(!p.sounds.empty());
    CHECK(p.sounds.front() == doctest::Approx(2.5).epsilon(0.02));
    d.seek(60);  // past the end: clamped, and playback ends rather than hangs
    drain(d);
    CHECK(d.finished());
}

TEST_CASE("a file that is no recording cannot be played, and the reason names it") {
    archive_test::ScratchDir dir;
    std::ofstream(dir / "broken.mp4") << "not a video";
    auto opened = PlaybackDecoder::open(dir / "broken.mp4");
    REQUIRE(!opened.has_value());
    CHECK(opened.error().find(dir / "broken.mp4") != std::string::npos);
}
