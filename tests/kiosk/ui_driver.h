// Drives the kiosk shell offscreen through ImGui's input, frame by frame, as a finger or keyboard
// would: the same path the live kiosk's SDL events take.
#pragma once

#include "frame_renderer.h"
#include "kiosk_shell.h"

#include <filesystem>
#include <memory>

namespace lectern {

// A recorder at 320x240 (synthetic source) into dir/recordings, uploads to the folder dir/archive.
LecternConfig small_station_config(const std::filesystem::path& dir);

class UiDriver {
public:
    UiDriver(const LecternConfig& config, ScreenId screen, TimePoint start, RecorderControl* recorder, int width = 1920, int height = 1080);

    std::vector<Intent> frame();                 // one frame with the current input
    std::vector<Intent> tap(float x, float y);   // press and release
    std::vector<Intent> hold(float x, float y, float seconds);
    std::vector<Intent> type(const std::string& ascii);  // characters, one frame each
    std::vector<Intent> press(int key);          // 13 Enter, 27 Escape, 8 Backspace
    void advance(seconds by) { clock_.advance(by); }
    TimePoint now() const { return clock_.now(); }

    KioskShell& shell() { return *shell_; }
    FrameRenderer& renderer() { return *renderer_; }
    ImVec2 size() const { return renderer_->size(); }
    std::vector<Intent> all_intents;             // everything screens returned so far

private:
    FixedClock clock_;
    std::shared_ptr<const Agenda> agenda_;
    std::unique_ptr<FrameRenderer> renderer_;
    std::unique_ptr<KioskShell> shell_;
    ui::Fonts fonts_;
};

}  // namespace lectern
