// The PIN is checked off the frame thread (issue 12 item 14): PBKDF2 with the configured iterations
// (200,000 from `lectern hash-pin`) takes about a third of a second on a kiosk PC, and the frame
// that applied Enter must not wait for it.
#include "agenda_file.h"
#include "kiosk_shell.h"
#include "local_time.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace lectern;

TEST_CASE("right after Enter the PIN pad still shows while the PIN is checked, and the console opens when the check ends") {
    LecternConfig config;
    config.operator_console.pin_hash = make_pin_hash("2468", 2000000);  // seconds of PBKDF2, on purpose
    config.operator_console.lockout_file = "";
    const TimePoint now = *parse_rfc3339("2024-04-29T09:15:00+08:00");
    KioskShell shell(config, ScreenId::Lobby, "", std::make_shared<const Agenda>(demo_agenda()), nullptr);
    shell.apply({{IntentKind::OpenOperator}}, now);
    REQUIRE(shell.mode() == KioskShell::Mode::PinPad);

    shell.apply({Intent{IntentKind::SubmitPin, Command{CommandKind::Start}, "2468"}}, now);
    CHECK(shell.mode() == KioskShell::Mode::PinPad);  // the frame went on; the check runs elsewhere
    // Frames go on (tick, as the loop does) until the check's result is taken in.
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         shell.mode() == KioskShell::Mode::PinPad && std::chrono::steady_clock::now() < end;
         std::this_thread::sleep_for(std::chrono::milliseconds(20)))
        shell.tick(now, false);
    CHECK(shell.mode() == KioskShell::Mode::Operator);
}
