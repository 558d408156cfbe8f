// agenda.url against real servers on 127.0.0.1: nginx serving a file whose content and ETag change,
// and a fault server that stalls, answers 500, sends an HTML page or closes mid-body.
#include "agenda_feed.h"
#include "agenda_source.h"
#include "local_time.h"
#include "test_servers.h"
#include "upload_fixtures.h"
#include "toml_reader.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace lectern;
using namespace lectern::test;

namespace {

std::string programme(const std::string& title) {
    return "<?xml version=\"1.0\"?>\n<schedule><conference><title>Feed Con</title><time_zone_name>Europe/Berlin</time_zone_name>"
           "</conference><day index=\"1\" date=\"2024-12-27\"><room name=\"Saal 1\"><event guid=\"talk-1\">"
           "<date>2024-12-27T10:30:00+01:00</date><duration>00:30</duration><title>" +
           title + "</title></event></room></day></schedule>\n";
}

const TimePoint kMorning = *parse_rfc3339("2024-12-27T09:00:00+01:00");

AgendaConfig url_config(const std::string& url, const TempDir& cache) {
    AgendaConfig config;
    config.url = url;
    config.cache_dir = cache / "cache";
    config.fetch_timeout_seconds = 2;
    config.stale_after_seconds = 600;
    return config;
}

int count_of(const std::string& log, const std::string& word) {
    int n = 0;
    for (size_t at = log.find(word); at != std::string::npos; at = log.find(word, at + 1)) ++n;
    return n;
}

// The fault server (tests/core/agenda_fault_server.py); its mode file says how it answers.
struct FaultServer {
    TempDir dir;
    int port = free_port();
    std::unique_ptr<ChildProcess> process;
    std::string url = "http://127.0.0.1:" + std::to_string(port) + "/schedule.xml";

    FaultServer() {
        write_file(dir / "schedule", programme("Good"));
        mode("good");
        process = std::make_unique<ChildProcess>(
            std::vector<std::string>{python(), source_dir() + "/tests/core/agenda_fault_server.py", "--port", std::to_string(port), "--dir", dir.path},
            std::map<std::string, std::string>{}, dir / "server.log");
        REQUIRE_MESSAGE(wait_for_port(port, 20), read_file(dir / "server.log"));
    }
    void mode(const std::string& m) { write_file(dir / "mode", m + "\n"); }
};

}  // namespace

