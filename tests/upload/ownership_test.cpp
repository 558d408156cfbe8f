// Who owns a job: a process holds the jobs it claimed only while it lives (an OS lock, never a
// PID), and each change of a job's state is one SQL statement, so two processes never upload one
// job at once.
#include "server_test_util.h"
#include "upload_fixtures.h"
#include "upload_queue.h"
#include "uploader.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace lectern;
using namespace lectern::test;

namespace {

// SQL on the queue file from a connection of its own, as another process (or a person with the
// sqlite3 CLI) would.
void sql(const std::string& db, const std::string& statement) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    sqlite3_busy_timeout(raw, 10000);
    char* err = nullptr;
    int rc = sqlite3_exec(raw, statement.c_str(), nullptr, nullptr, &err);
    INFO(statement, ": ", err ? err : "");
    sqlite3_free(err);
    sqlite3_close(raw);
    REQUIRE(rc == SQLITE_OK);
}

// Waits for the child to end, at most `seconds`; kills it if it does not (the test then fails).
bool ends_within(ChildProcess& p, double seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (p.running()) {
        if (std::chrono::steady_clock::now() > deadline) {
            p.kill9();
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::string folder_config(const TempDir& dir) {
    return write_config(dir, "lectern.toml", "", "name = \"usb\"\nkind = \"folder\"\npath = \"" + dir / "usb" + "\"");
}

}  // namespace

TEST_CASE("a job marked uploading under a PID that exists is taken back and run --once finishes") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 20000);
    std::string config = folder_config(dir);
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config}) == 0);
    // PID 1 always exists: the trigger from the review (a reused PID after a reboot looks the same).
    sql(dir / "q.db", "UPDATE jobs SET state='uploading', owner_pid=1");
    ChildProcess once({tool, "run", "--once", "--config", config}, {}, dir / "once.log");
    REQUIRE(ends_within(once, 30));
    CHECK(once.wait() == 0);
    auto q = UploadQueue::open(dir / "q.db");
    CHECK(q->view().jobs.at(0).state == JobState::Done);
}

TEST_CASE("jobs of uploaders killed with -9 five times in a row are resumed by the next run --once") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 4 * 1024 * 1024);
    std::string config = write_config(dir, "lectern.toml", "max_kib_per_s = 256",
                                      "name = \"usb\"\nkind = \"folder\"\npath = \"" + dir / "usb" + "\"");
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config}) == 0);
    auto q = UploadQueue::open(dir / "q.db");
    for (int i = 1; i <= 5; ++i) {
        ChildProcess p({tool, "run", "--config", config}, {}, dir / "run.log");
        // Killed while it owns the job (its own claim: attempt i, uploading), as a power cut would.
        REQUIRE(wait_until([&] {
            auto j = q->view().jobs.at(0);
            return j.attempts == i && j.state == JobState::Uploading;
        }, 20));
        p.kill9();
    }
    std::string fast = write_config(dir, "fast.toml", "", "name = \"usb\"\nkind = \"folder\"\npath = \"" + dir / "usb" + "\"");
    ChildProcess once({tool, "run", "--once", "--config", fast}, {}, dir / "once.log");
    REQUIRE(ends_within(once, 60));
    CHECK(once.wait() == 0);
    CHECK(q->view().jobs.at(0).state == JobState::Done);
    CHECK(sha256_of(dir / "usb/" + kRecordingKey + ".mkv") == rec.sha256);
}

TEST_CASE("a job that a live uploader owns is left to it, and run --once still finishes") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 20000);
    std::string config = folder_config(dir);
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config}) == 0);
    {
        auto owner = UploadQueue::open(dir / "q.db");  // another uploader, alive while `owner` lives
        REQUIRE(owner->claim_next(std::numeric_limits<int64_t>::max()));
        ChildProcess once({tool, "run", "--once", "--config", config}, {}, dir / "once.log");
        REQUIRE(ends_within(once, 30));
        CHECK(once.wait() == 0);
        CHECK(owner->view().jobs.at(0).state == JobState::Uploading);  // not taken from a live owner
    }
    // The owner is gone (its lock with it): the next run takes the job over.
    ChildProcess again({tool, "run", "--once", "--config", config}, {}, dir / "again.log");
    REQUIRE(ends_within(again, 30));
    CHECK(again.wait() == 0);
    CHECK(UploadQueue::open(dir / "q.db")->view().jobs.at(0).state == JobState::Done);
}

TEST_CASE("retry never queues a job again while a worker uploads it") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    auto worker = UploadQueue::open(dir / "q.db");
    auto technician = UploadQueue::open(dir / "q.db");  // the CLI's own connection
    auto id = worker->enqueue(rec.media, rec.sidecar, {{"usb", "k"}}).at(0);
    // Records every moment a job went from uploading straight back to queued by a retry (attempts
    // reset to 0): the double upload the review found.
    sql(dir / "q.db", "CREATE TABLE violations(n INTEGER);"
                      "CREATE TRIGGER retry_steals AFTER UPDATE OF state ON jobs "
                      "WHEN OLD.state='uploading' AND NEW.state='queued' AND NEW.attempts=0 "
                      "BEGIN INSERT INTO violations VALUES(1); END;");
    std::atomic<bool> stop{false};
    std::thread claimer([&] {
        while (!stop) {
            if (auto j = worker->claim_next(std::numeric_limits<int64_t>::max()))
                worker->finish_attempt(j->id, JobState::Failed, "network down", 0);
        }
    });
    // The window is small: before the fix a run of 20,000 retries (93 s) caught it once; here
    // 10 s of retries guard against its return.
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < end) (void)technician->retry(id);
    stop = true;
    claimer.join();
    sqlite3* raw = nullptr;
    sqlite3_open((dir / "q.db").c_str(), &raw);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "SELECT count(*) FROM violations", -1, &st, nullptr);
    sqlite3_step(st);
    int violations = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    CHECK(violations == 0);
}

TEST_CASE("a job paused during its upload cannot be retried until its uploader has let go") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    auto worker = UploadQueue::open(dir / "q.db");
    auto technician = UploadQueue::open(dir / "q.db");
    auto id = worker->enqueue(rec.media, rec.sidecar, {{"usb", "k"}}).at(0);
    REQUIRE(worker->claim_next(std::numeric_limits<int64_t>::max()));
    REQUIRE(technician->pause(id));
    auto early = technician->retry(id);
    REQUIRE_FALSE(early);
    CHECK(early.error().find("still stopping") != std::string::npos);
    worker->finish_attempt(id, JobState::Queued, "", 0);  // the worker saw the pause and let go
    CHECK(worker->view().jobs.at(0).state == JobState::Paused);
    CHECK(technician->retry(id));
    CHECK(worker->view().jobs.at(0).state == JobState::Queued);
}
