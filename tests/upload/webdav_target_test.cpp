// WebDAV / HTTP PUT against Debian's nginx with the DAV module.
#include "server_test_util.h"

#include <doctest/doctest.h>

#include "retention.h"

#include <filesystem>

using namespace lectern;
using namespace lectern::test;

namespace {
UploadTargetConfig dav_target(const std::string& url) {
    UploadTargetConfig t;
    t.name = "nas-dav";
    t.kind = "webdav";
    t.url = url;
    t.readback_sha256 = true;
    t.allow_insecure_http = true;  // nginx on 127.0.0.1 speaks plain http
    return t;
}
Secrets dav_secrets(const std::string& password) {
    Secrets s;
    s.set("nas-dav", {"lectern", password});
    return s;
}
}  // namespace

TEST_CASE("a recording uploaded to nginx WebDAV reads back byte for byte with curl, its sidecar beside it") {
    NginxDav nginx;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 3 * 1024 * 1024 + 5);
    auto job = upload_once(dir / "q.db", one_target(dav_target(nginx.url)), rec, dav_secrets("dav-pass"));
    CHECK(job.state == JobState::Done);
    CHECK(job.last_error == "");
    CHECK(job.verified == VerifyGrade::Checksum);  // read back with GET and hashed

    std::string url = nginx.url + "/" + kRecordingKeyInUrl;
    REQUIRE(run({"curl", "-sf", "-u", "lectern:dav-pass", "-o", dir / "back.mkv", url + ".mkv"}) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
    REQUIRE(run({"curl", "-sf", "-u", "lectern:dav-pass", "-o", dir / "back.json", url + ".json"}) == 0);
    CHECK(read_file(dir / "back.json") == read_file(rec.sidecar));
    CHECK(read_file(dir / "back.json").find("\"sha256\":\"" + rec.sha256 + "\"") != std::string::npos);
}

TEST_CASE("a wrong WebDAV password fails the job with a clear reason, keeps the file and shows no secret") {
    NginxDav nginx;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 100000);
    auto job = upload_once(dir / "q.db", one_target(dav_target(nginx.url)), rec, dav_secrets("not-the-password"));
    CHECK(job.state == JobState::Failed);
    CHECK(job.attempts == 1);  // refused credentials are not retried
    CHECK(job.last_error.find("HTTP 401") != std::string::npos);
    CHECK(job.last_error.find("fix the target's secret") != std::string::npos);
    CHECK(job.last_error.find("not-the-password") == std::string::npos);
    CHECK(std::filesystem::exists(rec.media));
    CHECK(sha256_of(rec.media) == rec.sha256);
}

TEST_CASE("an HTTPS server whose certificate is not trusted is refused, and trusted with ca_file") {
    NginxDav nginx(true);
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 50000);
    auto job = upload_once(dir / "q.db", one_target(dav_target(nginx.url)), rec, dav_secrets("dav-pass"));
    CHECK(job.state == JobState::Failed);
    CHECK(job.attempts == 1);
    CHECK(job.last_error.find("TLS certificate is not trusted") != std::string::npos);
    CHECK(std::filesystem::exists(rec.media));

    UploadTargetConfig trusted = dav_target(nginx.url);
    trusted.ca_file = nginx.ca_file;
    auto job2 = upload_once(dir / "q2.db", one_target(trusted), rec, dav_secrets("dav-pass"));
    CHECK(job2.state == JobState::Done);
    CHECK(sha256_of(nginx.root + "/" + kRecordingKey + ".mkv") == rec.sha256);
}

TEST_CASE("a WebDAV upload checked by size only is done, but retention keeps the local recording and says why") {
    NginxDav nginx;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 100000);
    UploadTargetConfig t = dav_target(nginx.url);
    t.readback_sha256 = false;
    UploadConfig config = one_target(t);
    config.keep_free_gib = 1000000;  // retention wants to delete everything it may
    auto q = UploadQueue::open(dir / "q.db");
    enqueue_recording(*q, config, rec.media, rec.sidecar);
    Uploader(*q, config, dav_secrets("dav-pass")).run_until_idle();
    auto job = q->view().jobs.at(0);
    CHECK(job.state == JobState::Done);
    CHECK(job.verified == VerifyGrade::Size);
    CHECK(std::filesystem::exists(rec.media));
    std::vector<std::string> kept;
    CHECK(apply_retention(*q, config, &kept) == 0);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].find("nas-dav (size)") != std::string::npos);
    CHECK(kept[0].find("checksum") != std::string::npos);
    CHECK(std::filesystem::exists(rec.media));
}
