// The capture agent without a recorder, on a clock the test moves: what it reports for an event
// nobody recorded, and the calendar it keeps on disk for a restart without network.
#include "capture_agent.h"
#include "standin.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>

using namespace lectern;
using namespace lectern::test;

namespace {

// The agent reads the clock on its own thread.
class MovableClock final : public Clock {
public:
    TimePoint now() const override { return TimePoint{seconds{base_ + offset_.load()}}; }
    void advance(seconds by) { offset_ += by.count(); }

private:
    int64_t base_ = std::chrono::floor<seconds>(std::chrono::system_clock::now()).time_since_epoch().count();
    std::atomic<int64_t> offset_{0};
};

struct AgentSecret {
    AgentSecret() {
        ::setenv("LECTERN_SECRET_OPENCAST_USER", "lectern", 1);
        ::setenv("LECTERN_SECRET_OPENCAST_PASSWORD", "oc-pass", 1);
    }
    ~AgentSecret() {
        ::unsetenv("LECTERN_SECRET_OPENCAST_USER");
        ::unsetenv("LECTERN_SECRET_OPENCAST_PASSWORD");
    }
};

LecternConfig agent_config(const std::string& url, const std::string& cache_dir) {
    LecternConfig c;
    c.opencast.url = url;
    c.opencast.agent_name = "hall-b";
    c.opencast.update_seconds = 1;
    c.opencast.cache_dir = cache_dir;
    return c;
}

}  // namespace

TEST_CASE("a scheduled event nobody recorded is reported as capture_error once it is over, and the agent stays idle") {
    AgentSecret secret;
    OpencastStandIn oc("hall-b", 2, 2);
    TempDir dir;
    MovableClock clock;
    CaptureAgent agent(agent_config(oc.url, dir / "cache"), clock);
    REQUIRE(wait_until([&] { return agent.agenda()->items.size() == 1; }, 20));
    const std::string uid = oc.event_uid();
    clock.advance(seconds{3});  // the event is on: nothing records it
    REQUIRE(wait_until([&] { return oc.agent()["calendar_requests"].get<int>() >= 2; }, 20));
    CHECK(oc.agent()["recording_states"].empty());
    clock.advance(seconds{70});  // a minute after its end
    REQUIRE(wait_until([&] { return oc.agent()["recording_states"].contains(uid); }, 20));
    CHECK(oc.agent()["recording_states"][uid] == nlohmann::json({"capture_error"}));
    CHECK(oc.agent()["agent_states"] == nlohmann::json({"idle"}));
    CHECK(agent.problem() == "");
}

TEST_CASE("the agent keeps the last calendar on disk and follows it after a restart without Opencast") {
    AgentSecret secret;
    TempDir dir;
    MovableClock clock;
    std::string url;
    {
        OpencastStandIn oc("hall-b", 3600);
        url = oc.url;
        CaptureAgent agent(agent_config(url, dir / "cache"), clock);
        REQUIRE(wait_until([&] { return agent.agenda()->items.size() == 1; }, 20));
    }  // Opencast goes away
    CaptureAgent restarted(agent_config(url, dir / "cache"), clock);
    REQUIRE(restarted.agenda()->items.size() == 1);
    CHECK(restarted.agenda()->items[0].title == "Cell biology, lecture 3: membranes");
    CHECK(restarted.agenda()->items[0].room_id == "hall-b");
    REQUIRE(wait_until([&] { return !restarted.problem().empty(); }, 20));
    CHECK(restarted.problem().find("service registry") != std::string::npos);
    CHECK(restarted.agenda()->items.size() == 1);  // a failing Opencast keeps the cached schedule

    // A recording of the event finished while Opencast is away: noted for the ingest, not lost.
    Recording rec = make_recording(dir.path, "lecture", 1000);
    auto sidecar = nlohmann::json::parse(read_file(rec.sidecar));
    sidecar["item_id"] = restarted.agenda()->items[0].id;
    write_file(rec.sidecar, sidecar.dump());
    restarted.recording_finished(rec.media, rec.sidecar);
    CHECK(wait_until([&] { return std::filesystem::exists(rec.media + ".opencast"); }, 10));
}

TEST_CASE("a recording whose ingest was not done before a stop is ingested into its event at the next start") {
    AgentSecret secret;
    OpencastStandIn oc("hall-b", 3600);
    TempDir dir;
    Recording rec = make_recording(dir.path, "lecture", 50000);
    const std::string uid = oc.event_uid();
    // The note the ingest writes beside a recording it was handed (event_ingest.h).
    write_file(rec.media + ".opencast", nlohmann::json{{"media", rec.media}, {"sidecar", rec.sidecar}, {"uid", uid},
                                                       {"workflow_definition", "fast"},
                                                       {"workflow_config", std::vector<std::pair<std::string, std::string>>{{"straightToPublishing", "true"}}}}
                                            .dump());
    LecternConfig c = agent_config(oc.url, dir / "cache");
    c.media.output_dir = dir.path;
    MovableClock clock;
    CaptureAgent agent(c, clock);
    REQUIRE(wait_until([&] { return oc.agent()["recording_states"].contains(uid) && oc.agent()["recording_states"][uid].back() == "upload_finished"; }, 30));
    CHECK(oc.agent()["recording_states"][uid] == nlohmann::json({"uploading", "upload_finished"}));
    CHECK(oc.agent()["ingests"][0]["workflowInstanceId"] == uid);
    CHECK(oc.packages()[oc.agent()["ingests"][0]["mediaPackage"].get<std::string>()]["tracks"][0]["sha256"] == rec.sha256);
    REQUIRE(wait_until([&] { return !std::filesystem::exists(rec.media + ".opencast"); }, 5));  // done: no second ingest at the next start
}
