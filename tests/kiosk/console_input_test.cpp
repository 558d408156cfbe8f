// The public screens and the PIN pad, driven through the same input path the kiosk uses (taps and
// keys into ImGui, intents applied by the shell), with a recorder double that logs its calls.
#include "agenda_file.h"
#include "local_time.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {

struct CallLog final : RecorderControl {
    std::vector<std::string> calls;
    void start(const RecordingPlan& p) override { calls.push_back("start " + p.item_id); }
    void stop() override { calls.push_back("stop"); }
    void pause() override { calls.push_back("pause"); }
    void resume() override { calls.push_back("resume"); }
    void split(const RecordingPlan& p) override { calls.push_back("split " + p.item_id); }
};

const TimePoint kMorning = *parse_rfc3339("2024-04-29T09:15:00+08:00");

size_t count(const std::vector<Intent>& intents, IntentKind kind) {
    size_t n = 0;
    for (const auto& i : intents) n += i.kind == kind;
    return n;
}

}  // namespace

TEST_CASE("public screens expose no recording action to taps anywhere or to any key") {
    for (ScreenId screen : {ScreenId::Lobby, ScreenId::Room, ScreenId::Timer}) {
        CAPTURE(static_cast<int>(screen));
        CallLog recorder;
        UiDriver ui(LecternConfig{}, screen, kMorning, &recorder);
        const ImVec2 s = ui.size();
        for (float y = 10; y < s.y; y += s.y / 14)
            for (float x = 10; x < s.x; x += s.x / 24) ui.tap(x, y);
        ui.type("snpxlSNPXL 0123456789 abcdefghijklmnopqrstuvwxyz");
        for (int key : {13, 27, 8, 9, 32}) ui.press(key);
        CHECK(count(ui.all_intents, IntentKind::Run) == 0);
        CHECK(recorder.calls.empty());
        CHECK(ui.shell().mode() == KioskShell::Mode::Public);
        CHECK(ui.shell().controller().recordings_made() == 0);
    }
}

TEST_CASE("a recording command that reaches the shell from a public screen is refused") {
    CallLog recorder;
    UiDriver ui(LecternConfig{}, ScreenId::Lobby, kMorning, &recorder);
    ui.shell().apply({Intent{IntentKind::Run, Command{CommandKind::Start}, ""}}, kMorning);
    CHECK(recorder.calls.empty());
}

TEST_CASE("holding the clock opens the PIN pad, a wrong PIN keeps the console shut and the right one opens it") {
    CallLog recorder;
    UiDriver ui(LecternConfig{}, ScreenId::Lobby, kMorning, &recorder);
    ui.hold(ui.size().x - 100, 60, 2.5f);
    REQUIRE(ui.shell().mode() == KioskShell::Mode::PinPad);
    ui.type("0000");
    ui.press(13);
    CHECK(ui.shell().mode() == KioskShell::Mode::PinPad);
    ui.type("1234");
    ui.press(13);
    REQUIRE(ui.shell().mode() == KioskShell::Mode::Operator);
    // Keyboard shortcuts on the console: S starts, N is next speaker, X stops, L locks.
    ui.type("s");
    ui.type("n");
    ui.type("x");
    CHECK(recorder.calls == std::vector<std::string>{"start address-wu", "split intro-bjast", "stop"});
    ui.type("l");
    CHECK(ui.shell().mode() == KioskShell::Mode::Public);
}

TEST_CASE("three wrong PINs lock PIN entry, even for the right PIN") {
    UiDriver ui(LecternConfig{}, ScreenId::Timer, kMorning, nullptr);
    ui.hold(ui.size().x / 2, ui.size().y / 2, 2.5f);  // the timer has no hidden corner: nothing opens
    CHECK(ui.shell().mode() == KioskShell::Mode::Public);
    ui.shell().apply({{IntentKind::OpenOperator}}, kMorning);
    REQUIRE(ui.shell().mode() == KioskShell::Mode::PinPad);
    for (const char* wrong : {"1111", "2222", "3333"}) {
        ui.type(wrong);
        ui.press(13);
    }
    ui.type("1234");
    ui.press(13);
    CHECK(ui.shell().mode() == KioskShell::Mode::PinPad);
}

TEST_CASE("the console locks itself after the idle time") {
    LecternConfig config;
    config.operator_console.idle_lock_seconds = 60;
    UiDriver ui(config, ScreenId::Lobby, kMorning, nullptr);
    ui.shell().apply({{IntentKind::OpenOperator}}, kMorning);
    ui.type("1234");
    ui.press(13);
    REQUIRE(ui.shell().mode() == KioskShell::Mode::Operator);
    ui.advance(seconds{59});
    ui.frame();
    CHECK(ui.shell().mode() == KioskShell::Mode::Operator);
    ui.advance(seconds{61});
    ui.frame();
    CHECK(ui.shell().mode() == KioskShell::Mode::Public);
}
