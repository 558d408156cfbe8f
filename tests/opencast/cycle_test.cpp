// A whole Opencast cycle with the real `lectern run --headless`: Opencast (the stand-in) schedules an
// event a few seconds ahead for the agent; Lectern registers, takes the calendar, records the event at
// its times with its episode metadata, reports every state and ingests the file into that event.
#include "standin.h"

#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>

using namespace lectern::test;
namespace fs = std::filesystem;

namespace {

struct OpencastRoom {
    TempDir dir;
    int oc_port = free_port();
    int port = 0;
    std::unique_ptr<ChildProcess> lectern;

    OpencastRoom() {
        write_file(dir / "room.toml",
                   "[kiosk]\nid = \"rack-oc\"\n[media]\nwidth = 320\nheight = 180\nfps = 10\npreview_width = 160\noutput_dir = \"" +
                       (dir / "rec") + "\"\n[upload]\nqueue_db = \"" + (dir / "uploads.db") + "\"\nsecrets_file = \"" + (dir / "secrets.toml") +
                       "\"\n[[upload.targets]]\nname = \"archive\"\nkind = \"folder\"\npath = \"" + (dir / "archive") +
                       "\"\n[opencast]\nurl = \"http://127.0.0.1:" + std::to_string(oc_port) +
                       "\"\nagent_name = \"hall-b\"\nupdate_seconds = 1\ncache_dir = \"" + (dir / "cache") + "\"\n");
        write_file(dir / "secrets.toml", "[opencast]\nuser = \"lectern\"\npassword = \"oc-pass\"\n");
        ::chmod((dir / "secrets.toml").c_str(), 0600);
        lectern = std::make_unique<ChildProcess>(
            std::vector<std::string>{bin_dir() + "/lectern", "run", "--headless", "--config", dir / "room.toml", "--listen", "127.0.0.1:0"},
            std::map<std::string, std::string>{}, dir / "lectern.log");
        std::smatch m;
        const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+))");
        REQUIRE(wait_until([&] { std::string log = read_file(dir / "lectern.log"); return std::regex_search(log, m, serving) && (port = std::stoi(m[1])); }, 30));
    }
    int http_status(const std::string& path) {
        std::string out;
        run({"curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + std::to_string(port) + path}, &out);
        return out.empty() ? 0 : std::stoi(out);
    }
    nlohmann::json status() {
        std::string out;
        run({"curl", "-sf", "http://127.0.0.1:" + std::to_string(port) + "/api/v1/status"}, &out);
        return nlohmann::json::parse(out);
    }
    std::vector<fs::path> files(const std::string& suffix) {
        std::vector<fs::path> out;
        for (auto& e : fs::directory_iterator(dir / "rec"))
            if (e.path().string().ends_with(suffix)) out.push_back(e.path());
        return out;
    }
};

}  // namespace

TEST_CASE("lectern run records an event Opencast scheduled, reports capturing to upload_finished and ingests it into the event") {
    OpencastRoom room;
    // The recorder opens first (it probes devices), so that the event can start on time.
    REQUIRE(wait_until([&] { return room.http_status("/readyz") == 200; }, 60));
    CHECK(room.status()["agenda"]["source"] == "opencast");
    CHECK(room.status()["agenda"]["problem"].get<std::string>().find("service registry") != std::string::npos);  // no Opencast yet
    OpencastStandIn oc("hall-b", 4, 4, room.oc_port);
    const std::string uid = oc.event_uid();
    REQUIRE_MESSAGE(wait_until([&] {
        auto states = oc.agent()["recording_states"];
        return states.contains(uid) && (states[uid].back() == "upload_finished" || states[uid].back() == "upload_error" ||
                                        states[uid].back() == "capture_error");
    }, 90), read_file(room.dir / "lectern.log"));

    auto seen = oc.agent();
    CHECK(seen["recording_states"][uid] == nlohmann::json({"capturing", "capture_finished", "uploading", "upload_finished"}));
    REQUIRE(wait_until([&] { return oc.agent()["agent_states"].back() == "idle"; }, 10));
    CHECK(oc.agent()["agent_states"] == nlohmann::json({"idle", "capturing", "uploading", "idle"}));
    CHECK(seen["refused"].empty());          // every request matched the documented API
    CHECK(seen["not_modified"].get<int>() >= 1);  // the calendar was fetched conditionally

    // The ingest went into the scheduled event, with its workflow and catalogs, and the recorded bytes.
    REQUIRE(seen["ingests"].size() == 1);
    CHECK(seen["ingests"][0]["workflowInstanceId"] == uid);
    CHECK(seen["ingests"][0]["workflowDefinitionId"] == "fast");
    CHECK(seen["ingests"][0]["config"] == nlohmann::json({{"straightToPublishing", "true"}}));
    auto mp = oc.packages()[seen["ingests"][0]["mediaPackage"].get<std::string>()];
    CHECK(mp["steps"] == nlohmann::json({"createMediaPackage", "addDCCatalog", "addDCCatalog", "addTrack", "addAttachment", "ingest"}));
    CHECK(mp["catalogs"][0]["flavor"] == "dublincore/episode");
    CHECK(mp["catalogs"][1]["flavor"] == "dublincore/series");
    auto recorded = room.files(".mp4");
    REQUIRE(recorded.size() == 1);
    CHECK(mp["tracks"][0]["sha256"] == sha256_of(recorded[0]));

    // Recorded at the event's times with its episode metadata.
    auto sidecar = nlohmann::json::parse(read_file(recorded[0].replace_extension(".json")));
    CHECK(sidecar.dump().find("Cell biology, lecture 3: membranes") != std::string::npos);
    CHECK(sidecar.dump().find("Prof. Ada Nakamura") != std::string::npos);
    CHECK(sidecar.dump().find(uid) != std::string::npos);
    CHECK(room.files(".opencast").empty());  // the ingest's note goes once Opencast has the recording
    CHECK(!fs::is_empty(room.dir / "cache"));  // the last good calendar, for a restart without network

    ::kill(room.lectern->pid(), SIGTERM);
    CHECK(room.lectern->wait() == 0);
    CHECK(read_file(room.dir / "lectern.log").find("oc-pass") == std::string::npos);
}
