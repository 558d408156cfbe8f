// The kiosk unit as systemd runs it: the unit's own compositor command (cage) around the kiosk, on
// wlroots' headless backend (no screen or GPU here). systemd stops the unit by sending SIGTERM to
// every process in it, and cage may well be gone first; the kiosk must still finish its recording and
// leave, not hang until systemd's SIGKILL two minutes later.
#include "station_process.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace lectern::test;

namespace {

// The words of the kiosk unit's ExecStart before the kiosk binary, and its Environment= settings.
void read_kiosk_unit(StationOptions& options) {
    const fs::path dir = fs::temp_directory_path() / ("lectern-cage-units-" + std::to_string(::getpid()));
    const std::string prefix = fs::path(LECTERN_BIN_DIR).parent_path().string();
    ShellResult rendered = run_shell("'" + LECTERN_SOURCE_DIR + "/scripts/install-service.sh' render '" + dir.string() + "' --prefix '" + prefix + "'");
    REQUIRE_MESSAGE(rendered.exit == 0, rendered.output);
    std::istringstream unit(read_text(dir / "lectern-kiosk.service"));
    fs::remove_all(dir);
    for (std::string line; std::getline(unit, line);) {
        if (line.rfind("Environment=", 0) == 0) {
            const std::string setting = line.substr(12);
            options.env.emplace_back(setting.substr(0, setting.find('=')), setting.substr(setting.find('=') + 1));
        }
        if (line.rfind("ExecStart=", 0) != 0) continue;
        std::istringstream words(line.substr(10));
        for (std::string word; words >> word && word != prefix + "/bin/lectern";) options.wrapper.push_back(word);
    }
    REQUIRE_MESSAGE(!options.wrapper.empty(), "no ExecStart in lectern-kiosk.service");
    CHECK(options.wrapper.front() == "/usr/bin/cage");
}

pid_t child_named(pid_t parent, const std::string& name) {
    std::istringstream children(read_text("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children"));
    for (pid_t child; children >> child;) {
        std::string comm = read_text("/proc/" + std::to_string(child) + "/comm");
        if (comm.substr(0, comm.find('\n')) == name) return child;
    }
    return -1;
}

}  // namespace

TEST_CASE("under the kiosk unit's compositor the kiosk records, and finishes the recording on SIGTERM even when cage went first") {
    StationOptions options;
    options.args = {};
    options.kiosk_id = "cage-kiosk";
    options.kiosk_extra = "screen = \"room\"\n";  // the live preview: a picture presented many times a second
    options.notify = true;                         // READY must pass through cage (NotifyAccess=all)
    options.watchdog = std::chrono::microseconds(0);  // no pings: nothing reads them during the test
    read_kiosk_unit(options);
    // cage refuses to run as root (systemd runs it as the kiosk user): as root, run it in a user
    // namespace as an ordinary user.
    if (::geteuid() == 0) options.wrapper.insert(options.wrapper.begin(), {"unshare", "-U", "--map-user=1000", "--map-group=1000"});
    const fs::path runtime = fs::temp_directory_path() / ("lectern-cage-run-" + std::to_string(::getpid()));
    fs::create_directories(runtime);
    fs::permissions(runtime, fs::perms::owner_all);
    options.env.insert(options.env.end(), {{"XDG_RUNTIME_DIR", runtime.string()},
                                           {"WLR_BACKENDS", "headless"},
                                           {"WLR_RENDERER", "pixman"},
                                           {"WLR_LIBINPUT_NO_DEVICES", "1"},
                                           {"HOME", runtime.string()}});
    // When cage ends, the kiosk becomes this process's child, so that the test can wait for it.
    REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
    StationProcess cage(options);  // cage's output carries the kiosk's "serving http://…"

    REQUIRE(wait_until([&] { return cage.status()["state"] != "starting"; }, 30s));
    CHECK(cage.notifications(1000ms).find("READY=1") != std::string::npos);
    const pid_t kiosk = child_named(cage.pid, "lectern");
    REQUIRE(kiosk > 0);
    REQUIRE(wait_until([&] { return control(cage.port, "start").status == 200; }, 30s));
    REQUIRE(wait_until([&] { return cage.status()["state"] == "recording"; }, 30s));

    cage.terminate(30s);  // the compositor goes first; the kiosk's display is gone
    // The frame loop goes on without a display: it keeps publishing the recording's progress.
    const double at_loss = cage.status()["recording"]["elapsed_seconds"].get<double>();
    CHECK_MESSAGE(wait_until([&] { return cage.status()["recording"]["elapsed_seconds"].get<double>() >= at_loss + 2; }, 20s),
                  "the kiosk's frame loop stopped when the compositor went away");

    ::kill(kiosk, SIGTERM);  // systemd's stop reaches every process of the unit
    int status = 0;
    const bool ended = wait_until([&] { return ::waitpid(kiosk, &status, WNOHANG) == kiosk; }, 60s);
    if (!ended) {
        ::kill(kiosk, SIGKILL);
        ::waitpid(kiosk, &status, 0);
    }
    CHECK_MESSAGE(ended, "the kiosk did not leave on SIGTERM once its compositor was gone; log:\n" << cage.log());
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    CHECK(count_files(cage.dir / "rec", ".recording.mp4") == 0);
    CHECK(count_files(cage.dir / "rec", ".mp4") == 1);
    ::prctl(PR_SET_CHILD_SUBREAPER, 0);
    fs::remove_all(runtime);
}
