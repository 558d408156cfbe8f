// The display-free commands of the lectern binary, run as a user would.
#include "png_image.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <regex>

namespace {
const std::string lectern = LECTERN_BIN_DIR + "/lectern";

std::string write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories("cli");
    const std::string path = "cli/" + name;
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    return path;
}
}  // namespace

TEST_CASE("check-config accepts the example file") {
    CommandResult r = run_command(lectern + " check-config " + LECTERN_SOURCE_DIR + "/config/lectern.example.toml");
    CHECK(r.status == 0);
    CHECK(r.out.find(": OK") != std::string::npos);
}

TEST_CASE("check-config warns that the demo PIN 1234 stays active without a pin_hash, and --strict refuses it") {
    const std::string path = write("demo-pin.toml", "[kiosk]\nid = \"hall-a\"\n");
    CommandResult r = run_command(lectern + " check-config " + path);
    CHECK(r.status == 0);
    CHECK(r.out.find("warning: " + path + ": 'operator.pin_hash' is not set, so the demo PIN 1234 opens the console") != std::string::npos);
    CommandResult strict = run_command(lectern + " check-config --strict " + path);
    CHECK(strict.status == 2);
    CHECK(strict.out.find("error: " + path + ": 'operator.pin_hash' is not set") != std::string::npos);
    const std::string hash = run_command("echo 2468 | " + lectern + " hash-pin").out;
    const std::string set = write("set-pin.toml", "[operator]\npin_hash = \"" + hash.substr(0, hash.find('\n')) + "\"\n");
    CHECK(run_command(lectern + " check-config --strict " + set).status == 0);
}

TEST_CASE("check-config names file, line and key of a mistake and exits 2") {
    const std::string path = write("typo.toml", "[kiosk]\nid = \"hall-a\"\nscreen = \"lobbby\"\n");
    CommandResult r = run_command(lectern + " check-config " + path);
    CHECK(r.status == 2);
    CHECK(r.out.find(path + ":3:") != std::string::npos);
    CHECK(r.out.find("'kiosk.screen': \"lobbby\" is not allowed; use one of") != std::string::npos);
}

TEST_CASE("agenda show prints the demo in Beijing time") {
    CommandResult r = run_command(lectern + " agenda show");
    CHECK(r.status == 0);
    CHECK(r.out.find("Monday 29 April 2024") != std::string::npos);
    CHECK(r.out.find("09:10–09:30  [BJAST Conference Hall] Address") != std::string::npos);
    CHECK(r.out.find("Wu Jianmin 伍建民") != std::string::npos);
}

