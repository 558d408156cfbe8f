// The kiosk renders its screens offscreen to PNG, without a display, at every supported size, and
// shows the item that is on at the requested instant.
#include "png_image.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

const std::string lectern = LECTERN_BIN_DIR + "/lectern";

struct Shot {
    CommandResult result;
    PngImage image;
};

Shot screenshot(const std::string& name, const std::string& extra) {
    std::filesystem::create_directories("screenshots");
    const std::string path = "screenshots/" + name + ".png";
    std::filesystem::remove(path);
    Shot shot{run_command(lectern + " --screenshot " + path + " " + extra), {}};
    INFO(shot.result.out);
    REQUIRE(shot.result.status == 0);
    REQUIRE(std::filesystem::exists(path));
    shot.image = PngImage::read(path);
    return shot;
}

// The "now" accent colour (ui::colour::accent): the NOW tag, progress bar and timeline block.
size_t accent_pixels(const PngImage& image) { return image.count_near(64, 170, 255); }

// Alert banners under the console's preview (amber, 150,90,10): runs of amber rows down column x.
size_t alert_banners(const PngImage& image, unsigned x) {
    size_t bands = 0;
    bool inside = false;
    for (unsigned y = 0; y < image.height; ++y) {
        const uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
        const bool amber = std::abs(p[0] - 150) <= 4 && std::abs(p[1] - 90) <= 4 && std::abs(p[2] - 10) <= 4;
        bands += amber && !inside;
        inside = amber;
    }
    return bands;
}

}  // namespace

TEST_CASE("the lobby renders at 1920x1080, 1280x720, 3840x2160 and portrait 1080x1920 with the 09:40 item on") {
    for (const char* size : {"1920x1080", "1280x720", "3840x2160", "1080x1920"}) {
        CAPTURE(size);
        Shot shot = screenshot(std::string("lobby-") + size,
                               std::string("--screen lobby --size ") + size + " --at 2024-04-29T09:40:00+08:00");
        CHECK(std::to_string(shot.image.width) + "x" + std::to_string(shot.image.height) == size);
        CHECK(shot.image.distinct_colours() > 50);  // text is antialiased: a blank frame has one or two
        CHECK(shot.result.out.find("room hall: now intro-bjast, next intro-kitech") != std::string::npos);
        CHECK(accent_pixels(shot.image) > shot.image.width * 10u);  // the NOW tag, bar and block are drawn
    }
}

TEST_CASE("before the first item the lobby shows no item as on") {
    Shot shot = screenshot("lobby-early", "--size 1280x720 --at 2024-04-29T07:30:00+08:00");
    CHECK(shot.result.out.find("room hall: now -, next opening") != std::string::npos);
    CHECK(accent_pixels(shot.image) < 2000);  // only the search bar's title uses the accent
}

TEST_CASE("after the last item the lobby shows nothing on and nothing next") {
    Shot shot = screenshot("lobby-late", "--size 1280x720 --at 2024-04-29T18:00:00+08:00");
    CHECK(shot.result.out.find("room hall: now -, next -") != std::string::npos);
}

TEST_CASE("find my slot lists the speaker's slots under the name, and the on-screen keyboard fills the lower part") {
    const std::string at = "--size 1920x1080 --at 2024-04-29T09:40:00+08:00";
    Shot found = screenshot("lobby-search", at + " --search Wong");
    Shot none = screenshot("lobby-search-none", at + " --search Zyxw");
    Shot keyboard = screenshot("lobby-search-keyboard", at + " --search Wong --keyboard");
    // Frank Wong's talk and the two discussions he is in: what the finder drew from.
    CHECK(found.result.out.find("slot frank-wong: intro-oxentia") != std::string::npos);
    CHECK(none.result.out.find("slot ") == std::string::npos);
    // His name heads the list in the accent colour; "No speaker matches" has none.
    MESSAGE("accent pixels: found " << accent_pixels(found.image) << ", none " << accent_pixels(none.image));
    CHECK(accent_pixels(found.image) > accent_pixels(none.image) + 300);
    // The keyboard: the lower third of the screen changes, the upper third hardly (the search bar's caret).
    const auto differing = [&](const PngImage& a, const PngImage& b, unsigned from_row, unsigned to_row) {
        size_t n = 0;
        for (size_t i = size_t{from_row} * a.width * 4; i < size_t{to_row} * a.width * 4; i += 4) n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1];
        return n;
    };
    const unsigned h = found.image.height, w = found.image.width;
    const size_t lower = differing(keyboard.image, found.image, 2 * h / 3, h);
    CHECK(lower > w * h / 3 / 10);
    CHECK(differing(keyboard.image, found.image, 0, h / 3) < lower / 50);
}

TEST_CASE("a bad --at or --size is refused with exit status 2 and the form to use") {
    CommandResult r = run_command(lectern + " --screenshot x.png --at yesterday");
    CHECK(r.status == 2);
    CHECK(r.out.find("RFC 3339") != std::string::npos);
    r = run_command(lectern + " --screenshot x.png --size huge");
    CHECK(r.status == 2);
    CHECK(r.out.find("WIDTHxHEIGHT") != std::string::npos);
}

