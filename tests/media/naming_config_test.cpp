// The [media] section and recording file names.
#include "file_naming.h"
#include "lectern_config.h"
#include "commands.h"
#include "toml_reader.h"
#include "test_paths.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {
std::string problems_of(const std::string& text) {
    try {
        load_config_text(text, "lectern.toml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("a bad media key names its line and key") {
    std::string m = problems_of("[media]\nwidth = 320\nprest = \"fast\"\n");
    CHECK(m.find("lectern.toml:3:") == 0);
    CHECK(m.find("'media.prest': unknown key") != std::string::npos);
    m = problems_of("[media]\nfps = \"30\"\n");
    CHECK(m.find("lectern.toml:2:") == 0);
    CHECK(m.find("'media.fps'") != std::string::npos);
    m = problems_of("[media]\nsource = \"webcam\"\n");
    CHECK(m.find("'media.source': \"webcam\" is not allowed") != std::string::npos);
    m = problems_of("[media]\nfit = \"zoom\"\n");
    CHECK(m.find("'media.fit': \"zoom\" is not allowed") != std::string::npos);
}

TEST_CASE("the example file documents the media defaults") {
    LecternConfig c = load_config(LECTERN_SOURCE_DIR + "/config/lectern.example.toml");
    MediaConfig defaults;
    CHECK(c.media.source == defaults.source);
    CHECK(c.media.preset == defaults.preset);
    CHECK(c.media.width == defaults.width);
    CHECK(c.media.fit == defaults.fit);
    CHECK(defaults.fit == "letterbox");
    CHECK(c.media.output_dir == defaults.output_dir);
    CHECK(c.media.file_name == defaults.file_name);
}

TEST_CASE("file names keep Chinese and lose separators, control characters and device names") {
    CHECK(safe_file_name("a/b\\c:d*e?f\"g<h>i|j\tk") == "a_b_c_d_e_f_g_h_i_j_k");
    CHECK(safe_file_name("伍建民 keynote") == "伍建民 keynote");
    CHECK(safe_file_name("CON") == "_CON");
    CHECK(safe_file_name("nul.txt") == "_nul.txt");
    CHECK(safe_file_name("../..") == "recording");
    std::string long_name;
    for (int i = 0; i < 100; ++i) long_name += "伍";
    std::string cut = safe_file_name(long_name, 150);
    CHECK(cut.size() <= 150);
    CHECK(cut.size() % 3 == 0);  // no character cut in half
}

TEST_CASE("a file name template takes date, room, time and speaker") {
    RecordingMeta m;
    m.room = "Hall A";
    m.speakers = {{"", "伍建民", "BJAST"}};
    m.time_zone = "Asia/Shanghai";
    TimePoint t = std::chrono::sys_days{std::chrono::year{2024} / 4 / 29} + std::chrono::hours{1} + std::chrono::minutes{40};
    CHECK(safe_file_name(expand_file_name("{date}_{room}_{time}_{speaker}", m, t)) == "2024-04-29_Hall A_0940_伍建民");
    m.speakers.clear();
    CHECK(safe_file_name(expand_file_name("{date}_{room}_{time}_{speaker}", m, t)) == "2024-04-29_Hall A_0940");
}

TEST_CASE("durations read as seconds, minutes or hours") {
    CHECK(parse_duration_seconds("30s") == 30);
    CHECK(parse_duration_seconds("90") == 90);
    CHECK(parse_duration_seconds("5m") == 300);
    CHECK(parse_duration_seconds("1h") == 3600);
    CHECK(parse_duration_seconds("soon") < 0);
    CHECK(parse_duration_seconds("-3s") < 0);
}
