// The capture agent's requests against the stand-in, which refuses anything the documented
// capture-agent and ingest API would not take (method, path, fields, states, digest auth).
#include "opencast_client.h"
#include "opencast_target.h"
#include "sidecar.h"
#include "standin.h"

#include <fstream>

using namespace lectern;
using namespace lectern::test;

namespace {

OpencastConfig config_for(const OpencastStandIn& oc) {
    OpencastConfig c;
    c.url = oc.url;
    c.address = "http://rack-7.example.org:8080";
    return c;
}

// One form request with curl and the stand-in's digest user; returns the HTTP status, body in `out`.
int post(const OpencastStandIn& oc, const std::string& path, const std::vector<std::string>& fields, std::string* out) {
    std::vector<std::string> argv{"curl", "-s", "-w", "\n%{http_code}", "--digest", "-u", "lectern:oc-pass",
                                  "-H", "X-Requested-Auth: Digest"};
    for (const auto& f : fields) argv.insert(argv.end(), {f.rfind("BODY=", 0) == 0 ? "-F" : "--form-string", f});
    argv.push_back(oc.url + path);
    std::string text;
    run(argv, &text);
    const size_t cut = text.find_last_of('\n');
    *out = text.substr(0, cut);
    return std::stoi(text.substr(cut + 1));
}

}  // namespace

TEST_CASE("the agent finds Opencast's services, reports its and the recording's states and fetches its calendar conditionally") {
    OpencastStandIn oc("hall-b", 3600);
    OpencastClient client(config_for(oc), "hall-b", TargetSecret{"lectern", "oc-pass"});
    REQUIRE(client.discover() == "");
    CHECK(client.endpoints().capture_admin == oc.url + "/capture-admin");
    CHECK(client.endpoints().scheduler == oc.url + "/recordings");
    CHECK(client.endpoints().ingest == oc.url + "/ingest");
    const std::string uid = oc.event_uid();
    CHECK(client.set_agent_state("idle") == "");
    CHECK(client.set_recording_state(uid, "capturing") == "");
    CHECK(client.set_recording_state(uid, "recording").find("HTTP 400") != std::string::npos);  // not a RecordingState
    CalendarFetch first = client.fetch_calendar("", "", TimePoint{std::chrono::seconds{std::time(nullptr)}});
    REQUIRE(first.outcome == CalendarFetch::Outcome::Fresh);
    CHECK(first.body.find("UID:" + uid) != std::string::npos);
    CalendarFetch again = client.fetch_calendar(first.etag, first.last_modified, TimePoint{std::chrono::seconds{std::time(nullptr)}});
    CHECK(again.outcome == CalendarFetch::Outcome::NotModified);
    auto seen = oc.agent();
    CHECK(seen["agent_states"] == nlohmann::json({"idle"}));
    CHECK(seen["agents"][0] == "hall-b");
    CHECK(seen["recording_states"][uid] == nlohmann::json({"capturing"}));
    CHECK(seen["not_modified"] == 1);
    CHECK(seen["refused"].size() == 1);  // the "recording" state above, and nothing else
}

TEST_CASE("a wrong Opencast password stops the agent at the service registry with a reason that holds no password") {
    OpencastStandIn oc("hall-b", -1);
    OpencastClient client(config_for(oc), "hall-b", TargetSecret{"lectern", "not-the-password"});
    const std::string why = client.discover();
    CHECK(why.find("HTTP 401") != std::string::npos);
    CHECK(why.find("service registry") != std::string::npos);
    CHECK(why.find("not-the-password") == std::string::npos);
}

TEST_CASE("an ingest into a scheduled event links it by workflowInstanceId with the event's catalogs and workflow") {
    OpencastStandIn oc("hall-b", 3600);
    OpencastClient client(config_for(oc), "hall-b", TargetSecret{"lectern", "oc-pass"});
    REQUIRE(client.discover() == "");
    TempDir dir;
    Recording rec = make_recording(dir.path, "talk", 200000);
    UploadAttempt a;
    a.media_path = rec.media;
    a.media_size = rec.size;
    a.sidecar = read_sidecar(rec.sidecar);
    a.remote_key = "talk";
    a.media_extension = ".mkv";
    const std::string uid = oc.event_uid();
    auto target = make_scheduled_opencast_target(client.ingest_target(), client.secret(),
                                                 {uid, "fast", {{"straightToPublishing", "true"}},
                                                  {{"dublincore/episode", "<dublincore xmlns:dcterms=\"http://purl.org/dc/terms/\"><dcterms:title>Lecture 3</dcterms:title></dublincore>"}}});
    auto result = target->upload(a);
    REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().message));
    auto ingests = oc.agent()["ingests"];
    REQUIRE(ingests.size() == 1);
    CHECK(ingests[0]["workflowInstanceId"] == uid);
    CHECK(ingests[0]["workflowDefinitionId"] == "fast");
    CHECK(ingests[0]["config"] == nlohmann::json({{"straightToPublishing", "true"}}));
    auto mp = oc.packages()[ingests[0]["mediaPackage"].get<std::string>()];
    CHECK(mp["catalogs"][0]["terms"]["title"][0] == "Lecture 3");
    CHECK(mp["tracks"][0]["sha256"] == rec.sha256);
}

TEST_CASE("the stand-in refuses an ingest that spells workflowInstanceId as the capture-agent guide does (workfloeInstanceId)") {
    OpencastStandIn oc("hall-b", 3600);
    TempDir dir;
    Recording rec = make_recording(dir.path, "talk", 1000);
    std::string mp;
    std::string created;
    run({"curl", "-sf", "--digest", "-u", "lectern:oc-pass", "-H", "X-Requested-Auth: Digest", oc.url + "/ingest/createMediaPackage"}, &created);
    REQUIRE(post(oc, "/ingest/addDCCatalog", {"mediaPackage=" + created, "flavor=dublincore/episode",
                                              "dublinCore=<dublincore xmlns:dcterms=\"http://purl.org/dc/terms/\"><dcterms:title>T</dcterms:title></dublincore>"},
                 &mp) == 200);
    REQUIRE(post(oc, "/ingest/addTrack", {"mediaPackage=" + mp, "flavor=presenter/source", "BODY=@" + rec.media}, &mp) == 200);
    std::string answer;
    CHECK(post(oc, "/ingest/ingest", {"mediaPackage=" + mp, "workflowDefinitionId=fast", "workfloeInstanceId=" + oc.event_uid()}, &answer) == 400);
    CHECK(answer.find("workfloeInstanceId") != std::string::npos);
    CHECK(oc.agent()["ingests"].empty());
    CHECK(post(oc, "/ingest/ingest", {"mediaPackage=" + mp, "workflowDefinitionId=fast", "workflowInstanceId=" + oc.event_uid()}, &answer) == 200);
    CHECK(oc.agent()["ingests"][0]["workflowInstanceId"] == oc.event_uid());
}