TEST_CASE("agenda show --json gives every item with offsets in the event's zone") {
    CommandResult r = run_command(lectern + " agenda show --json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["event"]["time_zone"] == "Asia/Shanghai");
    CHECK(j["items"][1]["start"] == "2024-04-29T09:10:00+08:00");
    CHECK(j["items"].size() >= 8);
}

TEST_CASE("agenda show of a broken file exits 2 naming the line") {
    const std::string path = write("broken-agenda.toml", "[event]\nname = \"E\"\ntime_zone = \"Asia/Shanghai\"\n[[rooms]]\nid = \"a\"\n");
    CommandResult r = run_command(lectern + " agenda show " + path);
    CHECK(r.status == 2);
    CHECK(r.out.find("'rooms[0].name': is required") != std::string::npos);
}

TEST_CASE("agenda show reads a schedule.xml and an .ics by content, and refuses an HTML page with exit 2") {
    CommandResult xml = run_command(lectern + " agenda show " + LECTERN_SOURCE_DIR + "/tests/data/schedules/congress.xml");
    CHECK(xml.status == 0);
    CHECK(xml.out.find("10:30–11:00  [Saal 1] Opening & Welcome — Ada Example") != std::string::npos);
    CHECK(xml.out.find("note: id e-dup is used by 2 events") != std::string::npos);
    CommandResult ics = run_command(lectern + " agenda show " + LECTERN_SOURCE_DIR + "/tests/data/schedules/meetups.ics");
    CHECK(ics.status == 0);
    CHECK(ics.out.find("09:00–09:45  [Main Hall] Keynote — Bea Sample, Cy Person") != std::string::npos);
    CommandResult html = run_command(lectern + " agenda show " + LECTERN_SOURCE_DIR + "/tests/data/schedules/login-page.html");
    CHECK(html.status == 2);
    CHECK(html.out.find("not a schedule Lectern reads: this looks like an HTML page") != std::string::npos);
}

TEST_CASE("agenda show and diff of a URL with a user, password and token print none of them") {
    const std::string url = "'https://user:pw@127.0.0.1:1/x?token=abc'";  // port 1: refused at once
    for (const std::string& command : {" agenda show " + url, " agenda diff " + url + " " + url}) {
        CommandResult r = run_command(lectern + command);
        CAPTURE(r.out);
        CHECK(r.status == 2);
        CHECK(r.out.find("https://127.0.0.1:1/x") != std::string::npos);
        CHECK(r.out.find("user") == std::string::npos);
        CHECK(r.out.find("pw") == std::string::npos);
        CHECK(r.out.find("abc") == std::string::npos);
    }
}

TEST_CASE("agenda diff tells what moved between two programmes") {
    const std::string old_path = write("old.xml", "<schedule><conference><title>C</title><time_zone_name>Europe/Berlin</time_zone_name>"
                                                  "</conference><day date=\"2025-02-01\"><room name=\"Hall\"><event guid=\"a\"><date>"
                                                  "2025-02-01T10:20:00+01:00</date><duration>00:30</duration><title>Alpha</title></event>"
                                                  "</room></day></schedule>");
    std::string moved = "BEGIN:VCALENDAR\nX-WR-CALNAME:C\nBEGIN:VEVENT\nUID:a\nSUMMARY:Alpha\nDTSTART;TZID=Europe/Berlin:20250201T103500\n"
                        "DURATION:PT30M\nLOCATION:Hall\nEND:VEVENT\nEND:VCALENDAR\n";
    const std::string new_path = write("new.ics", moved);
    CommandResult r = run_command(lectern + " agenda diff " + old_path + " " + new_path);
    CHECK(r.status == 0);
    CHECK(r.out.find("moved\ta\tAlpha — moved 10:20 → 10:35") != std::string::npos);
    CHECK(run_command(lectern + " agenda diff " + old_path + " " + old_path).out.find("no changes") != std::string::npos);
    CHECK(run_command(lectern + " agenda diff " + old_path).status == 2);
}

TEST_CASE("an unknown option is refused with exit 2") {
    CommandResult r = run_command(lectern + " --fullscreen-please");
    CHECK(r.status == 2);
    CHECK(r.out.find("unknown option --fullscreen-please") != std::string::npos);
}

TEST_CASE("hash-pin prints a hash that check-config accepts, and refuses a PIN that is not digits") {
    CommandResult r = run_command("echo 2468 | " + lectern + " hash-pin");
    REQUIRE(r.status == 0);
    std::string hash = r.out.substr(0, r.out.find('\n'));
    // The method, the iterations, a 16-byte salt and a 32-byte key in hex, and nothing else: no PIN in
    // clear. (Looking for "2468" in the line failed by chance: its 96 random hex digits hold any four
    // given digits 0.14% of the time.)
    CHECK(std::regex_match(hash, std::regex("pbkdf2-sha256\\$200000\\$[0-9a-f]{32}\\$[0-9a-f]{64}")));
    const std::string path = write("pin.toml", "[operator]\npin_hash = \"" + hash + "\"\n");
    CHECK(run_command(lectern + " check-config " + path).status == 0);
    const std::string broken = write("badpin.toml", "[operator]\npin_hash = \"pbkdf2-sha256$10$zz$00\"\n");
    CommandResult bad = run_command(lectern + " check-config " + broken);
    CHECK(bad.status == 2);
    CHECK(bad.out.find("operator.pin_hash") != std::string::npos);
    CHECK(run_command("echo abcd | " + lectern + " hash-pin").status == 2);
}
