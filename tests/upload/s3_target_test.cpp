// S3 against s3rver behind the SigV4-checking proxy (botocore's signer); read back with s3cmd.
#include "server_test_util.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace lectern;
using namespace lectern::test;

namespace {
UploadTargetConfig s3_target(const std::string& url, int64_t part_kib) {
    UploadTargetConfig t;
    t.name = "archive-s3";
    t.kind = "s3";
    t.url = url;
    t.bucket = "recordings";
    t.part_size_kib = part_kib;
    return t;
}
Secrets s3_secrets(const std::string& secret) {
    Secrets s;
    s.set("archive-s3", {"S3RVER", secret});
    return s;
}
std::string head_object(const S3Server& s3, const std::string& key) {
    std::string out;
    run({"curl", "-sI", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "S3RVER:S3RVER", "-H",
         "x-amz-content-sha256: UNSIGNED-PAYLOAD", s3.url + "/recordings/" + key}, &out);
    return out;
}
const std::string kKey = kRecordingKey;
}  // namespace

TEST_CASE("the S3 test server rejects a request signed with the wrong secret") {
    S3Server s3;
    TempDir dir;
    write_file(dir / "f", "hello");
    std::string out;
    run({"curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "S3RVER:wrong", "-H",
         "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-T", dir / "f", s3.url + "/recordings/f"}, &out);
    CHECK(out.find("SignatureDoesNotMatch") != std::string::npos);
    CHECK(out.substr(out.size() - 3) == "403");
    run({"curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "S3RVER:S3RVER", "-H",
         "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-T", dir / "f", s3.url + "/recordings/f"}, &out);
    CHECK(out.substr(out.size() - 3) == "200");
}

TEST_CASE("a large recording goes to S3 in signed parts and s3cmd reads back the same bytes and metadata") {
    S3Server s3;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 5 * 256 * 1024 + 1234);
    auto job = upload_once(dir / "q.db", one_target(s3_target(s3.url, 256)), rec, s3_secrets("S3RVER"));
    CHECK(job.state == JobState::Done);
    CHECK(job.last_error == "");
    CHECK(job.verified == VerifyGrade::Checksum);  // the multipart ETag s3rver computed
    CHECK(count_of(read_file(s3.dir / "proxy.log"), "REQ GET /recordings/" + kRecordingKeyInUrl + ".mkv ") == 0);  // no read-back needed
    CHECK(count_of(read_file(s3.dir / "proxy.log"), "partNumber=") == 6);
    CHECK(count_of(read_file(s3.dir / "proxy.log"), "SIGV4 MISMATCH") == 0);

    REQUIRE(run(s3cmd(s3, {"get", "s3://recordings/" + kKey + ".mkv", dir / "back.mkv"})) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
    REQUIRE(run(s3cmd(s3, {"get", "s3://recordings/" + kKey + ".json", dir / "back.json"})) == 0);
    CHECK(read_file(dir / "back.json") == read_file(rec.sidecar));
    std::string head = head_object(s3, kRecordingKeyInUrl + ".mkv");
    CHECK(head.find("x-amz-meta-sha256: " + rec.sha256) != std::string::npos);
    CHECK(head.find("x-amz-meta-event: BJAST 2026") != std::string::npos);
    CHECK(head.find("x-amz-meta-speakers: Li Wei") != std::string::npos);
}

TEST_CASE("a small recording goes to S3 in one signed PUT with its metadata") {
    S3Server s3;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 70000);
    auto job = upload_once(dir / "q.db", one_target(s3_target(s3.url, 256)), rec, s3_secrets("S3RVER"));
    CHECK(job.state == JobState::Done);
    CHECK(job.verified == VerifyGrade::Checksum);  // the ETag is the MD5 s3rver computed
    CHECK(count_of(read_file(s3.dir / "proxy.log"), "REQ GET /recordings/" + kRecordingKeyInUrl + ".mkv ") == 0);
    CHECK(count_of(read_file(s3.dir / "proxy.log"), "partNumber=") == 0);
    REQUIRE(run(s3cmd(s3, {"get", "s3://recordings/" + kKey + ".mkv", dir / "back.mkv"})) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
    CHECK(head_object(s3, kRecordingKeyInUrl + ".mkv").find("x-amz-meta-room: Hall A") != std::string::npos);
}

