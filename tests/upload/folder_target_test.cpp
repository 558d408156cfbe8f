// The folder target (the demo's local archive) and the worker, end to end on the local disk.
#include "retention.h"
#include "server_test_util.h"
#include "upload_fixtures.h"
#include "upload_queue.h"
#include "upload_service.h"
#include "uploader.h"

#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>

using namespace lectern;
using namespace lectern::test;
namespace fs = std::filesystem;


TEST_CASE("a recording reaches the local archive whole, with its sidecar beside it") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 3 * 1024 * 1024 + 17);
    UploadConfig config = folder_config(dir / "archive");
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader(*q, config, Secrets{}).run_until_idle();

    auto v = q->view();
    REQUIRE(v.jobs.size() == 1);
    CHECK(v.jobs[0].state == JobState::Done);
    CHECK(v.jobs[0].bytes_done == rec.size);
    CHECK(v.jobs[0].verified == VerifyGrade::Checksum);  // read back from the disk, not the cache
    std::string copy = dir / "archive/" + kRecordingKey + ".mkv";
    REQUIRE(fs::exists(copy));
    CHECK(fs::file_size(copy) == static_cast<uintmax_t>(rec.size));
    CHECK(sha256_of(copy) == rec.sha256);
    CHECK(read_file(dir / "archive/" + kRecordingKey + ".json") == read_file(rec.sidecar));
    CHECK_FALSE(fs::exists(copy + ".part"));
    CHECK(fs::exists(rec.media));  // retention is off by default
}

TEST_CASE("a recording that does not match its sidecar's SHA-256 is not uploaded") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 4096);
    write_file(rec.media, std::string(4096, 'x'));  // same size, other bytes
    UploadConfig config = folder_config(dir / "archive");
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader(*q, config, Secrets{}).run_until_idle();
    auto j = q->view().jobs.at(0);
    CHECK(j.state == JobState::Failed);
    CHECK(j.last_error.find("does not match the SHA-256 in its sidecar") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "archive"));
}

TEST_CASE("a full destination folder fails the job with a clear reason and keeps the recording") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 2 * 1024 * 1024);
    std::string config_file = dir / "lectern.toml";
    write_file(config_file, "[upload]\nqueue_db = \"" + dir / "q.db" + "\"\nretry_initial_s = 0\n"
               "[[upload.targets]]\nname = \"usb\"\nkind = \"folder\"\npath = \"" + dir / "usb" + "\"\n");
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config_file}) == 0);
    // A file-size limit makes every write past 1 MiB fail as a full disk does (EFBIG), without
    // needing a mount; SIGXFSZ is ignored so the write returns the error instead of killing us.
    std::string out;
    int code = run({"/bin/sh", "-c", "trap '' XFSZ; ulimit -f 1024; exec \"$0\" run --once --config \"$1\"", tool, config_file}, &out);
    CHECK(code == 3);
    REQUIRE(run({tool, "list", "--json", "--config", config_file}, &out) == 0);
    CHECK(out.find("\"state\": \"failed\"") != std::string::npos);
    CHECK(out.find("the destination is full") != std::string::npos);
    CHECK(fs::exists(rec.media));
    CHECK(sha256_of(rec.media) == rec.sha256);
    CHECK_FALSE(fs::exists(dir / "usb/" + kRecordingKey + ".mkv"));
}

