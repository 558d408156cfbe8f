// The queue, the key template, configuration and secrets: no server needed.
#include "http_transfer.h"
#include "lectern_config.h"
#include "secrets.h"
#include "sidecar.h"
#include "toml_reader.h"
#include "upload_fixtures.h"
#include "upload_queue.h"
#include "uploader.h"

#include <doctest/doctest.h>

#include <fstream>

#include <sys/stat.h>

#include <chrono>
#include <thread>

using namespace lectern;
using namespace lectern::test;

TEST_CASE("the default configuration uploads to one folder target: the local archive") {
    LecternConfig c;
    REQUIRE(c.upload.targets.size() == 1);
    CHECK(c.upload.targets[0].kind == "folder");
    CHECK(c.upload.targets[0].name == "local-archive");
    CHECK(c.upload.targets[0].path == "~/Lectern/archive");
    CHECK(c.upload.targets[0].verify_tls);
    CHECK(c.upload.keep_days == 0);
    CHECK(c.upload.keep_free_gib == 0);
}

TEST_CASE("upload targets are read from [[upload.targets]] and mistakes name the key") {
    auto c = load_config_text(R"(
[upload]
parallel = 3
[[upload.targets]]
name = "nas"
kind = "folder"
path = "/mnt/nas"
[[upload.targets]]
name = "s3"
kind = "s3"
url = "https://s3.example.org"
bucket = "talks"
part_size_kib = 5120
)", "t.toml");
    REQUIRE(c.upload.targets.size() == 2);
    CHECK(c.upload.parallel == 3);
    CHECK(c.upload.targets[1].bucket == "talks");
    CHECK(c.upload.targets[1].part_size_kib == 5120);

    try {
        load_config_text("[[upload.targets]]\nname = \"x\"\nkind = \"s3\"\nurl = \"https://key:secret@s3.example.org\"\n", "bad.toml");
        FAIL("a URL with credentials and no bucket must be refused");
    } catch (const InputError& e) {
        std::string all;
        for (const auto& p : e.problems()) all += p.to_string() + "\n";
        CHECK(all.find("bad.toml") != std::string::npos);
        CHECK(all.find("bucket") != std::string::npos);
        CHECK(all.find("must not hold a user or password") != std::string::npos);
    }
}

TEST_CASE("a sidecar is read with the recorder's own field names") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 10);  // written as media/sidecar.cpp writes them
    Sidecar s = read_sidecar(rec.sidecar);
    CHECK(s.duration_s == doctest::Approx(1788.0));
    CHECK(s.size_bytes == 10);
    CHECK(s.sha256 == rec.sha256);
}

// Found by tests/fuzz (fuzz_sidecar): a speaker's name of the wrong type threw nlohmann's type_error
// instead of the documented runtime_error naming the file and the field.
TEST_CASE("a sidecar whose speaker name is no text is refused naming the field") {
    TempDir dir;
    const std::string path = dir.path + "/talk.json";
    std::ofstream(path) << R"({"event": "E", "speakers": [{"name": 5}]})";
    CHECK_THROWS_WITH_AS(read_sidecar(path), doctest::Contains("speakers[].\"name\" must be a string"), std::runtime_error);
}

TEST_CASE("a recording is queued once per target and the queue survives reopening") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    UploadConfig config;
    config.targets[0].path = dir / "archive";
    UploadTargetConfig second = config.targets[0];
    second.name = "usb";
    config.targets.push_back(second);
    {
        auto q = UploadQueue::open(dir / "q.db");
        CHECK(enqueue_recording(*q, config, rec.media, rec.sidecar).size() == 2);
        CHECK(enqueue_recording(*q, config, rec.media, rec.sidecar).empty());
    }
    auto q = UploadQueue::open(dir / "q.db");
    auto v = q->view();
    REQUIRE(v.jobs.size() == 2);
    CHECK(v.jobs[0].state == JobState::Queued);
    CHECK(v.jobs[0].file_name == "talk.mkv");
    CHECK(v.jobs[0].bytes_total == 1000);
    CHECK(v.jobs[1].target == "usb");
}