TEST_CASE("wrong S3 credentials fail the job with a clear reason and keep the file") {
    S3Server s3;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 70000);
    auto job = upload_once(dir / "q.db", one_target(s3_target(s3.url, 256)), rec, s3_secrets("wrong-secret"));
    CHECK(job.state == JobState::Failed);
    CHECK(job.attempts == 1);
    CHECK(job.last_error.find("HTTP 403") != std::string::npos);  // on the HEAD that looks for an object first
    CHECK(job.last_error.find("fix the target's secret") != std::string::npos);
    CHECK(job.last_error.find("wrong-secret") == std::string::npos);
    CHECK(std::filesystem::exists(rec.media));

    // The same through the command line: the secret appears in no output, list or JSON.
    TempDir cli;
    std::string config = write_config(cli, "cli.toml", "max_attempts = 1",
                                      "name = \"archive-s3\"\nkind = \"s3\"\nurl = \"" + s3.url + "\"\nbucket = \"recordings\"");
    std::string tool = bin_dir() + "/lectern-uploads";
    std::map<std::string, std::string> env{{"LECTERN_SECRET_ARCHIVE_S3_USER", "S3RVER"},
                                           {"LECTERN_SECRET_ARCHIVE_S3_PASSWORD", "wrong-secret-Zq9"}};
    std::string out, list;
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", config}) == 0);
    CHECK(run({tool, "run", "--once", "--config", config}, &out, env) == 3);
    CHECK(run({tool, "list", "--json", "--config", config}, &list, env) == 0);
    CHECK(out.find("HTTP 403") != std::string::npos);
    CHECK(out.find("wrong-secret-Zq9") == std::string::npos);
    CHECK(list.find("wrong-secret-Zq9") == std::string::npos);
    CHECK(read_file(cli / "q.db").find("wrong-secret-Zq9") == std::string::npos);
}

TEST_CASE("kill -9 during an S3 multipart upload: after restart only the missing parts are sent") {
    S3Server s3;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 16 * 256 * 1024);  // 16 parts
    std::string target = "name = \"archive-s3\"\nkind = \"s3\"\nurl = \"" + s3.url + "\"\nbucket = \"recordings\"\npart_size_kib = 256";
    std::string slow = write_config(dir, "slow.toml", "max_kib_per_s = 1024", target);
    std::string fast = write_config(dir, "fast.toml", "", target);
    std::map<std::string, std::string> env{{"LECTERN_SECRET_ARCHIVE_S3_USER", "S3RVER"}, {"LECTERN_SECRET_ARCHIVE_S3_PASSWORD", "S3RVER"}};
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", slow}) == 0);
    {
        ChildProcess uploader({tool, "run", "--config", slow}, env, dir / "run1.log");
        auto q = UploadQueue::open(dir / "q.db");
        REQUIRE(wait_until([&] { return count_of(read_file(s3.dir / "proxy.log"), "REQ PUT") >= 5; }, 30));
        uploader.kill9();  // as a power cut would: no cleanup, no last write
    }
    std::string log1 = read_file(s3.dir / "proxy.log");
    int parts_before = count_of(log1, "REQ PUT");
    REQUIRE(parts_before >= 5);
    CHECK(count_of(log1, "REQ POST") == 1);  // started, not completed
    auto q = UploadQueue::open(dir / "q.db");
    CHECK(q->view().jobs.at(0).state == JobState::Uploading);  // as the killed process left it

    std::string out;
    CHECK(run({tool, "run", "--once", "--config", fast}, &out, env) == 0);
    auto job = q->view().jobs.at(0);
    CHECK(job.state == JobState::Done);
    std::string log = read_file(s3.dir / "proxy.log");
    std::string after = log.substr(log1.size());
    // The restart listed the parts and sent only what was missing: part 1 went once in all.
    CHECK(count_of(after, "GET /recordings/" + kRecordingKeyInUrl + ".mkv?uploadId=") == 1);
    CHECK(count_of(log, "?partNumber=1&") == 1);
    CHECK(count_of(after, "?partNumber=2&") == 0);
    CHECK(count_of(after, "partNumber=") < 16);
    CHECK(count_of(after, "?uploads=") == 0);  // the same multipart upload, not a new one
    MESSAGE("part PUTs before the kill: ", parts_before, "; part PUTs after restart: ", count_of(after, "REQ PUT"));

    REQUIRE(run(s3cmd(s3, {"get", "s3://recordings/" + kKey + ".mkv", dir / "back.mkv"})) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
    REQUIRE(run(s3cmd(s3, {"ls", "-r", "s3://recordings/"}), &out) == 0);
    CHECK(count_of(out, "s3://recordings/") == 2);  // one recording and its sidecar, no duplicate
}

