// The headless recorder and systemd's watchdog: READY and STATUS through a stand-in notify socket,
// WATCHDOG=1 pings while the main loop turns, none while it is stuck. Only the main thread is
// stopped (ptrace works per thread), so the web server and the recorder's threads keep running:
// the pings stop because the loop stalls, not because the whole process does.
#include "http_client.h"
#include "station_process.h"

#include <doctest/doctest.h>

#include <sys/ptrace.h>
#include <filesystem>
#include <sys/wait.h>

using namespace std::chrono_literals;
using namespace lectern::test;

namespace {

// Holds one thread of a child process in a ptrace stop until destroyed.
class StoppedThread {
public:
    explicit StoppedThread(pid_t tid) : tid_(tid) {
        REQUIRE(::ptrace(PTRACE_SEIZE, tid_, nullptr, nullptr) == 0);
        REQUIRE(::ptrace(PTRACE_INTERRUPT, tid_, nullptr, nullptr) == 0);
        int status = 0;
        REQUIRE(::waitpid(tid_, &status, __WALL) == tid_);
        REQUIRE(WIFSTOPPED(status));
    }
    ~StoppedThread() { ::ptrace(PTRACE_DETACH, tid_, nullptr, nullptr); }

private:
    pid_t tid_;
};

}  // namespace

TEST_CASE("the headless recorder pings the watchdog only while its main loop turns") {
    StationOptions options;
    options.notify = true;
    StationProcess room(options);
    const std::string first = room.notifications(3000ms);
    CHECK(first.find("READY=1") != std::string::npos);
    CHECK(first.find("STATUS=") != std::string::npos);
    CHECK(first.find("WATCHDOG=1") != std::string::npos);
    {
        StoppedThread loop(room.pid);  // the main thread runs the loop
        CHECK(room.notifications(1500ms).find("WATCHDOG=1") == std::string::npos);
        CHECK(curl(room.port, "/healthz").status == 200);  // the rest of the process still runs
    }
    CHECK(room.notifications(2000ms).find("WATCHDOG=1") != std::string::npos);
    CHECK(room.terminate(60s) == 0);
    CHECK(room.notifications(500ms).find("STOPPING=1") != std::string::npos);
}

namespace {

// The id of the child's thread named `name` (pthread_setname_np), or -1.
pid_t thread_named(pid_t pid, const std::string& name) {
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
        std::string comm = read_text(task.path() / "comm");
        if (!comm.empty() && comm.back() == '\n') comm.pop_back();
        if (comm == name) return std::stoi(task.path().filename().string());
    }
    return -1;
}

}  // namespace

TEST_CASE("a recording that stops advancing stops the watchdog pings while the loop still turns") {
    StationOptions options;
    options.notify = true;  // WATCHDOG_USEC 400 ms: a recording stalled for 2 s is unhealthy
    StationProcess room(options);
    REQUIRE(wait_until([&] { room.notifications(100ms); return room.status()["state"] == "recording"; }, 60s));
    CHECK(room.notifications(1500ms).find("WATCHDOG=1") != std::string::npos);
    {
        const pid_t encoder = thread_named(room.pid, "lectern-encode");
        REQUIRE(encoder > 0);
        StoppedThread stuck(encoder);  // the encoder hangs, as on a disk that stopped answering
        const std::string settling = room.notifications(3000ms);  // the stall counts after 2 s
        const std::string during = room.notifications(1500ms);
        CHECK(during.find("WATCHDOG=1") == std::string::npos);
        CHECK((settling + during).find("STATUS=unhealthy: the recording has not advanced") != std::string::npos);
    }
    CHECK(room.notifications(3000ms).find("WATCHDOG=1") != std::string::npos);
    CHECK(room.log().find("no watchdog pings until it advances") != std::string::npos);
    CHECK(room.terminate(60s) == 0);
}

TEST_CASE("the kiosk pings the watchdog only while its frame loop turns, on the lobby's slow cadence too") {
    XvfbDisplay display;
    StationOptions options;
    options.args = {"--windowed"};
    options.kiosk_id = "watched-kiosk";
    options.notify = true;  // WATCHDOG_USEC 400 ms, far below the lobby's one frame a second
    options.env = {{"DISPLAY", display.name}};
    StationProcess kiosk(options);
    const std::string first = kiosk.notifications(3000ms);
    CHECK(first.find("READY=1") != std::string::npos);
    CHECK(first.find("STATUS=showing the agenda") != std::string::npos);
    // Pings at least every 200 ms, though the lobby draws once a second.
    const std::string pings = kiosk.notifications(2000ms);
    size_t count = 0;
    for (size_t at = pings.find("WATCHDOG=1"); at != std::string::npos; at = pings.find("WATCHDOG=1", at + 1)) ++count;
    CHECK(count >= 6);
    {
        StoppedThread loop(kiosk.pid);  // the frame loop runs on the main thread
        CHECK(kiosk.notifications(1500ms).find("WATCHDOG=1") == std::string::npos);
        CHECK(curl(kiosk.port, "/healthz").status == 200);  // the web server's threads still run
    }
    CHECK(kiosk.notifications(2000ms).find("WATCHDOG=1") != std::string::npos);
    CHECK(kiosk.terminate(60s) == 0);
    CHECK(kiosk.notifications(500ms).find("STOPPING=1") != std::string::npos);
}
