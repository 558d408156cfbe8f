// The uploads panel's snapshot is published by the service's own "upload-view" thread: the kiosk's
// frame copies it and never reads SQLite itself (issue 12 item 14).
#include "upload_queue.h"
#include "upload_service.h"

#include "process_threads.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

using namespace lectern;
namespace fs = std::filesystem;


TEST_CASE("the upload service publishes its view from a worker, which picks up jobs another process queued") {
    const fs::path dir = fs::temp_directory_path() / ("lectern-service-view-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    UploadConfig config;
    config.queue_db = (dir / "uploads.db").string();
    config.targets = {UploadTargetConfig{}};
    config.targets[0].name = "archive";
    config.targets[0].kind = "folder";
    config.targets[0].path = (dir / "archive").string();
    UploadService service(config);
    CHECK(threads_named("upload-view") == 1);

    // `lectern uploads` in another process adds a job that failed for good (no worker takes it).
    std::ofstream(dir / "talk.mp4") << "not a video";
    auto other = UploadQueue::open(config.queue_db);
    const auto ids = other->enqueue((dir / "talk.mp4").string(), (dir / "talk.json").string(), {{"archive", "talk.mp4"}});
    REQUIRE(ids.size() == 1);
    other->finish_attempt(ids[0], JobState::Failed, "refused", 0);
    UploadQueueView view;
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10); view.jobs.empty() && std::chrono::steady_clock::now() < end;) {
        view = service.view();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(view.jobs.size() == 1);
}