TEST_CASE("a bad agenda file named in the configuration stops the kiosk with the place of the problem") {
    std::filesystem::create_directories("screenshots");
    {
        FILE* f = std::fopen("screenshots/bad-agenda.toml", "w");
        std::fputs("[event]\nname = \"E\"\ntime_zone = \"Asia/Shanghai\"\n[[rooms]]\nid = \"a\"\nname = \"A\"\n[[items]]\nid = 3\n", f);
        std::fclose(f);
        f = std::fopen("screenshots/bad-agenda-config.toml", "w");
        std::fputs("[agenda]\nfile = \"screenshots/bad-agenda.toml\"\n", f);
        std::fclose(f);
    }
    CommandResult r = run_command(lectern + " --screenshot screenshots/never.png --config screenshots/bad-agenda-config.toml");
    CHECK(r.status == 2);
    CHECK(r.out.find("screenshots/bad-agenda.toml:8:") != std::string::npos);
    CHECK(r.out.find("'items[0].id': must be text") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists("screenshots/never.png"));
}

TEST_CASE("the room screen renders at 1920x1080 and 1280x800 with the speech on") {
    for (const char* size : {"1920x1080", "1280x800"}) {
        CAPTURE(size);
        Shot shot = screenshot(std::string("room-") + size, std::string("--screen room --size ") + size + " --at 2024-04-29T09:26:10+08:00");
        CHECK(shot.result.out.find("room hall: now address-wu") != std::string::npos);
        CHECK(shot.image.distinct_colours() > 50);
        CHECK(accent_pixels(shot.image) > shot.image.width * 10u);
    }
}

TEST_CASE("the speaker timer is green with time to spare, amber in the last five minutes and red in the last one") {
    // Colours of ui::colour::ok, ::warning and ::live, which the digits use in each phase.
    Shot plenty = screenshot("timer-plenty", "--screen timer --size 1280x800 --at 2024-04-29T09:15:00+08:00");
    Shot warning = screenshot("timer-warning", "--screen timer --size 1920x1080 --at 2024-04-29T09:26:10+08:00");
    Shot final = screenshot("timer-final", "--screen timer --size 1920x1080 --at 2024-04-29T09:29:20+08:00 --message \"Please wrap up\"");
    CHECK(plenty.image.count_near(70, 200, 120) > 20000u);
    CHECK(plenty.image.count_near(255, 170, 40) < 2000u);
    CHECK(warning.image.count_near(255, 170, 40) > 20000u);
    CHECK(warning.image.count_near(70, 200, 120) < 2000u);
    CHECK(final.image.count_near(236, 64, 64) > 20000u);
}

TEST_CASE("the operator console renders mid-session with an alert and uploads in progress at 1920x1080 and 1280x800") {
    for (const char* size : {"1920x1080", "1280x800"}) {
        CAPTURE(size);
        Shot shot = screenshot(std::string("operator-") + size,
                               std::string("--screen operator --size ") + size +
                                   " --at 2024-04-29T10:04:10+08:00 --state " + LECTERN_SOURCE_DIR + "/tests/data/state-recording-alert.json");
        CHECK(shot.image.distinct_colours() > 50);
        CHECK(shot.image.count_near(236, 64, 64) > 2000u);   // the REC badge and the failed upload's bar
        CHECK(shot.image.count_near(150, 90, 10, 4) > 5000u);  // the alert banner
    }
}

// The rundown's Skip and Edit buttons had their row's own colour and read as plain words.
TEST_CASE("the rundown's Skip and Edit buttons stand apart from their rows at 1920x1080 and 1280x800") {
    for (const char* size : {"1920x1080", "1280x800"}) {
        CAPTURE(size);
        Shot shot = screenshot(std::string("operator-buttons-") + size,
                               std::string("--screen operator --size ") + size +
                                   " --at 2024-04-29T10:04:10+08:00 --state " + LECTERN_SOURCE_DIR + "/tests/data/state-recording-alert.json");
        // Three or more buttons of at least 100x40 px each in the button colour (72, 84, 108).
        CHECK(shot.image.count_near(72, 84, 108, 4) > 3 * 100 * 40u);
    }
}

// The state has two alerts: the microphone's silence and the failing upload. At 1920x1080 the
// preview took the whole column and only the first banner was drawn (the rest silently dropped).
TEST_CASE("the console shows every alert under its preview at 1920x1080 and 1280x800, the preview giving way") {
    for (const char* size : {"1920x1080", "1280x800"}) {
        CAPTURE(size);
        Shot shot = screenshot(std::string("operator-alerts-") + size,
                               std::string("--screen operator --size ") + size +
                                   " --at 2024-04-29T10:04:10+08:00 --state " + LECTERN_SOURCE_DIR + "/tests/data/state-recording-alert.json");
        CHECK(alert_banners(shot.image, shot.image.width / 64 + 4) == 2);  // left of the banners' text
    }
}

TEST_CASE("a screen state file with a mistake is refused naming the file") {
    std::filesystem::create_directories("screenshots");
    FILE* f = std::fopen("screenshots/bad-state.json", "w");
    std::fputs("{\"recorder\": {\"elapsed_s\": \"long\"}}", f);
    std::fclose(f);
    CommandResult r = run_command(lectern + " --screenshot screenshots/x.png --screen operator --state screenshots/bad-state.json");
    CHECK(r.status == 2);
    CHECK(r.out.find("screenshots/bad-state.json") != std::string::npos);
}

TEST_CASE("the PIN pad renders at 1920x1080 and 1280x800 with its twelve keys") {
    for (const char* size : {"1920x1080", "1280x800"}) {
        CAPTURE(size);
        Shot shot = screenshot(std::string("pin-") + size, std::string("--screen pin --size ") + size);
        CHECK(shot.image.distinct_colours() > 20);
        CHECK(shot.image.count_near(40, 110, 190, 4) > 5000u);  // the OK key
    }
}
