// Faults between the kiosk and real servers: tests/servers/loopback_proxy.py resets connections,
// stalls, and answers 500/503 at chosen requests. Every job must be retried and end verified.
#include "server_test_util.h"

#include <doctest/doctest.h>

using namespace lectern;
using namespace lectern::test;

namespace {
std::string proxied(int port, const std::string& path) { return "http://127.0.0.1:" + std::to_string(port) + path; }
}  // namespace

TEST_CASE("a connection reset and a 503 during a WebDAV upload are retried and the upload ends verified") {
    NginxDav nginx;
    FaultProxy faults(nginx.port, {"--fault", "PUT:1:reset@200000", "--fault", "PUT:2:503"});
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 2 * 1024 * 1024);
    UploadTargetConfig t;
    t.name = "nas-dav";
    t.kind = "webdav";
    t.url = proxied(faults.port, "/dav");
    t.allow_insecure_http = true;
    Secrets secrets;
    secrets.set("nas-dav", {"lectern", "dav-pass"});
    auto job = upload_once(dir / "q.db", one_target(t), rec, secrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.attempts == 3);
    std::string log = read_file(faults.log);
    CHECK(count_of(log, "FAULT PUT") == 2);
    REQUIRE(run({"curl", "-sf", "-u", "lectern:dav-pass", "-o", dir / "back.mkv", nginx.url + "/" + kRecordingKeyInUrl + ".mkv"}) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
}

TEST_CASE("a server that stalls mid-upload is given up on after stall_timeout_s and the upload retried") {
    NginxDav nginx;
    FaultProxy faults(nginx.port, {"--fault", "PUT:1:stall@60"});
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 300000);
    UploadTargetConfig t;
    t.name = "nas-dav";
    t.kind = "webdav";
    t.url = proxied(faults.port, "/dav");
    t.allow_insecure_http = true;
    t.stall_timeout_s = 2;
    Secrets secrets;
    secrets.set("nas-dav", {"lectern", "dav-pass"});
    auto job = upload_once(dir / "q.db", one_target(t), rec, secrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.attempts == 2);
    REQUIRE(run({"curl", "-sf", "-u", "lectern:dav-pass", "-o", dir / "back.mkv", nginx.url + "/" + kRecordingKeyInUrl + ".mkv"}) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
}

TEST_CASE("a reset inside an S3 part and a 500 on completion are retried, resuming the same multipart upload") {
    S3Server s3;
    // POST 1 starts the multipart upload, POST 2 is the first completion: that one fails.
    FaultProxy faults(s3.proxy_port, {"--fault", "PUT:3:reset@100000", "--fault", "POST:2:500"});
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 6 * 256 * 1024);
    UploadTargetConfig t;
    t.name = "archive-s3";
    t.kind = "s3";
    t.url = proxied(faults.port, "");
    t.bucket = "recordings";
    t.part_size_kib = 256;
    Secrets secrets;
    secrets.set("archive-s3", {"S3RVER", "S3RVER"});
    auto job = upload_once(dir / "q.db", one_target(t), rec, secrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.attempts == 3);
    std::string signed_log = read_file(s3.dir / "proxy.log");
    CHECK(count_of(signed_log, "SIGV4 MISMATCH") == 0);
    CHECK(count_of(signed_log, "?uploads=") == 1);        // one multipart upload throughout
    CHECK(count_of(signed_log, "?partNumber=1&") == 1);   // confirmed parts were not sent again
    std::string host = "127.0.0.1:" + std::to_string(s3.s3rver_port);
    REQUIRE(run({"s3cmd", "--access_key=S3RVER", "--secret_key=S3RVER", "--host=" + host, "--host-bucket=" + host, "--no-ssl",
                 "--config=/dev/null", "get", "s3://recordings/" + kRecordingKey + ".mkv", dir / "back.mkv"}) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
}

TEST_CASE("a reset during a tus PATCH is retried from the offset the server confirms") {
    TusServer tus;
    FaultProxy faults(tus.port, {"--fault", "PATCH:2:reset@100000"});
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 4 * 256 * 1024);
    UploadTargetConfig t;
    t.name = "tus";
    t.kind = "tus";
    t.url = proxied(faults.port, "/files/");
    t.part_size_kib = 256;
    auto job = upload_once(dir / "q.db", one_target(t), rec, Secrets{});
    CHECK(job.state == JobState::Done);
    CHECK(job.attempts == 2);
    std::string log = read_file(faults.log);
    CHECK(count_of(log, "REQ HEAD") >= 2);          // asked for the offset on the retry
    CHECK(count_of(log, "REQ POST") == 2);          // recording and sidecar, no second recording upload
    CHECK(count_of(log, "offset=0\n") == 2);        // only the first PATCH of each started at zero
}
