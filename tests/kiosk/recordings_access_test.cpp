// The Recordings screen sits behind the console's PIN: public screens cannot reach it, and a lock
// (by hand or when idle) leaves it with whatever it asked for dropped.
#include "kiosk_shell.h"
#include "agenda_file.h"
#include "local_time.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace lectern;

namespace {

struct Kiosk {
    LecternConfig config;
    KioskShell shell;
    TimePoint now = parse_rfc3339("2024-04-29T09:40:00+08:00").value();
    Kiosk() : shell(config, ScreenId::Lobby, "", std::make_shared<const Agenda>(demo_agenda()), nullptr) {}
};

// Enter on the PIN pad: the PIN is checked off the frame thread; frames go on until it is done.
void submit_pin(KioskShell& shell, TimePoint now) {
    shell.apply({{IntentKind::SubmitPin, {}, "1234"}}, now);
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30); shell.checking_pin() && std::chrono::steady_clock::now() < end;
         std::this_thread::sleep_for(std::chrono::milliseconds(5)))
        shell.tick(now, false);
}

}  // namespace

TEST_CASE("the Recordings screen opens only from an open console") {
    Kiosk k;
    k.shell.apply({{IntentKind::OpenRecordings}}, k.now);
    CHECK(k.shell.mode() == KioskShell::Mode::Public);
    k.shell.apply({{IntentKind::OpenOperator}}, k.now);
    REQUIRE(k.shell.mode() == KioskShell::Mode::PinPad);
    k.shell.apply({{IntentKind::OpenRecordings}}, k.now);
    CHECK(k.shell.mode() == KioskShell::Mode::PinPad);
    submit_pin(k.shell, k.now);
    REQUIRE(k.shell.mode() == KioskShell::Mode::Operator);
    k.shell.apply({{IntentKind::OpenRecordings}}, k.now);
    CHECK(k.shell.mode() == KioskShell::Mode::Recordings);
    k.shell.apply({{IntentKind::CloseRecordings}}, k.now);
    CHECK(k.shell.mode() == KioskShell::Mode::Operator);
}

TEST_CASE("locking the console leaves the Recordings screen, by hand or when idle") {
    Kiosk k;
    k.shell.show_operator_for_screenshot(k.now);
    k.shell.apply({{IntentKind::OpenRecordings}}, k.now);
    REQUIRE(k.shell.mode() == KioskShell::Mode::Recordings);
    k.shell.apply({{IntentKind::LockConsole}}, k.now);
    CHECK(k.shell.mode() == KioskShell::Mode::Public);
    CHECK(k.shell.take_recordings_requests().empty());

    Kiosk idle;
    idle.config.operator_console.idle_lock_seconds = 300;
    KioskShell shell(idle.config, ScreenId::Lobby, "", std::make_shared<const Agenda>(demo_agenda()), nullptr);
    shell.apply({{IntentKind::OpenOperator}}, idle.now);
    submit_pin(shell, idle.now);
    shell.apply({{IntentKind::OpenRecordings}}, idle.now);
    REQUIRE(shell.mode() == KioskShell::Mode::Recordings);
    shell.tick(idle.now + seconds{299}, false);
    CHECK(shell.mode() == KioskShell::Mode::Recordings);
    shell.tick(idle.now + seconds{301}, false);
    CHECK(shell.mode() == KioskShell::Mode::Public);
}
