// Credentials never travel in the clear or to another server: Basic auth over http:// only when
// the target says allow_insecure_http = true.
#include "fake_server.h"
#include "lectern_config.h"
#include "server_test_util.h"
#include "upload_fixtures.h"

#include <doctest/doctest.h>

using namespace lectern;
using namespace lectern::test;

namespace {

UploadTargetConfig plain_http_dav(const std::string& url) {
    UploadTargetConfig t;
    t.name = "nas-dav";
    t.kind = "webdav";
    t.url = url + "/dav";
    return t;
}

Secrets dav_password() {
    Secrets s;
    s.set("nas-dav", {"lectern", "dav-pass"});
    return s;
}

}  // namespace

TEST_CASE("a password is not sent over plain http:// unless the target allows it") {
    FakeServer server;
    server.http().Put(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 201; });
    server.http().Get(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    server.http().set_error_handler([](const httplib::Request&, httplib::Response& res) { res.status = 405; });
    server.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    UploadConfig config = one_target(plain_http_dav(server.url()));
    config.max_attempts = 1;
    auto job = upload_once(dir / "q.db", config, rec, dav_password());
    CHECK(job.state == JobState::Failed);
    CHECK(job.last_error.find("allow_insecure_http = true") != std::string::npos);
    CHECK(job.last_error.find("dav-pass") == std::string::npos);
    for (const auto& seen : server.seen()) CHECK_FALSE(seen.authorization);
}

TEST_CASE("allow_insecure_http lets a lab target send its password over http://") {
    FakeServer server;
    server.http().Put(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 401; });
    server.start();
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    UploadTargetConfig t = plain_http_dav(server.url());
    t.allow_insecure_http = true;
    UploadConfig config = one_target(t);
    config.max_attempts = 1;
    upload_once(dir / "q.db", config, rec, dav_password());
    bool sent = false;
    for (const auto& seen : server.seen()) sent = sent || seen.authorization;
    CHECK(sent);
}

TEST_CASE("allow_insecure_http is read from the configuration") {
    auto c = load_config_text("[[upload.targets]]\nname = \"lab\"\nkind = \"webdav\"\nurl = \"http://nas/dav\"\n"
                              "allow_insecure_http = true\n", "t.toml");
    CHECK(c.upload.targets.at(0).allow_insecure_http);
    CHECK_FALSE(LecternConfig{}.upload.targets.at(0).allow_insecure_http);
}