TEST_CASE("pause, cancel and retry change a job's state and refuse what does not apply") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 100);
    UploadConfig config;
    config.targets[0].path = dir / "archive";
    auto q = UploadQueue::open(dir / "q.db");
    int64_t id = enqueue_recording(*q, config, rec.media, rec.sidecar).at(0);
    CHECK(q->pause(id));
    CHECK(q->view().jobs[0].state == JobState::Paused);
    CHECK(q->retry(id));
    CHECK(q->view().jobs[0].state == JobState::Queued);
    CHECK(q->cancel(id));
    CHECK(q->view().jobs[0].state == JobState::Cancelled);
    auto refused = q->pause(id);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("cancelled") != std::string::npos);
    auto unknown = q->retry(999);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().find("no upload job 999") != std::string::npos);
}

TEST_CASE("a job left uploading by a killed process is queued again") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 100);
    UploadConfig config;
    config.targets[0].path = dir / "archive";
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    auto job = q->claim_next(0);
    REQUIRE(job);
    CHECK(q->requeue_orphans() == 0);  // this process is alive
    // Pretend the owner was a process that is gone: an owner whose lock file nobody holds.
    {
        sqlite3* db = nullptr;
        sqlite3_open((dir / "q.db").c_str(), &db);
        sqlite3_exec(db, "UPDATE jobs SET owner='4242-gone'", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    CHECK(q->requeue_orphans() == 1);
    CHECK(q->view().jobs[0].state == JobState::Queued);
}

TEST_CASE("a secrets file that others can read is refused with the chmod that fixes it") {
    TempDir dir;
    std::string file = dir / "secrets.toml";
    write_file(file, "[nas]\nuser = \"u\"\npassword = \"p\"\n");
    chmod(file.c_str(), 0644);
    try {
        Secrets::load(file);
        FAIL("a world-readable secrets file must be refused");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()).find("chmod 600 " + file) != std::string::npos);
    }
    chmod(file.c_str(), 0600);
    auto s = Secrets::load(file);
    CHECK(s.get("nas").password == "p");
    setenv("LECTERN_SECRET_NAS_PASSWORD", "from-env", 1);
    CHECK(s.get("nas").password == "from-env");
    unsetenv("LECTERN_SECRET_NAS_PASSWORD");
}

TEST_CASE("URLs in errors lose their user, password and query values") {
    // redact_url itself is tested in tests/core/url_redaction_test.cpp.
    HttpResponse refused;
    refused.status = 403;
    auto e = http_error("uploading", "https://key:secret@s3.example.org/b/k?uploadId=1", refused);
    CHECK_FALSE(e.retryable);
    CHECK(e.message.find("https://s3.example.org/b/k?uploadId=…") != std::string::npos);
    CHECK(e.message.find("key:secret") == std::string::npos);
    CHECK(e.message.find("uploadId=1") == std::string::npos);
}

TEST_CASE("a failed attempt is retried later with exponential backoff and jitter") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    UploadConfig config;
    config.targets[0].kind = "webdav";
    config.targets[0].url = "http://127.0.0.1:" + std::to_string(free_port()) + "/dav";  // nobody listens
    config.targets[0].secret = "none";
    config.retry_initial_s = 8;
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader uploader(*q, config, Secrets{});
    auto before = std::chrono::system_clock::now();
    uploader.start();
    REQUIRE(wait_until([&] { return q->view().jobs.at(0).next_attempt_unix != 0; }, 10));
    uploader.stop();
    auto j = q->view().jobs.at(0);
    CHECK(j.state == JobState::Queued);
    CHECK(j.attempts == 1);
    CHECK(j.last_error.find("will retry") != std::string::npos);
    int64_t wait = j.next_attempt_unix - std::chrono::duration_cast<std::chrono::seconds>(before.time_since_epoch()).count();
    CHECK(wait >= 3);   // between half and all of retry_initial_s, give or take a second
    CHECK(wait <= 9);
}
