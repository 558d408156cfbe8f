// Many and slow clients against a recording headless recorder: they may keep the API busy for a while,
// but never the recorder. The recording goes on (the watchdog, which needs a turning loop and an
// advancing recording, keeps being pinged), no thread is made per connection, and once they are gone
// (or dropped by the timeouts) the API answers again.
#include "http_client.h"
#include "station_process.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

using namespace std::chrono_literals;
using namespace lectern::test;

namespace {

// A connection that sends the start of a request and then nothing (non-blocking: beyond what the
// server accepts, connections wait in the kernel's backlog).
int half_request(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    return fd;
}

int thread_count(pid_t pid) {
    int n = 0;
    for ([[maybe_unused]] const auto& t : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) ++n;
    return n;
}

}  // namespace

TEST_CASE("two hundred idle and half-sent connections do not stall the recording, and the API answers once they go") {
    StationOptions options;
    options.notify = true;
    StationProcess room(options);
    REQUIRE(wait_until([&] { room.notifications(100ms); return room.status()["state"] == "recording"; }, 60s));
    const int threads_before = thread_count(room.pid);

    std::vector<int> crowd;
    for (int i = 0; i < 200; ++i) crowd.push_back(half_request(room.port));
    ::poll(nullptr, 0, 200);  // let the connects complete
    for (size_t i = 0; i < crowd.size(); i += 2) ::send(crowd[i], "GET /api/v1/status HTTP/1.1\r\nHost: x\r\n", 37, MSG_NOSIGNAL);

    const std::string during = room.notifications(3000ms);
    CHECK(during.find("WATCHDOG=1") != std::string::npos);  // the loop turns and the recording advances
    CHECK(during.find("unhealthy") == std::string::npos);
    CHECK(thread_count(room.pid) <= threads_before + 1);   // no thread per connection
    for (int fd : crowd) ::close(fd);

    CHECK(wait_until([&] { return curl(room.port, "/healthz").status == 200; }, 15s));
    CHECK(room.status()["recording"]["dropped_frames"] == 0);
    CHECK(room.terminate(60s) == 0);
}
