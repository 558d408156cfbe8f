// The headless recorder and systemd's watchdog: READY and STATUS through a stand-in notify socket,
// WATCHDOG=1 pings while the main loop turns, none while it is stuck. Only the main thread is
// stopped (ptrace works per thread), so the web server and the recorder's threads keep running:
// the pings stop because the loop stalls, not because the whole process does.
#include "http_client.h"
#include "station_process.h"

#include <doctest/doctest.h>

#include <sys/ptrace.h>
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
