// S3 credentials that may write but not read (a policy with s3:PutObject and no s3:GetObject, the
// usual one for a recorder that only delivers): S3 answers every GET and HEAD with 403. The proxy's
// --deny-read plays that part in front of s3rver, and honours If-None-Match: * as S3 does.
#include "server_test_util.h"

#include <doctest/doctest.h>

using namespace lectern;
using namespace lectern::test;

namespace {

UploadConfig s3_config(const std::string& url) {
    UploadTargetConfig t = local_target("archive-s3", "s3", url);
    t.bucket = "recordings";
    t.part_size_kib = 256;
    return one_target(t);
}

const Secrets kKey = one_secret("archive-s3", "S3RVER", "S3RVER");

struct WriteOnlyS3 {
    S3Server s3;
    FaultProxy proxy{s3.s3rver_port, {"--deny-read", "--sigv4-key", "S3RVER", "--sigv4-secret", "S3RVER"}};
    std::string url = "http://127.0.0.1:" + std::to_string(proxy.port);
};

std::string stored_sha256(const S3Server& s3, const std::string& key, const std::string& to) {
    REQUIRE(run(s3cmd(s3, {"get", "--force", "s3://recordings/" + key, to})) == 0);
    return sha256_of(to);
}

}  // namespace

TEST_CASE("with write-only S3 credentials a recording is put and graded by the checksum S3 computed, in one PUT or in parts") {
    WriteOnlyS3 s3;
    TempDir dir;
    for (int64_t size : {int64_t{70000}, int64_t{5 * 256 * 1024 + 1234}}) {
        CAPTURE(size);
        auto rec = make_recording(dir.path, "talk" + std::to_string(size), size, static_cast<uint32_t>(size));
        auto job = upload_once(dir / ("q" + std::to_string(size) + ".db"), s3_config(s3.url), rec, kKey);
        CHECK(job.last_error == "");
        CHECK(job.state == JobState::Done);
        CHECK(job.verified == VerifyGrade::Checksum);  // the ETag in S3's answer to the PUT (or the completion)
        CHECK(stored_sha256(s3.s3, job.remote_key + ".mkv", dir / "back.mkv") == rec.sha256);
    }
    CHECK(count_of(read_file(s3.proxy.log), "REQ HEAD ") > 0);  // it asked, and was refused
}

TEST_CASE("with write-only S3 credentials a different recording already at the key is kept and the new one goes beside it") {
    WriteOnlyS3 s3;
    TempDir dir;
    auto first = make_recording(dir.path, "first", 70000, 1);
    auto second = make_recording(dir.path, "second", 70000, 2);  // same talk, same key, other bytes
    REQUIRE(first.sha256 != second.sha256);
    auto before = upload_once(dir / "a.db", s3_config(s3.s3.url), first, kKey);  // a reading key
    REQUIRE(before.state == JobState::Done);

    auto job = upload_once(dir / "b.db", s3_config(s3.url), second, kKey);
    CHECK(job.last_error == "");
    CHECK(job.state == JobState::Done);
    CHECK(job.remote_key == before.remote_key + "~2");
    CHECK(count_of(read_file(s3.proxy.log), "PRECONDITION PUT") == 1);  // S3 refused to replace the first
    CHECK(stored_sha256(s3.s3, before.remote_key + ".mkv", dir / "one.mkv") == first.sha256);
    CHECK(stored_sha256(s3.s3, job.remote_key + ".mkv", dir / "two.mkv") == second.sha256);
}
