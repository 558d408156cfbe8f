// `lectern run --headless` as a real process: it follows the demo agenda (which starts now), serves
// the API, obeys remote control, and finishes the file on SIGTERM.
#include "http_client.h"
#include "station_process.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <thread>

#include <unistd.h>

using namespace std::chrono_literals;
using namespace lectern::test;

TEST_CASE("the headless recorder records the agenda's current item, splits on request and finishes on SIGTERM") {
    StationProcess room;  // no systemd here: nothing would read its notifications
    REQUIRE(wait_until([&] { auto s = room.status(); return !s.empty() && s["state"] == "recording"; }, 60s));
    auto s = room.status();
    CHECK(s["current_item"]["id"].is_string());
    CHECK(s["kiosk_id"] == "rack-test");
    // Nobody asked for a picture before: the recorder makes previews only on demand, and this first
    // request waits for one.
    auto preview = curl(room.port, "/api/v1/preview.jpg");
    CHECK(preview.status == 200);
    REQUIRE(preview.body.size() > 100);
    CHECK(static_cast<unsigned char>(preview.body[0]) == 0xFF);
    CHECK(static_cast<unsigned char>(preview.body[1]) == 0xD8);
    CHECK(curl(room.port, "/api/v1/control/next", "-d ''").status == 401);
    auto next = curl(room.port, "/api/v1/control/next", "-d '' -H 'Authorization: Bearer desk-token'");
    CHECK(next.status == 200);
    REQUIRE(wait_until([&] { return room.status()["recording"]["segment"] == 2; }, 30s));
    CHECK(room.terminate(60s) == 0);
    CHECK(count_files(room.dir / "rec", ".mp4") == 2);
    CHECK(count_files(room.dir / "rec", ".recording.mp4") == 0);
    CHECK(room.log().find("desk-token") == std::string::npos);
}

namespace {

// Serves tests/data/pretalx-democon.json at /schedule.json to user "desk", password "prog-pass" only,
// with an ETag (304 for a client that has it).
struct ProgrammeServer {
    httplib::Server server;
    int port = 0;
    std::thread serving;
    ProgrammeServer() {
        server.Get("/schedule.json", [](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("Authorization") != "Basic ZGVzazpwcm9nLXBhc3M=") {  // desk:prog-pass
                res.status = 401;
                res.set_header("WWW-Authenticate", "Basic realm=\"programme\"");
                return;
            }
            // A programme that does not change: after the first answer, 304 Not Modified.
            res.set_header("ETag", "\"democon-1\"");
            if (req.get_header_value("If-None-Match") == "\"democon-1\"") {
                res.status = 304;
                return;
            }
            res.set_content(read_text(LECTERN_SOURCE_DIR + "/tests/data/pretalx-democon.json"), "application/json");
        });
        port = server.bind_to_any_port("127.0.0.1");
        serving = std::thread([this] { server.listen_after_bind(); });
        wait_until([&] { return server.is_running(); }, 5s);
    }
    ~ProgrammeServer() {
        server.stop();
        serving.join();
    }
};

}  // namespace

TEST_CASE("the headless recorder fetches agenda.url with the secret's user and password and names it without them") {
    ProgrammeServer programme;
    const std::string url = "http://127.0.0.1:" + std::to_string(programme.port) + "/schedule.json?token=feed-token";
    const auto cache = std::filesystem::temp_directory_path() / ("lectern-headless-feed-" + std::to_string(::getpid()));
    StationOptions options;
    options.extra_config = "[agenda]\nurl = \"" + url + "\"\nsecret = \"programme\"\ncache_dir = \"" + cache.string() + "\"\n";
    options.env = {{"LECTERN_SECRET_PROGRAMME_USER", "desk"}, {"LECTERN_SECRET_PROGRAMME_PASSWORD", "prog-pass"}};
    {
        StationProcess room(options);
        REQUIRE(wait_until([&] { return !room.status().empty(); }, 30s));
        auto agenda = room.status()["agenda"];
        CHECK(agenda["source"] == "http://127.0.0.1:" + std::to_string(programme.port) + "/schedule.json?token=…");
        CHECK(agenda["problem"] == "");
        CHECK(agenda["age_seconds"].get<int64_t>() < 60);
        CHECK(room.log().find("prog-pass") == std::string::npos);
        CHECK(room.log().find("feed-token") == std::string::npos);
    }
    std::filesystem::remove_all(cache);
}

// The kiosk on a display names its agenda's age the same way: since the server last confirmed the
// copy (every reload_seconds), not since the snapshot first appeared (it does not change while the
// programme stays the same).
TEST_CASE("a kiosk on a display counts its agenda.url's age from the server's last confirmation") {
    XvfbDisplay display;
    ProgrammeServer programme;
    const std::string url = "http://127.0.0.1:" + std::to_string(programme.port) + "/schedule.json";
    const auto cache = std::filesystem::temp_directory_path() / ("lectern-kiosk-feed-" + std::to_string(::getpid()));
    StationOptions options;
    options.args = {"--windowed"};
    options.env = {{"DISPLAY", display.name}, {"LECTERN_SECRET_PROGRAMME_USER", "desk"}, {"LECTERN_SECRET_PROGRAMME_PASSWORD", "prog-pass"}};
    options.extra_config = "[agenda]\nurl = \"" + url + "\"\nsecret = \"programme\"\nreload_seconds = 1\ncache_dir = \"" + cache.string() + "\"\n";
    {
        StationProcess kiosk(options);
        REQUIRE(wait_until([&] { return kiosk.status().value("uptime_seconds", 0) >= 6; }, 60s));
        auto agenda = kiosk.status()["agenda"];
        CHECK(agenda["source"] == url);
        CHECK(agenda["problem"] == "");
        CHECK(agenda["age_seconds"].get<int64_t>() <= 3);  // refreshed every second; the snapshot is older
    }
    std::filesystem::remove_all(cache);
}
