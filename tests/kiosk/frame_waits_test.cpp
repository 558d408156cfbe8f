// The frame thread never waits on the upload queue's database (issue 12 item 14): handing a held
// recording on and the technician's retry/pause/cancel run on the station's own thread, so a
// database that another process keeps locked (an `uploads` CLI, a backup) cannot stall the screen.
#include "frame_renderer.h"
#include "recording_station.h"
#include "ui_driver.h"
#include "upload_queue.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <unistd.h>

using namespace lectern;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Another writer holding the queue's write lock until it is destroyed.
class LockedDatabase {
public:
    explicit LockedDatabase(const std::string& path) {
        REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
        // The station may be writing at this moment (its queue opening, a held file handed on): wait for it.
        sqlite3_busy_timeout(db_, 10000);
        REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~LockedDatabase() {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db_);
    }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("a frame completes while another connection holds the upload queue locked, and the recording is queued once it is free") {
    const fs::path dir = fs::temp_directory_path() / ("lectern-frame-waits-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const LecternConfig config = small_station_config(dir);
    // A finished recording written down by an earlier run: due for upload at the first chance.
    const fs::path recordings = config.media.output_dir;
    fs::create_directories(recordings);
    std::ofstream(recordings / "talk.mp4") << "not a video";
    std::ofstream(recordings / "talk.json") << R"({"title": "Talk", "room": "hall"})";
    std::ofstream(recordings / "talk.mp4.held") << R"({"media": ")" << (recordings / "talk.mp4").string() << R"(", "sidecar": ")"
                                                << (recordings / "talk.json").string() << "\"}\n";

    RecordingStation station(config, "Asia/Shanghai");
    auto renderer = FrameRenderer::open_offscreen(320, 240);
    {
        LockedDatabase other(config.upload.queue_db);  // SQLite's busy wait in the queue is 10 s
        // One frame's calls into the station, as run_kiosk makes them, with a retry tapped on the console.
        auto frame = std::async(std::launch::async, [&] {
            station.want_capture(false);
            station.recorder_view(*renderer);
            station.upload_rows();
            station.problems();
            station.apply_upload_intents({Intent{IntentKind::RetryUpload, {}, {}, 1}});
        });
        CHECK(frame.wait_for(3s) == std::future_status::ready);
    }
    // Free again: the held recording reaches the queue without another frame asking.
    std::vector<UploadRow> rows;
    for (auto end = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < end; std::this_thread::sleep_for(50ms)) {
        rows = station.upload_rows();
        if (!rows.empty() && rows[0].state != "held") break;
    }
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].state != "held");
    CHECK(rows[0].file == "talk.mp4");
}
