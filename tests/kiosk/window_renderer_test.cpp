// Issue 12 item 2: the idle lobby at 1920x1080 on a machine without a GPU (Xvfb, Mesa's llvmpipe)
// used 166 MB resident, about 110 MB of it GL's driver (libLLVM's code, llvmpipe's heap and frame
// buffers), while the lobby changes a few times a minute. display.renderer = "auto" draws a lobby
// kiosk with SDL's software renderer into the window's own pixels, so no GL driver is loaded.
#include "kiosk_session.h"
#include "lectern_config.h"
#include "station_process.h"

#include <doctest/doctest.h>

#include <string>

using namespace lectern;
using namespace lectern::test;
using namespace std::chrono_literals;

TEST_CASE("display.renderer auto draws the lobby in software and the live room and timer screens with GL") {
    CHECK(choose_renderer("auto", ScreenId::Lobby) == FrameRenderer::Kind::Software);
    CHECK(choose_renderer("auto", ScreenId::Room) == FrameRenderer::Kind::Gl);
    CHECK(choose_renderer("auto", ScreenId::Timer) == FrameRenderer::Kind::Gl);
    CHECK(LecternConfig{}.display.renderer == "auto");
}

TEST_CASE("display.renderer gl or software holds for every screen") {
    for (ScreenId screen : {ScreenId::Lobby, ScreenId::Room, ScreenId::Timer}) {
        CHECK(choose_renderer("gl", screen) == FrameRenderer::Kind::Gl);
        CHECK(choose_renderer("software", screen) == FrameRenderer::Kind::Software);
    }
}

TEST_CASE("display.renderer takes auto, gl or software, and names the key and the choices otherwise") {
    CHECK(load_config_text("[display]\nrenderer = \"software\"\n", "lectern.toml").display.renderer == "software");
    std::string message;
    try {
        load_config_text("[display]\nrenderer = \"vulkan\"\n", "lectern.toml");
    } catch (const std::exception& e) {
        message = e.what();
    }
    CHECK(message.find("lectern.toml:2:") != std::string::npos);
    CHECK(message.find("'display.renderer': \"vulkan\" is not allowed; use one of \"auto\", \"gl\", \"software\"") != std::string::npos);
}

TEST_CASE("a lobby kiosk on X shows its picture without loading a GL driver") {
    XvfbDisplay display("1280x720");
    StationOptions options;
    options.args = {};  // the kiosk itself, fullscreen
    options.kiosk_id = "foyer";
    options.kiosk_extra = "screen = \"lobby\"\n";
    options.env = {{"DISPLAY", display.name}};
    StationProcess kiosk(options);

    // The lobby's background colour reaches the X server (an undrawn window is black).
    auto pixel = [&] { return run_shell("import -display " + display.name + " -window root -crop 1x1+4+4 txt:-").output; };
    CHECK(wait_until([&] { return pixel().find("(14,18,26)") != std::string::npos; }, 30s));
    INFO("top left pixel: " << pixel());
    CHECK(kiosk.log().find("drawn by SDL's software renderer (display.renderer = \"auto\")") != std::string::npos);
    const std::string maps = read_text("/proc/" + std::to_string(kiosk.pid) + "/maps");
    // libGLX itself comes with FFmpeg's OpenGL output device; a vendor's GL (libGLX_mesa,
    // libGLX_nvidia) and Mesa's drivers load only for a GL context.
    CHECK(maps.find("libGLX_") == std::string::npos);
    CHECK(maps.find("_dri.so") == std::string::npos);
    CHECK(maps.find("libLLVM") == std::string::npos);
    CHECK(kiosk.terminate(30s) == 0);
}