TEST_CASE("a programme URL is fetched, and refreshing an unchanged one costs one 304 and no parse") {
    NginxDav nginx;
    TempDir cache;
    write_file(nginx.dir / "www/schedule.xml", programme("First"));
    FixedClock clock(kMorning);
    AgendaSource source(url_config("http://127.0.0.1:" + std::to_string(nginx.port) + "/schedule.xml", cache), clock, false);
    CHECK(source.current()->items.at(0).title == "First");

    clock.advance(minutes{1});
    CHECK_FALSE(source.reload_if_changed());
    FeedStatus status = source.feed_status();
    CHECK(status.requests == 2);
    CHECK(status.not_modified == 1);
    CHECK(status.parses == 1);
    CHECK(status.as_of == clock.now());
    // nginx logs a request after it has answered it: wait for the line rather than race it.
    const auto access_log = nginx.dir / "access.log";
    CHECK(wait_until([&] { return count_of(read_file(access_log), "\" 304 ") == 1; }, 10));
    CHECK(count_of(read_file(access_log), "\" 200 ") == 1);

    // A change upstream (new content, new ETag) is published at the next refresh.
    write_file(nginx.dir / "www/schedule.xml", programme("Second, moved"));
    std::filesystem::last_write_time(nginx.dir / "www/schedule.xml", std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
    CHECK(source.reload_if_changed());
    CHECK(source.current()->items.at(0).title == "Second, moved");
    CHECK(source.feed_status().parses == 2);
    CHECK(source.problem().empty());
}

TEST_CASE("with the server gone the kiosk starts from the cached copy and shows its age") {
    TempDir cache;
    FixedClock clock(kMorning);
    std::string url;
    {
        NginxDav nginx;
        write_file(nginx.dir / "www/schedule.xml", programme("Cached talk"));
        url = "http://127.0.0.1:" + std::to_string(nginx.port) + "/schedule.xml";
        AgendaSource online(url_config(url, cache), clock, false);
        CHECK(online.current()->items.at(0).title == "Cached talk");
    }
    clock.advance(minutes{40});  // the kiosk restarts 40 min later, the server is down
    AgendaSource offline(url_config(url, cache), clock, false);
    CHECK(offline.current()->items.at(0).title == "Cached talk");
    CHECK(offline.staleness(clock.now()) == "programme as of 09:00 — not refreshed for 40 min");
    CHECK_FALSE(offline.reload_if_changed());
    INFO(offline.problem());
    CHECK(offline.problem().find("connection refused by http://127.0.0.1:") != std::string::npos);
    CHECK(offline.problem().find("showing the copy of 09:00") != std::string::npos);
    clock.advance(minutes{25});
    CHECK(offline.staleness(clock.now()) == "programme as of 09:00 — offline 25 min");
}

TEST_CASE("a programme URL that cannot be fetched and has no cached copy stops the start with the reason") {
    TempDir cache;
    FixedClock clock(kMorning);
    const std::string url = "http://127.0.0.1:" + std::to_string(free_port()) + "/schedule.xml?token=s3cret";
    try {
        AgendaSource source(url_config(url, cache), clock, false);
        FAIL("a source without any programme was made");
    } catch (const InputError& e) {
        const std::string message = e.what();
        CHECK(message.find("connection refused") != std::string::npos);
        CHECK(message.find("no cached copy") != std::string::npos);
        CHECK(message.find("s3cret") == std::string::npos);  // the query may carry a token
    }
}

TEST_CASE("a stalling, failing, HTML-answering or truncating server keeps the last good programme and says why") {
    FaultServer server;
    TempDir cache;
    FixedClock clock(kMorning);
    AgendaSource source(url_config(server.url, cache), clock, false);
    REQUIRE(source.current()->items.at(0).title == "Good");
    const std::vector<std::pair<std::string, std::string>> faults = {
        {"stall", "no complete answer from"}, {"500", "HTTP 500 from http://127.0.0.1:"},
        {"html", "not a schedule: "}, {"truncate", "closed mid-answer"}};
    for (const auto& [mode, why] : faults) {
        CAPTURE(mode);
        server.mode(mode);
        CHECK_FALSE(source.reload_if_changed());
        CHECK(source.current()->items.at(0).title == "Good");
        CHECK(source.problem().find(why) != std::string::npos);
    }
    CHECK(source.problem().find("looks like an HTML page") == std::string::npos);  // the last fault was the truncation
    server.mode("good");
    CHECK_FALSE(source.reload_if_changed());  // 304: the copy shown is still current
    CHECK(source.problem().empty());
}

TEST_CASE("a programme URL behind basic auth uses the secret's user and password") {
    NginxDav nginx;
    TempDir cache;
    write_file(nginx.root + "/schedule.xml", programme("Private"));
    FixedClock clock(kMorning);
    const std::string url = nginx.url + "/schedule.xml";
    CHECK_THROWS_WITH_AS(AgendaSource(url_config(url, cache), clock, false), doctest::Contains("HTTP 401"), InputError);
    AgendaSource source(url_config(url, cache), clock, false, FetchCredentials{"lectern", "dav-pass"});
    CHECK(source.current()->items.at(0).title == "Private");
}

TEST_CASE("a programme URL with a user, password and token shows and logs none of them") {
    FaultServer server;
    TempDir cache;
    FixedClock clock(kMorning);
    const std::string url = "http://user:pw@127.0.0.1:" + std::to_string(server.port) + "/schedule.xml?token=abc";
    AgendaSource source(url_config(url, cache), clock, false);
    REQUIRE(source.current()->items.at(0).title == "Good");
    auto shows_no_secret = [](const std::string& text) {
        CAPTURE(text);
        CHECK(text.find("user") == std::string::npos);
        CHECK(text.find("pw") == std::string::npos);
        CHECK(text.find("abc") == std::string::npos);
    };
    shows_no_secret(source.feed_status().source);
    CHECK(source.feed_status().source.find("127.0.0.1:" + std::to_string(server.port) + "/schedule.xml") != std::string::npos);
    for (const char* mode : {"500", "html", "truncate", "stall"}) {
        server.mode(mode);
        CHECK_FALSE(source.reload_if_changed());
        CHECK_FALSE(source.problem().empty());
        shows_no_secret(source.problem());
        shows_no_secret(source.feed_status().problem);
    }
    // Started without the network: the cached copy's name and the notice carry no secret either.
    const std::string offline_url = "http://user:pw@127.0.0.1:" + std::to_string(free_port()) + "/schedule.xml?token=abc";
    try {
        AgendaSource offline(url_config(offline_url, cache), clock, false);
        FAIL("a source without any programme was made");
    } catch (const InputError& e) {
        shows_no_secret(e.what());
    }
}