TEST_CASE("pausing an S3 upload stops it mid-way and a retry resumes the same multipart upload") {
    S3Server s3;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 12 * 256 * 1024);
    UploadConfig config = one_target(s3_target(s3.url, 256));
    config.max_kib_per_s = 1024;
    auto q = UploadQueue::open(dir / "q.db");
    int64_t id = enqueue_recording(*q, config, rec.media, rec.sidecar).at(0);
    Uploader uploader(*q, config, s3_secrets("S3RVER"));
    uploader.start();
    REQUIRE(wait_until([&] { return q->view().jobs.at(0).bytes_done > 3 * 256 * 1024; }, 20));
    REQUIRE(q->pause(id));
    // The worker let go of the job when its attempt ends as "paused" in the history; from then on
    // no PUT can be sent until the retry (the job is no one's and not queued).
    REQUIRE(wait_until([&] { auto h = q->history(id); return !h.empty() && h.back().outcome == "paused"; }, 20));
    auto paused = q->view().jobs.at(0);
    CHECK(paused.state == JobState::Paused);
    CHECK(paused.bytes_done < rec.size);  // it stopped mid-way: the upload was not completed
    CHECK(count_of(read_file(s3.dir / "proxy.log"), "REQ POST /recordings/" + kRecordingKeyInUrl + ".mkv?uploadId=") == 0);

    REQUIRE(q->retry(id));
    uploader.wake();
    REQUIRE(wait_until([&] { return q->view().jobs.at(0).state == JobState::Done; }, 30));
    uploader.stop();
    std::string log = read_file(s3.dir / "proxy.log");
    CHECK(count_of(log, "?uploads=") == 1);
    CHECK(count_of(log, "?partNumber=1&") == 1);
    REQUIRE(run(s3cmd(s3, {"get", "s3://recordings/" + kKey + ".mkv", dir / "back.mkv"})) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
}

TEST_CASE("cancelling an S3 upload aborts its multipart upload on the server and keeps the recording") {
    S3Server s3;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 12 * 256 * 1024);
    UploadConfig config = one_target(s3_target(s3.url, 256));
    config.max_kib_per_s = 1024;
    auto q = UploadQueue::open(dir / "q.db");
    int64_t id = enqueue_recording(*q, config, rec.media, rec.sidecar).at(0);
    Uploader uploader(*q, config, s3_secrets("S3RVER"));
    uploader.start();
    REQUIRE(wait_until([&] { return q->view().jobs.at(0).bytes_done > 2 * 256 * 1024; }, 20));
    REQUIRE(q->cancel(id));
    CHECK(wait_until([&] { return read_file(s3.dir / "proxy.log").find("REQ DELETE /recordings/" + kRecordingKeyInUrl + ".mkv?uploadId=") != std::string::npos; }, 5));
    uploader.stop();
    CHECK(q->view().jobs.at(0).state == JobState::Cancelled);
    CHECK(q->job(id)->resume.empty());
    CHECK(std::filesystem::exists(rec.media));
    std::string out;
    REQUIRE(run(s3cmd(s3, {"ls", "-r", "s3://recordings/"}), &out) == 0);
    CHECK(out.find(kKey) == std::string::npos);
}