TEST_CASE("a recording is never deleted before every target has verified it") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 100000);
    UploadConfig config = folder_config(dir / "archive");
    config.keep_free_gib = 1000000;  // retention wants to delete everything it may
    UploadTargetConfig dead;
    dead.name = "dead-webdav";
    dead.kind = "webdav";
    dead.url = "http://127.0.0.1:" + std::to_string(free_port()) + "/dav";
    dead.secret = "none";
    config.targets.push_back(dead);
    config.max_attempts = 1;
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader(*q, config, Secrets{}).run_until_idle();
    auto v = q->view();
    CHECK(v.jobs[0].state == JobState::Done);
    CHECK(v.jobs[1].state == JobState::Failed);
    CHECK(fs::exists(rec.media));  // one target has no verified copy yet
    CHECK(apply_retention(*q, config) == 0);

    // Once the second destination is dropped (cancelled and verified elsewhere does not count):
    // only when every job is done may retention delete.
    UploadConfig only_folder = folder_config(dir / "archive");
    only_folder.keep_free_gib = 1000000;
    auto q2 = UploadQueue::open(dir / "q2.db");
    enqueue_recording(*q2, only_folder, rec.media, rec.sidecar);
    Uploader(*q2, only_folder, Secrets{}).run_until_idle();
    CHECK(q2->view().jobs[0].state == JobState::Done);
    CHECK_FALSE(fs::exists(rec.media));
    CHECK(sha256_of(dir / "archive/" + kRecordingKey + ".mkv") == rec.sha256);
}

TEST_CASE("the uploads command lists jobs as JSON without secrets") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 5000);
    std::string config_file = dir / "lectern.toml";
    write_file(config_file, "[upload]\nqueue_db = \"" + dir / "q.db" + "\"\n"
               "[[upload.targets]]\nname = \"a\"\nkind = \"folder\"\npath = \"" + dir / "a" + "\"\n");
    std::string tool = bin_dir() + "/lectern-uploads";
    std::string out;
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config_file}, &out) == 0);
    CHECK(out.find("queued job 1") != std::string::npos);
    REQUIRE(run({tool, "run", "--once", "--config", config_file}, &out) == 0);
    REQUIRE(run({tool, "list", "--config", config_file}, &out) == 0);
    CHECK(out.find("done") != std::string::npos);
    CHECK(out.find("talk.mkv") != std::string::npos);
    CHECK(out.find("verified by checksum") != std::string::npos);
    REQUIRE(run({tool, "list", "--json", "--config", config_file}, &out) == 0);
    CHECK(out.find("\"verified\": \"checksum\"") != std::string::npos);
    CHECK(run({tool, "retry", "1", "--config", config_file}, &out) == 1);
    CHECK(out.find("only failed, paused, cancelled or waiting jobs can be retried") != std::string::npos);
}

TEST_CASE("while a recording runs, uploads keep to the recording bandwidth cap") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1024 * 1024);
    UploadConfig config = folder_config(dir / "archive");
    config.recording_max_kib_per_s = 512;
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader uploader(*q, config, Secrets{});
    uploader.set_recording_active(true);
    auto start = std::chrono::steady_clock::now();
    uploader.run_until_idle();
    double capped = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(q->view().jobs.at(0).state == JobState::Done);
    CHECK(capped >= 1.5);  // 1 MiB at 512 KiB/s, less the first quarter-second burst

    auto rec2 = make_recording(dir.path, "talk2", 1024 * 1024, 2);
    write_file(rec2.sidecar, read_file(rec2.sidecar).replace(read_file(rec2.sidecar).find("09:01:12"), 8, "10:00:00"));
    enqueue_recording(*q, config, rec2.media, rec2.sidecar);
    uploader.set_recording_active(false);
    start = std::chrono::steady_clock::now();
    uploader.run_until_idle();
    double free_run = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(q->view().jobs.at(1).state == JobState::Done);
    CHECK(free_run < 1.0);
}

TEST_CASE("a job keeps the history of its attempts") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    UploadConfig config = folder_config(dir / "archive");
    auto q = UploadQueue::open(dir / "q.db");
    int64_t id = enqueue_recording(*q, config, rec.media, rec.sidecar).at(0);
    q->pause(id);
    q->retry(id);
    Uploader(*q, config, Secrets{}).run_until_idle();
    auto h = q->history(id);
    REQUIRE(h.size() == 2);
    CHECK(h[0].outcome == "retry");
    CHECK(h[1].outcome == "done");
}

