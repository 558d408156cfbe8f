// Opencast ingest against tests/servers/opencast_standin.py, which checks the documented request
// sequence and fields. It is not Opencast: real Opencast is not run here (see upload/README.md).
#include "server_test_util.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace lectern;
using namespace lectern::test;

namespace {
struct OpencastStandIn {
    explicit OpencastStandIn(const std::string& auth = "basic") {
        port = free_port();
        process = std::make_unique<ChildProcess>(
            std::vector<std::string>{python(), source_dir() + "/tests/servers/opencast_standin.py", "--port", std::to_string(port),
                                     "--store", dir / "store", "--auth", auth},
            std::map<std::string, std::string>{}, dir / "opencast.log");
        REQUIRE(wait_for_port(port, 20));
        url = "http://127.0.0.1:" + std::to_string(port);
    }
    nlohmann::json state() {
        std::string out;
        run({"curl", "-sf", url + "/test/state"}, &out);
        return nlohmann::json::parse(out);
    }
    TempDir dir;
    int port = 0;
    std::string url;
    std::unique_ptr<ChildProcess> process;
};

UploadTargetConfig opencast(const std::string& url) {
    UploadTargetConfig t;
    t.name = "opencast";
    t.kind = "opencast";
    t.url = url;
    t.workflow = "schedule-and-upload";
    t.allow_insecure_http = true;  // the stand-in on 127.0.0.1 speaks plain http
    return t;
}
}  // namespace

TEST_CASE("a recording is ingested into Opencast with its Dublin Core episode, track and sidecar, in the documented order") {
    OpencastStandIn oc;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 512 * 1024 + 3);
    Secrets secrets;
    secrets.set("opencast", {"lectern", "oc-pass"});
    auto job = upload_once(dir / "q.db", one_target(opencast(oc.url)), rec, secrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.verified == VerifyGrade::Accepted);  // the ingest API reads nothing back

    auto state = oc.state();
    REQUIRE(state.size() == 1);
    auto mp = state.begin().value();
    CHECK(mp["steps"] == nlohmann::json({"createMediaPackage", "addDCCatalog", "addTrack", "addAttachment", "ingest"}));
    CHECK(mp["ingested"] == "schedule-and-upload");
    auto terms = mp["catalogs"][0]["terms"];
    CHECK(terms["title"][0] == "Opening: Keynote / Welcome");
    CHECK(terms["creator"][0] == "Li Wei (李伟)");
    CHECK(terms["spatial"][0] == "Hall A");
    CHECK(terms["created"][0] == "2026-11-25T09:01:12+08:00");
    REQUIRE(mp["tracks"].size() == 1);
    CHECK(mp["tracks"][0]["flavor"] == "presenter/source");
    CHECK(mp["tracks"][0]["name"] == "090112-Li Wei-k1.mkv");
    CHECK(mp["tracks"][0]["sha256"] == rec.sha256);
    CHECK(sha256_of(mp["tracks"][0]["path"].get<std::string>()) == rec.sha256);
    CHECK(read_file(mp["attachments"][0]["path"].get<std::string>()) == read_file(rec.sidecar));
}

TEST_CASE("a wrong Opencast password fails the job with a clear reason and keeps the file") {
    OpencastStandIn oc;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1000);
    Secrets secrets;
    secrets.set("opencast", {"lectern", "wrong"});
    auto job = upload_once(dir / "q.db", one_target(opencast(oc.url)), rec, secrets);
    CHECK(job.state == JobState::Failed);
    CHECK(job.last_error.find("HTTP 401") != std::string::npos);
    CHECK(job.last_error.find("creating the Opencast media package") != std::string::npos);
    CHECK(std::filesystem::exists(rec.media));
    CHECK(oc.state().empty());
}

TEST_CASE("Opencast ingest works with digest authentication") {
    OpencastStandIn oc("digest");
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 300000);
    UploadTargetConfig t = opencast(oc.url);
    t.auth = "digest";
    Secrets secrets;
    secrets.set("opencast", {"lectern", "oc-pass"});
    auto job = upload_once(dir / "q.db", one_target(t), rec, secrets);
    CHECK(job.state == JobState::Done);
    CHECK(job.last_error == "");
    auto state = oc.state();
    REQUIRE(state.size() == 1);
    CHECK(state.begin().value()["tracks"][0]["sha256"] == rec.sha256);
}
