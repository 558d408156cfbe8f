// Remote names on the real servers: Unicode keys reach nginx WebDAV and S3 (through the SigV4
// check) as themselves, two rooms' recordings never share a name, and a different file already at
// a name is never overwritten; uploading the same recording again sends nothing.
#include "server_test_util.h"
#include "sha256.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace lectern;
using namespace lectern::test;
namespace fs = std::filesystem;

namespace {
UploadTargetConfig s3(const std::string& url) {
    UploadTargetConfig t = local_target("archive-s3", "s3", url);
    t.bucket = "recordings";
    t.part_size_kib = 256;
    return t;
}
const Secrets kDavSecrets = one_secret("nas-dav", "lectern", "dav-pass");
const Secrets kS3Secrets = one_secret("archive-s3", "S3RVER", "S3RVER");

// Two recordings of two rooms whose Chinese speakers start in the same second.
std::pair<Recording, Recording> two_rooms(const TempDir& dir) {
    auto hall = make_recording(dir.path, "hall", 70000, 1);
    auto meeting = make_recording(dir.path, "meeting", 80000, 2);
    edit_sidecar(hall, "room", R"("大厅")");
    edit_sidecar(hall, "item_id", R"("t-101")");
    edit_sidecar(meeting, "room", R"("会议室")");
    edit_sidecar(meeting, "item_id", R"("t-201")");
    for (const auto* rec : {&hall, &meeting}) edit_sidecar(*rec, "speakers", R"([{"name":"王伟"}])");
    return {hall, meeting};
}

void upload_all(const std::string& db, const UploadConfig& c, const std::vector<Recording>& recs, const Secrets& secrets) {
    auto q = UploadQueue::open(db);
    for (const auto& r : recs) enqueue_recording(*q, c, r.media, r.sidecar);
    Uploader(*q, c, secrets).run_until_idle();
}

// An object read back with s3cmd, straight from s3rver; "" when it is not there.
std::string s3_get(const S3Server& server, const TempDir& dir, const std::string& key) {
    std::string back = dir / "back.bin";
    std::filesystem::remove(back);
    if (run(s3cmd(server, {"get", "--force", "s3://recordings/" + key, back})) != 0) return "";
    return read_file(back);
}

const std::string kKey = "BJAST 2026/2026-11-25/Hall A/090112-Li Wei-k1";
const std::string kKeyInUrl = "BJAST%202026/2026-11-25/Hall%20A/090112-Li%20Wei-k1";
}  // namespace

TEST_CASE("two rooms' recordings whose Chinese speakers start in the same second reach nginx WebDAV under their own names") {
    NginxDav nginx;
    TempDir dir;
    auto [hall, meeting] = two_rooms(dir);
    upload_all(dir / "q.db", one_target(local_target("nas-dav", "webdav", nginx.url)), {hall, meeting}, kDavSecrets);
    std::string day = nginx.root + "/BJAST 2026/2026-11-25/";
    REQUIRE(fs::exists(day + "大厅/090112-王伟-t-101.mkv"));
    REQUIRE(fs::exists(day + "会议室/090112-王伟-t-201.mkv"));
    CHECK(sha256_of(day + "大厅/090112-王伟-t-101.mkv") == hall.sha256);
    CHECK(sha256_of(day + "会议室/090112-王伟-t-201.mkv") == meeting.sha256);
    CHECK(read_file(day + "会议室/090112-王伟-t-201.json") == read_file(meeting.sidecar));
}

TEST_CASE("a different file at the WebDAV name is kept, the recording goes beside it, and a second upload sends nothing") {
    NginxDav nginx;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 90000);
    std::string taken = nginx.root + "/" + kKey + ".mkv";
    fs::create_directories(fs::path(taken).parent_path());
    write_file(taken, "someone else's recording");
    auto job = upload_once(dir / "q.db", one_target(local_target("nas-dav", "webdav", nginx.url)), rec, kDavSecrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.remote_key == kKey + "~2");
    CHECK(read_file(taken) == "someone else's recording");
    CHECK(sha256_of(nginx.root + "/" + kKey + "~2.mkv") == rec.sha256);

    // The same recording once more (a queue that lost its record of the upload): found, not sent.
    auto again = upload_once(dir / "q2.db", one_target(local_target("nas-dav", "webdav", nginx.url)), rec, kDavSecrets);
    CHECK(again.state == JobState::Done);
    CHECK(again.remote_key == kKey + "~2");
    CHECK(count_of(read_file(nginx.dir / "access.log"), "\"PUT /dav/" + kKeyInUrl + "~2.mkv ") == 1);
    CHECK(read_file(taken) == "someone else's recording");
}

TEST_CASE("two rooms' recordings whose Chinese speakers start in the same second reach S3 under their own signed keys") {
    S3Server server;
    TempDir dir;
    auto [hall, meeting] = two_rooms(dir);
    upload_all(dir / "q.db", one_target(s3(server.url)), {hall, meeting}, kS3Secrets);
    CHECK(count_of(read_file(server.dir / "proxy.log"), "SIGV4 MISMATCH") == 0);
    CHECK(sha256_hex(s3_get(server, dir, "BJAST 2026/2026-11-25/大厅/090112-王伟-t-101.mkv")) == hall.sha256);
    CHECK(sha256_hex(s3_get(server, dir, "BJAST 2026/2026-11-25/会议室/090112-王伟-t-201.mkv")) == meeting.sha256);
}

TEST_CASE("a different object at the S3 key is kept, the recording goes beside it, and a second upload sends nothing") {
    S3Server server;
    TempDir dir;
    write_file(dir / "other", "someone else's recording");
    REQUIRE(run({"curl", "-sf", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "S3RVER:S3RVER", "-H",
                 "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-T", dir / "other", server.url + "/recordings/" + kKeyInUrl + ".mkv"}) == 0);
    auto rec = make_recording(dir.path, "talk", 90000);
    auto job = upload_once(dir / "q.db", one_target(s3(server.url)), rec, kS3Secrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.remote_key == kKey + "~2");
    CHECK(s3_get(server, dir, kKey + ".mkv") == "someone else's recording");

    auto again = upload_once(dir / "q2.db", one_target(s3(server.url)), rec, kS3Secrets);
    CHECK(again.state == JobState::Done);
    CHECK(again.remote_key == kKey + "~2");
    CHECK(count_of(read_file(server.dir / "proxy.log"), "REQ PUT /recordings/" + kKeyInUrl + "~2.mkv ") == 1);
}