TEST_CASE("lectern-uploads run stops on SIGTERM and leaves its job resumable") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 4 * 1024 * 1024);
    std::string config_file = dir / "lectern.toml";
    write_file(config_file, "[upload]\nqueue_db = \"" + dir / "q.db" + "\"\nmax_kib_per_s = 512\n"
               "[[upload.targets]]\nname = \"a\"\nkind = \"folder\"\npath = \"" + dir / "a" + "\"\n");
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config_file}) == 0);
    ChildProcess p({tool, "run", "--config", config_file}, {}, dir / "run.log");
    auto q = UploadQueue::open(dir / "q.db");
    REQUIRE(wait_until([&] { return q->view().jobs.at(0).bytes_done > 0; }, 20));
    ::kill(p.pid(), SIGTERM);
    CHECK(p.wait() == 0);
    auto j = q->view().jobs.at(0);
    CHECK(j.state == JobState::Queued);
    CHECK(j.last_error.find("interrupted by shutdown") != std::string::npos);
    CHECK(read_file(dir / "run.log").find("stopping (SIGTERM)") != std::string::npos);
}

TEST_CASE("retention deletes a verified recording older than keep_days and keeps its sidecar") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    UploadConfig config = folder_config(dir / "archive");
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader(*q, config, Secrets{}).run_until_idle();
    REQUIRE(q->view().jobs.at(0).state == JobState::Done);
    CHECK(apply_retention(*q, config) == 0);  // off by default
    config.keep_days = 2;
    CHECK(apply_retention(*q, config) == 0);  // too young
    fs::last_write_time(rec.media, fs::file_time_type::clock::now() - std::chrono::hours(24 * 3));
    CHECK(apply_retention(*q, config) == 1);
    CHECK_FALSE(fs::exists(rec.media));
    CHECK(fs::exists(rec.sidecar));
}

TEST_CASE("the upload service puts a finished recording into the local archive within seconds") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 2 * 1024 * 1024);
    UploadConfig config;  // the default: one folder target, the local archive
    config.queue_db = dir / "q.db";
    config.targets[0].path = dir / "archive";
    UploadService service(config);
    auto start = std::chrono::steady_clock::now();
    REQUIRE(service.enqueue(rec.media, rec.sidecar));
    // The service publishes its view from its own thread: the job may not be in it yet.
    CHECK(wait_until([&] {
        UploadQueueView v = service.view();
        return !v.jobs.empty() && v.jobs[0].state == JobState::Done;
    }, 10));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    CHECK(sha256_of(dir / "archive/" + kRecordingKey + ".mkv") == rec.sha256);
    auto bad = service.enqueue(rec.media, dir / "missing.json");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().find("missing.json") != std::string::npos);
}

TEST_CASE("no more jobs upload at once than `parallel` allows") {
    for (int parallel : {1, 2}) {
        TempDir dir;
        auto rec = make_recording(dir.path, "talk", 1024 * 1024);
        UploadConfig config = folder_config(dir / "a");
        config.parallel = parallel;
        config.max_kib_per_s = 1024;  // slow enough to watch; the cap is shared by all jobs
        for (const char* name : {"b", "c"}) {
            UploadTargetConfig t = config.targets[0];
            t.name = name;
            t.path = dir / name;
            config.targets.push_back(t);
        }
        auto q = UploadQueue::open(dir / "q.db");
        enqueue_recording(*q, config, rec.media, rec.sidecar);
        Uploader uploader(*q, config, Secrets{});
        uploader.start();
        int most = 0;
        // Each poll of the wait samples how many jobs upload at that moment.
        CHECK(wait_until([&] {
            int uploading = 0, done = 0;
            for (const auto& j : q->view().jobs) {
                uploading += j.state == JobState::Uploading || j.state == JobState::Verifying;
                done += j.state == JobState::Done;
            }
            most = std::max(most, uploading);
            return done == 3;
        }, 10));
        uploader.stop();
        CHECK(most == parallel);
    }
}
