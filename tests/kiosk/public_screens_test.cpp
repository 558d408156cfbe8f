// Public screens (lobby, room, timer) show the audience what it needs; upload failures, server
// status codes and queue problems stay on the technician's console (issue 12 item 15).
#include "agenda_file.h"
#include "frame_renderer.h"
#include "local_time.h"
#include "recording_station.h"
#include "ui_driver.h"
#include "upload_queue.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace lectern;
namespace fs = std::filesystem;

namespace {

const std::string kServerError = "HTTP 503 from https://dav.example.org/recordings: Service Unavailable";

// One frame of `shell` at 1920x1080; returns what it drew.
uint64_t draw(FrameRenderer& renderer, KioskShell& shell, const Agenda& agenda, const ui::Fonts& fonts, TimePoint now,
              const RecorderView& recorder, const OperatorView& view) {
    renderer.begin_frame();
    ScreenContext ctx{agenda, now, fonts, renderer.size(), 12, {}};
    ctx.recorder = &recorder;
    shell.draw(ctx, view);
    renderer.end_frame(false);
    return renderer.picture_hash();
}

}  // namespace

TEST_CASE("the lobby, room and timer screens draw nothing of a failing upload, and the console does") {
    const auto agenda = std::make_shared<const Agenda>(demo_agenda());
    const TimePoint now = *parse_rfc3339("2024-04-29T09:40:00+08:00");
    auto renderer = FrameRenderer::open_offscreen(1920, 1080);
    const ui::Fonts fonts = renderer->load_fonts(ui::find_fonts(""), 1.0f, "");
    RecorderView recorder;
    recorder.state = RecorderView::State::Recording;
    OperatorView quiet;
    OperatorView failing;
    failing.problems = {"Could not queue talk.mp4: " + kServerError};
    UploadRow row;
    row.file = "talk.mp4";
    row.target = "dav";
    row.state = "failed";
    row.error = kServerError;
    failing.uploads = {row};

    for (ScreenId screen : {ScreenId::Lobby, ScreenId::Room, ScreenId::Timer}) {
        CAPTURE(static_cast<int>(screen));
        KioskShell shell(LecternConfig{}, screen, "", agenda, nullptr);
        draw(*renderer, shell, *agenda, fonts, now, recorder, quiet);  // ImGui settles sizes on the first frame
        CHECK(draw(*renderer, shell, *agenda, fonts, now, recorder, failing) == draw(*renderer, shell, *agenda, fonts, now, recorder, quiet));
    }
    KioskShell console(LecternConfig{}, ScreenId::Room, "", agenda, nullptr);
    console.show_operator_for_screenshot(now);
    draw(*renderer, console, *agenda, fonts, now, recorder, quiet);
    CHECK(draw(*renderer, console, *agenda, fonts, now, recorder, failing) != draw(*renderer, console, *agenda, fonts, now, recorder, quiet));
}

TEST_CASE("a failed upload in the queue is no alert in the recorder view the public room screen draws") {
    const fs::path dir = fs::absolute("public_screens");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const LecternConfig config = small_station_config(dir);
    {
        // A job that failed for good before this start, with the server's status in its error.
        std::ofstream(dir / "talk.mp4") << "not a video";
        std::ofstream(dir / "talk.json") << "{}";
        auto queue = UploadQueue::open(config.upload.queue_db);
        const auto ids = queue->enqueue((dir / "talk.mp4").string(), (dir / "talk.json").string(), {{"archive", "talk.mp4"}});
        REQUIRE(ids.size() == 1);
        queue->finish_attempt(ids[0], JobState::Failed, kServerError, 0);
    }
    RecordingStation station(config, "Asia/Shanghai");
    station.want_capture(true);
    auto renderer = FrameRenderer::open_offscreen(320, 240);
    RecorderView view;
    std::vector<UploadRow> rows;
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
         (!view.preview || rows.empty()) && std::chrono::steady_clock::now() < end;) {
        view = station.recorder_view(*renderer);
        rows = station.upload_rows();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE_MESSAGE(view.preview != nullptr, view.message);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].state == "failed");  // the console's uploads panel has it
    for (const std::string& alert : view.alerts) CHECK(alert.find("503") == std::string::npos);
}
