// The status API, metrics and remote control against the real server, fed a StationStatus the way
// the kiosk's or the headless recorder's loop publishes it.
#include "agenda_source.h"
#include "clock.h"
#include "command_inbox.h"
#include "control_routes.h"
#include "http_client.h"
#include "http_server.h"
#include "metrics_routes.h"
#include "status_routes.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>

using namespace lectern;
using lectern::test::curl;

namespace {

StationStatus recording_status() {
    StationStatus s;
    s.kiosk_id = "hall-a";
    s.room = "hall-a";
    s.version = "0.1.0";
    s.state = "recording";
    s.recorder_open = true;
    s.recorder.state = RecorderState::Recording;
    s.recorder.elapsed_seconds = 62.5;
    s.recorder.file_bytes = 5'000'000;
    s.recorder.dropped_frames = 3;
    s.recorder.source_ok = true;
    s.audio.channels = {{-6.0, -12.0}, {-7.5, -13.0}};
    s.disk_free_bytes = 50LL << 30;
    s.disk_stop_bytes = 256LL << 20;
    s.current = ItemSummary{"t1", "Opening \"keynote\"", "Ada Lovelace", {}, {}};
    UploadJobView done;
    done.target = "archive";
    done.state = JobState::Done;
    UploadJobView waiting;
    waiting.target = "nas dav";
    waiting.state = JobState::Queued;
    waiting.bytes_total = 1000;
    s.uploads.jobs = {done, waiting};
    s.upload_last_success_unix = 1'700'000'000;
    return s;
}

// The fake recorder the controller drives; counts what reached it.
struct CountingRecorder final : RecorderControl {
    std::atomic<int> starts{0}, splits{0}, stops{0};
    void start(const RecordingPlan&) override { ++starts; }
    void stop() override { ++stops; }
    void pause() override {}
    void resume() override {}
    void split(const RecordingPlan&) override { ++splits; }
};

}  // namespace

TEST_CASE("readyz says why the station cannot record and turns 200 once it can") {
    StatusBoard board;
    HttpServer server(test::test_web_config());
    add_status_routes(server, board);
    server.start();
    auto r = curl(server.port(), "/readyz");
    CHECK(r.status == 503);
    CHECK(r.body.find("not open") != std::string::npos);
    StationStatus full = recording_status();
    full.disk_free_bytes = 100LL << 20;
    board.publish(full);
    r = curl(server.port(), "/readyz");
    CHECK(r.status == 503);
    CHECK(r.body.find("disk is full") != std::string::npos);
    board.publish(recording_status());
    CHECK(curl(server.port(), "/readyz").status == 200);
}

TEST_CASE("the status JSON carries the recording, the items, disk, uploads and the agenda's age") {
    StatusBoard board;
    board.publish(recording_status());
    HttpServer server(test::test_web_config());
    add_status_routes(server, board);
    server.start();
    auto r = curl(server.port(), "/api/v1/status");
    REQUIRE(r.status == 200);
    auto j = nlohmann::json::parse(r.body);
    CHECK(j["state"] == "recording");
    CHECK(j["kiosk_id"] == "hall-a");
    CHECK(j["current_item"]["title"] == "Opening \"keynote\"");
    CHECK(j["next_item"].is_null());
    CHECK(j["recording"]["dropped_frames"] == 3);
    CHECK(j["audio"]["channels"].size() == 2);
    CHECK(j["disk"]["free_bytes"] == (50LL << 30));
    CHECK(j["uploads"]["jobs"]["queued"] == 1);
    CHECK(j["uploads"]["jobs"]["done"] == 1);
    CHECK(j["uploads"]["bytes_pending"] == 1000);
    CHECK(j["ready"] == true);
}

TEST_CASE("the preview is a JPEG once the recorder has a picture") {
    StatusBoard board;
    HttpServer server(test::test_web_config());
    add_status_routes(server, board);
    server.start();
    CHECK(curl(server.port(), "/api/v1/preview.jpg").status == 404);
    PreviewFrame frame{64, 36, std::vector<uint8_t>(64 * 36 * 4, 128), 1};
    board.publish_preview(frame);
    auto r = curl(server.port(), "/api/v1/preview.jpg");
    CHECK(r.status == 200);
    CHECK(r.headers.find("image/jpeg") != std::string::npos);
    REQUIRE(r.body.size() > 100);
    CHECK(static_cast<unsigned char>(r.body[0]) == 0xFF);
    CHECK(static_cast<unsigned char>(r.body[1]) == 0xD8);
}

