// Issue 12 item 2: the idle lobby at 1920x1080 on a machine without a GPU (Xvfb, Mesa's llvmpipe)
// used 166 MB resident, about 110 MB of it GL's driver (libLLVM's code, llvmpipe's heap and frame
// buffers), while the lobby changes a few times a minute. display.renderer = "auto" draws a lobby
// kiosk with SDL's software renderer into the window's own pixels, so no GL driver is loaded.
#include "kiosk_session.h"
#include "window_renderer.h"
#include "lectern_config.h"
#include "station_process.h"

#include <doctest/doctest.h>

#include <string>

using namespace lectern;
using namespace lectern::test;
using namespace std::chrono_literals;

TEST_CASE("display.renderer auto draws the lobby in software and the live room and timer screens with GL on a GPU") {
    CHECK(choose_renderer("auto", ScreenId::Lobby) == FrameRenderer::Kind::Software);
    CHECK(choose_renderer("auto", ScreenId::Room) == FrameRenderer::Kind::GlOnGpu);
    CHECK(choose_renderer("auto", ScreenId::Timer) == FrameRenderer::Kind::GlOnGpu);
    CHECK(LecternConfig{}.display.renderer == "auto");
}

TEST_CASE("GL renderers that rasterize on the CPU are told from GPU drivers by their GL_RENDERER name") {
    CHECK(rasterizes_on_cpu("llvmpipe (LLVM 15.0.6, 256 bits)"));
    CHECK(rasterizes_on_cpu("softpipe"));
    CHECK(rasterizes_on_cpu("Mesa DRI Intel(R) HD Graphics (Software Rasterizer)"));
    CHECK(rasterizes_on_cpu("Google SwiftShader"));
    CHECK_FALSE(rasterizes_on_cpu("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
    CHECK_FALSE(rasterizes_on_cpu("AMD Radeon Graphics (renoir, LLVM 15.0.6, DRM 3.49, 6.1.0-18-amd64)"));
    CHECK_FALSE(rasterizes_on_cpu("NVIDIA GeForce GTX 1650/PCIe/SSE2"));
    CHECK_FALSE(rasterizes_on_cpu(""));  // GL told us nothing: keep it
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

namespace {

// The real kiosk, fullscreen on its own Xvfb, with these lines in its [kiosk] table.
StationOptions kiosk_on(const XvfbDisplay& display, const std::string& id, const std::string& kiosk_lines) {
    StationOptions options;
    options.args = {};  // the kiosk itself, fullscreen
    options.kiosk_id = id;
    options.kiosk_extra = kiosk_lines;
    options.env = {{"DISPLAY", display.name}};
    return options;
}

// The screens' background colour reaches the X server (an undrawn window is black).
bool shows_background(const XvfbDisplay& display) {
    auto pixel = [&] { return run_shell("import -display " + display.name + " -window root -crop 1x1+4+4 txt:-").output; };
    const bool shown = wait_until([&] { return pixel().find("(14,18,26)") != std::string::npos; }, 30s);
    if (!shown) MESSAGE("top left pixel: " << pixel());
    return shown;
}

// No vendor GL (libGLX_mesa, libGLX_nvidia), Mesa driver or LLVM in the process: they load only for
// a GL context. libGLX itself comes with FFmpeg's OpenGL output device.
void check_no_gl_driver(const StationProcess& kiosk) {
    const std::string maps = read_text("/proc/" + std::to_string(kiosk.pid) + "/maps");
    CHECK(maps.find("libGLX_") == std::string::npos);
    CHECK(maps.find("_dri.so") == std::string::npos);
    CHECK(maps.find("libLLVM") == std::string::npos);
}

}  // namespace

TEST_CASE("a lobby kiosk on X shows its picture without loading a GL driver") {
    XvfbDisplay display("1280x720");
    StationProcess kiosk(kiosk_on(display, "foyer", "screen = \"lobby\"\n"));
    CHECK(shows_background(display));
    CHECK(kiosk.log().find("drawn by SDL's software renderer (display.renderer = \"auto\")") != std::string::npos);
    check_no_gl_driver(kiosk);
    CHECK(kiosk.terminate(30s) == 0);
}

TEST_CASE("a room kiosk on X whose GL draws on the CPU (llvmpipe) draws with SDL's software renderer instead") {
    XvfbDisplay display("1280x720");  // Xvfb has no GPU: Mesa's GL there is llvmpipe
    StationProcess kiosk(kiosk_on(display, "hall", "screen = \"room\"\nroom = \"hall\"\n"));
    CHECK(shows_background(display));
    INFO("kiosk log: " << kiosk.log());
    CHECK(kiosk.log().find("GL draws on the CPU here (llvmpipe") != std::string::npos);
    CHECK(kiosk.log().find("drawn by SDL's software renderer (display.renderer = \"auto\")") != std::string::npos);
    check_no_gl_driver(kiosk);  // a child of the kiosk asked GL for its name
    CHECK(kiosk.terminate(30s) == 0);
}
