#include "ui_driver.h"

#include "agenda_file.h"

#include <chrono>
#include <thread>

namespace lectern {

LecternConfig small_station_config(const std::filesystem::path& dir) {
    LecternConfig config;
    config.media.width = 320;
    config.media.height = 240;
    config.media.fps = 15;
    config.media.preview_width = 160;
    config.media.output_dir = (dir / "recordings").string();
    config.upload.targets = {UploadTargetConfig{}};
    config.upload.targets[0].name = "archive";
    config.upload.targets[0].kind = "folder";
    config.upload.targets[0].path = (dir / "archive").string();
    config.upload.queue_db = (dir / "uploads.db").string();
    return config;
}

UiDriver::UiDriver(const LecternConfig& config, ScreenId screen, TimePoint start, RecorderControl* recorder, int width, int height)
    : clock_(start), agenda_(std::make_shared<const Agenda>(demo_agenda())) {
    renderer_ = FrameRenderer::open_offscreen(width, height);
    std::string glyphs;
    for (const auto& s : agenda_->speakers) glyphs += s.native_name;
    fonts_ = renderer_->load_fonts(ui::find_fonts(""), 1.0f, glyphs);
    LecternConfig in_memory = config;
    in_memory.operator_console.lockout_file = "";  // tests of wrong PINs must not lock out the next run
    shell_ = std::make_unique<KioskShell>(in_memory, screen, "", agenda_, recorder);
}

std::vector<Intent> UiDriver::frame() {
    ImGuiIO& io = ImGui::GetIO();
    const bool input = io.MouseDown[0] || !io.InputQueueCharacters.empty();
    shell_->tick(clock_.now(), input);
    renderer_->begin_frame();
    ScreenContext ctx{*agenda_, clock_.now(), fonts_, renderer_->size(), 12, {}};
    std::vector<Intent> intents = shell_->draw(ctx, shell_->operator_view(clock_.now()));
    renderer_->end_frame(false);  // the input path is the same; the pixels are not needed
    shell_->apply(intents, clock_.now());
    // A submitted PIN is checked in the background: a person's next tap comes later than that.
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30); shell_->checking_pin() && std::chrono::steady_clock::now() < end;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        shell_->tick(clock_.now(), false);
    }
    all_intents.insert(all_intents.end(), intents.begin(), intents.end());
    return intents;
}

std::vector<Intent> UiDriver::tap(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    frame();  // hover first, as a real pointer arrives before it presses
    io.MouseDown[0] = true;
    auto intents = frame();
    io.MouseDown[0] = false;
    auto released = frame();
    intents.insert(intents.end(), released.begin(), released.end());
    return intents;
}

std::vector<Intent> UiDriver::hold(float x, float y, float secs) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseDown[0] = true;
    std::vector<Intent> intents;
    io.DeltaTime = 0.1f;
    for (float t = 0; t < secs; t += io.DeltaTime) {
        auto got = frame();
        intents.insert(intents.end(), got.begin(), got.end());
    }
    io.MouseDown[0] = false;
    frame();
    io.DeltaTime = 1.0f / 30;
    return intents;
}

std::vector<Intent> UiDriver::type(const std::string& ascii) {
    std::vector<Intent> intents;
    for (char c : ascii) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
        auto got = frame();
        intents.insert(intents.end(), got.begin(), got.end());
    }
    return intents;
}

std::vector<Intent> UiDriver::press(int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    auto intents = frame();
    io.KeysDown[key] = false;
    frame();
    return intents;
}

}  // namespace lectern