TEST_CASE("asking for the preview makes it wanted, and the request waits for the picture published then") {
    StatusBoard board;
    CHECK_FALSE(board.preview_wanted());  // a headless owner copies no pictures while nobody asks
    std::thread owner([&] {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!board.preview_wanted() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling the condition
        board.publish_preview(PreviewFrame{64, 36, std::vector<uint8_t>(64 * 36 * 4, 200), 1});
    });
    auto frame = board.fresh_preview(std::chrono::seconds(1), std::chrono::seconds(10));
    owner.join();
    REQUIRE(frame);
    CHECK(frame->width == 64);
    CHECK(board.preview_wanted());
}

TEST_CASE("the Prometheus client's parser reads /metrics with every documented metric") {
    StatusBoard board;
    board.publish(recording_status());
    HttpServer server(test::test_web_config());
    add_metrics_routes(server, board);
    server.start();
    auto r = curl(server.port(), "/metrics");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("lectern_uploads_total{result=\"success\",target=\"archive\"} 1") != std::string::npos);
    CHECK(r.body.find("lectern_state{state=\"recording\"} 1") != std::string::npos);
    std::string file = std::string(LECTERN_BIN_DIR) + "/metrics-" + std::to_string(::getpid()) + ".txt";
    std::ofstream(file) << r.body;
    std::string cmd = "/usr/bin/python3 " + LECTERN_SOURCE_DIR + "/tests/server/check_metrics.py '" + file + "' > '" + file + ".out' 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream out(file + ".out");
    std::string report((std::istreambuf_iterator<char>(out)), {});
    INFO(report);
    CHECK(rc == 0);
    std::remove(file.c_str());
    std::remove((file + ".out").c_str());
}

TEST_CASE("remote control goes through the session controller, needs the token and is refused with reasons") {
    FixedClock clock(TimePoint{} + std::chrono::hours(24 * 365 * 56));
    AgendaSource agenda(AgendaConfig{}, clock, true);
    CountingRecorder recorder;
    SessionController controller(agenda.current(), agenda.current()->rooms.front().id, recorder);
    CommandInbox inbox;
    std::atomic<bool> running{true};
    std::thread owner_loop([&] {  // stands in for the kiosk's frame loop or the headless loop
        while (running) {
            apply_remote_commands(inbox, controller, clock.now());
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    HttpServer server(test::test_web_config());
    add_control_routes(server, inbox, "desk-token");
    server.start();
    const std::string auth = "-d '' -H 'Authorization: Bearer desk-token'";

    CHECK(curl(server.port(), "/api/v1/control/start", "-d ''").status == 401);
    CHECK(curl(server.port(), "/api/v1/control/start", "-d '' -H 'Authorization: Bearer wrong'").status == 401);
    CHECK(recorder.starts == 0);
    auto refused = curl(server.port(), "/api/v1/control/next", auth);
    CHECK(refused.status == 409);
    CHECK(refused.body.find("press Start first") != std::string::npos);
    CHECK(curl(server.port(), "/api/v1/control/launch", auth).status == 404);
    auto started = curl(server.port(), "/api/v1/control/start", auth);
    CHECK(started.status == 200);
    CHECK(recorder.starts == 1);
    CHECK(curl(server.port(), "/api/v1/control/start", auth).status == 409);
    CHECK(curl(server.port(), "/api/v1/control/stop", auth).status == 200);
    CHECK(recorder.stops == 1);
    auto get = curl(server.port(), "/api/v1/control/stop", "-G -H 'Authorization: Bearer desk-token'");
    CHECK(get.status == 405);  // control is POST only; a GET (a link, a crawler) changes nothing
    CHECK(get.headers.find("Allow: POST") != std::string::npos);
    CHECK(recorder.stops == 1);
    running = false;
    owner_loop.join();
}

TEST_CASE("without a configured token remote control stays closed") {
    CommandInbox inbox;
    HttpServer server(test::test_web_config());
    add_control_routes(server, inbox, "");
    server.start();
    auto r = curl(server.port(), "/api/v1/control/start", "-d '' -H 'Authorization: Bearer '");
    CHECK(r.status == 403);
    CHECK(inbox.take().empty());
}

TEST_CASE("a command nobody applies is answered with a reason instead of hanging") {
    CommandInbox inbox(1);
    auto refused = inbox.submit(Command{CommandKind::Start}, "test", std::chrono::milliseconds(50));
    REQUIRE(refused);
    CHECK(refused->find("did not take the command") != std::string::npos);
    auto full = inbox.submit(Command{CommandKind::Start}, "test", std::chrono::milliseconds(50));
    REQUIRE(full);
    CHECK(full->find("Too many") != std::string::npos);
}
