// scripts/lectern-fleet against two real headless recorders (and one address where nobody answers):
// one line per room from each recorder's status API and metrics.
#include "http_client.h"
#include "station_process.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace std::chrono_literals;
using namespace lectern::test;

namespace {

// The script's line for `address`, or "" when it printed none.
std::string line_of(const std::string& output, const std::string& address) {
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);)
        if (line.find(" " + address + " ") != std::string::npos) return line;
    return {};
}

}  // namespace

TEST_CASE("the fleet script prints one line per room with its state, item, disk, uploads and agenda age") {
    StationOptions first, second;
    first.kiosk_id = "rack-a";
    second.kiosk_id = "rack-b";
    StationProcess a(first), b(second);
    REQUIRE(wait_until([&] { return a.status()["state"] == "recording" && b.status()["state"] == "recording"; }, 60s));
    // One room stops: the desk sees it idle while the other records on.
    REQUIRE(curl(b.port, "/api/v1/control/stop", "-d '' -H 'Authorization: Bearer desk-token'").status == 200);
    REQUIRE(wait_until([&] { return b.status()["state"] == "idle"; }, 30s));
    // Hours left need the recording's measured bitrate, known a moment after it starts.
    REQUIRE(wait_until([&] { return a.status()["disk"]["recording_seconds_left"].get<double>() >= 0; }, 30s));

    const std::string addr_a = "127.0.0.1:" + std::to_string(a.port), addr_b = "127.0.0.1:" + std::to_string(b.port);
    const std::string nobody = "127.0.0.1:1";
    const std::string title = a.status()["current_item"]["title"].get<std::string>().substr(0, 20);
    ShellResult fleet = run_shell("'" + LECTERN_SOURCE_DIR + "/scripts/lectern-fleet' " + addr_a + " http://" + addr_b + "/ " + nobody);
    INFO(fleet.output);
    CHECK(fleet.exit == 1);  // one room did not answer
    CHECK(fleet.output.find("ROOM") == 0);

    const std::string la = line_of(fleet.output, addr_a), lb = line_of(fleet.output, addr_b), lx = line_of(fleet.output, nobody);
    CHECK(la.find("hall ") == 0);
    CHECK(la.find(" recording ") != std::string::npos);
    CHECK(la.find(title) != std::string::npos);
    CHECK(la.find(" GB (") != std::string::npos);    // free disk and hours left
    CHECK(la.find(" 0 (0 B) ") != std::string::npos);  // nothing waiting to upload
    CHECK(lb.find(" idle ") != std::string::npos);
    CHECK(lx.find(" OFFLINE ") != std::string::npos);
    CHECK(lx.find("refused") != std::string::npos);

    ShellResult answered = run_shell("'" + LECTERN_SOURCE_DIR + "/scripts/lectern-fleet' " + addr_a);
    CHECK(answered.exit == 0);
}
