// Servers that answer wrongly: a tus server that takes no bytes or sends the upload elsewhere, a
// garbled Upload-Offset or S3 part size. None may hang a worker, leak credentials or fail a job
// for good over an answer that the next attempt may not repeat.
#include "fake_server.h"
#include "server_test_util.h"
#include "upload_fixtures.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>

using namespace lectern;
using namespace lectern::test;

namespace {

UploadTargetConfig tus_target(const std::string& url) {
    UploadTargetConfig t;
    t.name = "tus";
    t.kind = "tus";
    t.url = url + "/files/";
    t.part_size_kib = 64;
    t.allow_insecure_http = true;
    return t;
}

// One attempt and no more: the worker runs until the job's first attempt is recorded (a retry
// due in ten minutes is not waited for).
UploadJobView first_attempt(UploadQueue& q, const UploadConfig& config, const Secrets& secrets) {
    Uploader uploader(q, config, secrets);
    uploader.start();
    REQUIRE(wait_until([&] { return !q.history(q.view().jobs.at(0).id).empty(); }, 30));
    uploader.stop();
    return q.view().jobs.at(0);
}

int count(const std::vector<SeenRequest>& seen, const std::string& method) {
    int n = 0;
    for (const auto& s : seen) n += s.method == method;
    return n;
}

// A tus server whose PATCH answers `offset` whatever it received.
void serve_tus(FakeServer& server, const std::string& location, const std::string& offset) {
    server.http().Post("/files/", [location](const httplib::Request&, httplib::Response& res) {
        res.status = 201;
        res.set_header("Location", location);
    });
    server.http().Patch("/files/1", [offset](const httplib::Request&, httplib::Response& res) {
        res.status = 204;
        res.set_header("Upload-Offset", offset);
    });
}

}  // namespace

TEST_CASE("a tus server that keeps answering Upload-Offset: 0 fails the attempt instead of looping") {
    FakeServer server;
    serve_tus(server, "/files/1", "0");
    server.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 200 * 1024);
    UploadConfig config = one_target(tus_target(server.url()));
    config.max_attempts = 1;
    UploadJobView job;
    std::atomic<bool> returned{false};  // job is the worker's until then (TSan saw the test read it early)
    std::thread worker([&] {
        job = upload_once(dir / "q.db", config, rec, Secrets{});
        returned = true;
    });
    bool ended = wait_until([&] { return count(server.seen(), "PATCH") > 20 || returned; }, 30);
    server.http().stop();  // ends a loop that would otherwise never end (the bug)
    worker.join();
    CHECK(ended);
    CHECK(count(server.seen(), "PATCH") == 1);
    CHECK(job.state == JobState::Failed);
    CHECK(job.last_error.find("took no bytes") != std::string::npos);
}

TEST_CASE("a non-numeric Upload-Offset is retried later, not failed for good") {
    FakeServer server;
    serve_tus(server, "/files/1", "lots");
    server.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 200 * 1024);
    UploadConfig config = one_target(tus_target(server.url()));
    config.retry_initial_s = 600;
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    auto job = first_attempt(*q, config, Secrets{});
    CHECK(job.state == JobState::Queued);
    CHECK(job.next_attempt_unix > 0);
    CHECK(job.last_error.find("not a number") != std::string::npos);
}

TEST_CASE("a tus Location on another server gets neither the recording nor the credentials") {
    FakeServer elsewhere;
    elsewhere.start();
    FakeServer server;
    // Same machine, other origin: "localhost" and another port.
    serve_tus(server, "http://localhost:" + std::to_string(elsewhere.port()) + "/files/1", "0");
    server.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 200 * 1024);
    UploadConfig config = one_target(tus_target(server.url()));
    config.max_attempts = 1;
    Secrets secrets;
    secrets.set("tus", {"lectern", "tus-pass"});
    auto job = upload_once(dir / "q.db", config, rec, secrets);
    CHECK(job.state == JobState::Failed);
    CHECK(job.last_error.find("another server") != std::string::npos);
    CHECK(elsewhere.seen().empty());
}

TEST_CASE("an S3 part list with a size that is no number is retried later, not failed for good") {
    FakeServer s3;
    s3.http().Get("/recordings/.*", [](const httplib::Request& req, httplib::Response& res) {
        if (req.method == "HEAD") {  // no object yet: the multipart upload is under way
            res.status = 404;
            return;
        }
        res.set_content("<ListPartsResult><Part><PartNumber>1</PartNumber><Size>big</Size><ETag>\"e1\"</ETag></Part>"
                        "</ListPartsResult>", "application/xml");
    });
    s3.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 200 * 1024);
    UploadTargetConfig t;
    t.name = "s3";
    t.kind = "s3";
    t.url = s3.url();
    t.bucket = "recordings";
    t.part_size_kib = 64;
    UploadConfig config = one_target(t);
    config.retry_initial_s = 600;
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    {
        sqlite3* db = nullptr;
        sqlite3_open((dir / "q.db").c_str(), &db);
        sqlite3_exec(db, "UPDATE jobs SET resume='{\"upload_id\":\"u1\",\"part_size\":65536}'", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    Secrets secrets;
    secrets.set("s3", {"key", "secret"});
    auto job = first_attempt(*q, config, secrets);
    CHECK(job.state == JobState::Queued);
    CHECK(job.last_error.find("valid number or size") != std::string::npos);
}

TEST_CASE("an Opencast ingest answered with a page that merely says \"workflow\" is not counted as done") {
    FakeServer server;
    const std::string mp = R"(<mediapackage xmlns="http://mediapackage.opencastproject.org" id="mp1"><media>)";
    server.http().Get("/ingest/createMediaPackage", [mp](const httplib::Request&, httplib::Response& res) {
        res.set_content(mp + "</media></mediapackage>", "text/xml");
    });
    for (const char* step : {"/ingest/addDCCatalog", "/ingest/addTrack", "/ingest/addAttachment"})
        server.http().Post(step, [mp](const httplib::Request&, httplib::Response& res) {
            res.set_content(mp + R"(<track id="track1" type="presenter/source"/></media></mediapackage>)", "text/xml");
        });
    server.http().Post("/ingest/ingest/schedule-and-upload", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html><body>The workflow service is starting, try later</body></html>", "text/html");
    });
    server.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 5000);
    UploadTargetConfig t;
    t.name = "opencast";
    t.kind = "opencast";
    t.url = server.url();
    t.secret = "none";
    UploadConfig config = one_target(t);
    config.retry_initial_s = 600;
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    auto job = first_attempt(*q, config, Secrets{});
    CHECK(job.state == JobState::Queued);  // tried again later, not done
    CHECK(job.last_error.find("names no workflow instance") != std::string::npos);
}
