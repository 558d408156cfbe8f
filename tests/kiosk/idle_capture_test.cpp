// An idle kiosk captures nothing: the recorder opens only when a screen shows its preview or a
// command needs it (issue 12 item 2: an idle lobby used 8% of a core encoding a picture nobody saw).
#include "frame_renderer.h"
#include "recording_station.h"
#include "ui_driver.h"

#include "process_threads.h"

#include <doctest/doctest.h>

#include <dirent.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

using namespace lectern;
namespace fs = std::filesystem;


TEST_CASE("a kiosk showing the lobby runs no capture until a screen with the preview wants it") {
    const fs::path dir = fs::temp_directory_path() / ("lectern-idle-capture-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    auto renderer = FrameRenderer::open_offscreen(320, 240);
    RecordingStation station(small_station_config(dir), "Asia/Shanghai");
    // Two seconds of lobby frames at the kiosk's idle pace: opening the synthetic source takes well
    // under that when something asks for it.
    RecorderView view;
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2); std::chrono::steady_clock::now() < end;) {
        view = station.recorder_view(*renderer);
        CHECK(threads_named("lectern-capture") == 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(threads_named("lectern-encode") == 0);
    CHECK(view.preview == nullptr);

    station.want_capture(true);  // the room screen or the console came up
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20); !view.preview && std::chrono::steady_clock::now() < end;) {
        view = station.recorder_view(*renderer);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK_MESSAGE(view.preview != nullptr, view.message);
    CHECK(threads_named("lectern-capture") == 1);
}

TEST_CASE("with automatic recording the recorder opens at start, before any screen asks") {
    const fs::path dir = fs::temp_directory_path() / ("lectern-idle-capture-auto-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    LecternConfig config = small_station_config(dir);
    config.session.auto_record = true;
    auto renderer = FrameRenderer::open_offscreen(320, 240);
    RecordingStation station(config, "Asia/Shanghai");
    RecorderView view;
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20); !view.preview && std::chrono::steady_clock::now() < end;) {
        view = station.recorder_view(*renderer);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK_MESSAGE(view.preview != nullptr, view.message);
}
