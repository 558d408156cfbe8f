// The Recordings screen's desk on the app side: a real recording found, played into a texture, and
// playback refused and stopped while the recorder records.
#include "frame_renderer.h"
#include "recordings_desk.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace lectern;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Frames at the kiosk's playback pace until `done` holds or the deadline passes.
template <class Done>
bool frames_until(RecordingsDesk& desk, FrameRenderer& renderer, bool busy, Done done, std::chrono::seconds deadline) {
    for (auto end = std::chrono::steady_clock::now() + deadline; std::chrono::steady_clock::now() < end;) {
        if (done(desk.update(renderer.sdl_renderer(), true, busy))) return true;
        std::this_thread::sleep_for(15ms);  // one kiosk frame
    }
    return false;
}

}  // namespace

TEST_CASE("a recording played on the console reaches the screen as a texture, and a recording start stops it") {
    setenv("SDL_AUDIODRIVER", "dummy", 1);  // a sound device that plays into nothing, on any machine
    const fs::path dir = fs::absolute("recordings_desk_test");
    fs::remove_all(dir);
    REQUIRE(std::system((LECTERN_BIN_DIR + "/lectern record --item address-wu --out " + (dir / "rec").string() + " --duration 3s > /dev/null 2>&1").c_str()) == 0);
    auto renderer = FrameRenderer::open_offscreen(640, 360);
    RecordingsDesk desk(LecternConfig{}, RecordingsDesk::folder_settings(dir / "rec", dir / "catalog.db"));
    desk.apply({{RecordingsRequest::Kind::Search, ""}}, false);
    REQUIRE(desk.browser().wait_settled("", 30s));
    const RecordingsView& view = desk.update(renderer->sdl_renderer(), true, false);
    REQUIRE(view.results);
    REQUIRE(view.results->size() == 1);
    const int64_t id = view.results->front().id;
    CHECK(desk.glyphs().find("伍建民") != std::string::npos);  // the fonts get the catalog's names

    desk.apply({{RecordingsRequest::Kind::Play, "", id}}, false);
    CHECK(frames_until(desk, *renderer, false, [](const RecordingsView& v) {
        return v.player.picture.texture && v.player.state == PlayerView::State::Playing && v.player.position > 0.3;
    }, 30s));
    CHECK(desk.playing());

    // The recorder starts: playback stops at once and the decoder goes.
    const RecordingsView& busy = desk.update(renderer->sdl_renderer(), true, true);
    CHECK(busy.player.state == PlayerView::State::Refused);
    CHECK(busy.player.picture.texture == nullptr);
    CHECK_FALSE(desk.playing());
    desk.apply({{RecordingsRequest::Kind::Play, "", id}}, true);
    CHECK(desk.update(renderer->sdl_renderer(), true, true).player.state == PlayerView::State::Refused);
    CHECK_FALSE(desk.playing());
    fs::remove_all(dir);
}
