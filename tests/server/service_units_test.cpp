// The systemd units scripts/install-service.sh installs, filled in by its `render` step and checked by
// systemd's own `systemd-analyze verify` (which also checks that every ExecStart program exists).
#include "station_process.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace lectern::test;

TEST_CASE("the recorder and kiosk units pass systemd-analyze verify once the install script filled them in") {
    const fs::path dir = fs::temp_directory_path() / ("lectern-units-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    // The build's binary stands in for the installed one: verify checks that ExecStart exists.
    const std::string prefix = fs::path(LECTERN_BIN_DIR).parent_path().string();
    ShellResult rendered = run_shell("'" + LECTERN_SOURCE_DIR + "/scripts/install-service.sh' render '" + dir.string() + "' --prefix '" + prefix + "'");
    REQUIRE_MESSAGE(rendered.exit == 0, rendered.output);

    const std::string recorder = read_text(dir / "lectern-recorder@.service");
    const std::string kiosk = read_text(dir / "lectern-kiosk.service");
    CHECK(recorder.find('@' + std::string("BINDIR@")) == std::string::npos);
    CHECK(recorder.find("ExecStart=" + prefix + "/bin/lectern run --headless") != std::string::npos);
    CHECK(recorder.find("Type=notify") != std::string::npos);
    CHECK(recorder.find("WatchdogSec=") != std::string::npos);
    CHECK(recorder.find("User=lectern\n") != std::string::npos);
    CHECK(kiosk.find("ExecStart=/usr/bin/cage") != std::string::npos);
    CHECK(kiosk.find("Restart=always") != std::string::npos);
    CHECK(kiosk.find("Type=notify\nNotifyAccess=all\nWatchdogSec=") != std::string::npos);  // the kiosk is cage's child
    CHECK(kiosk.find("User=lectern-kiosk") != std::string::npos);

    // A template is verified through an instance of it, as systemd would load lectern-recorder@hall.
    fs::create_symlink("lectern-recorder@.service", dir / "lectern-recorder@hall.service");
    ShellResult verified = run_shell("cd '" + dir.string() + "' && systemd-analyze verify ./lectern-recorder@hall.service ./lectern-kiosk.service");
    CHECK_MESSAGE(verified.exit == 0, verified.output);
    CHECK_MESSAGE(verified.output.empty(), verified.output);  // unknown keys are only warnings: none either
    fs::remove_all(dir);
}
