// tests/servers/opencast_standin.py on a free 127.0.0.1 port, for the capture agent's tests: a
// stand-in that checks requests against Opencast's documented API, not Opencast itself.
#pragma once

#include "upload_fixtures.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lectern::test {

struct OpencastStandIn {
    // event_in: schedule one event for `agent` this many seconds from now (negative = none).
    OpencastStandIn(const std::string& agent, double event_in, double event_length = 4, int port_wanted = 0)
        : port(port_wanted ? port_wanted : free_port()) {
        std::vector<std::string> argv{python(), source_dir() + "/tests/servers/opencast_standin.py", "--port", std::to_string(port),
                                      "--store", dir / "store", "--auth", "digest", "--agent", agent};
        if (event_in >= 0)
            argv.insert(argv.end(), {"--event-in", std::to_string(event_in), "--event-length", std::to_string(event_length)});
        process = std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{}, dir / "opencast.log");
        REQUIRE(wait_for_port(port, 20));
        url = "http://127.0.0.1:" + std::to_string(port);
    }
    nlohmann::json get(const std::string& path) {
        std::string out;
        run({"curl", "-sf", url + path}, &out);
        return nlohmann::json::parse(out);
    }
    nlohmann::json agent() { return get("/test/agent"); }
    nlohmann::json packages() { return get("/test/state"); }
    std::string event_uid() { return agent()["events"].at(0)["uid"]; }

    TempDir dir;
    int port = 0;
    std::string url;
    std::unique_ptr<ChildProcess> process;
};

}  // namespace lectern::test
