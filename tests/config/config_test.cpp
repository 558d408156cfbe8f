// Configuration errors name the file, line and key, and say what is allowed.
#include "lectern_config.h"
#include "toml_reader.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <fstream>

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

TEST_CASE("an empty file gives the embedded defaults") {
    LecternConfig c = load_config_text("", "empty.toml");
    CHECK(c.kiosk.screen == "lobby");
    CHECK(c.agenda.file.empty());
    CHECK(c.display.text_scale == doctest::Approx(1.0));
}

TEST_CASE("an unknown key names its line and the keys allowed") {
    std::string message = problems_of("[kiosk]\nid = \"a\"\nscren = \"room\"\n");
    CHECK(message.find("lectern.toml:3:9: 'kiosk.scren': unknown key; this table takes") == 0);
    CHECK(message.find("screen") != std::string::npos);
}

TEST_CASE("a wrong type names line and key") {
    std::string message = problems_of("[agenda]\nreload_seconds = \"30\"\n");
    CHECK(message.find("lectern.toml:2:") == 0);
    CHECK(message.find("'agenda.reload_seconds': must be a whole number from 1 to 3600") != std::string::npos);
}

TEST_CASE("a bad value says what is allowed") {
    std::string message = problems_of("[kiosk]\nscreen = \"foyer\"\n[display]\ntext_scale = 9\n");
    CHECK(message.find("'kiosk.screen': \"foyer\" is not allowed; use one of \"lobby\", \"room\", \"timer\"") !=
          std::string::npos);
    CHECK(message.find("lectern.toml:4:") != std::string::npos);
    CHECK(message.find("'display.text_scale': 9 is out of range") != std::string::npos);
}

TEST_CASE("an unknown section is reported") {
    CHECK(problems_of("[kiosks]\nid = \"x\"\n").find("'kiosks': unknown key") != std::string::npos);
}

TEST_CASE("the example configuration file is valid") {
    LecternConfig c = load_config(LECTERN_SOURCE_DIR + "/config/lectern.example.toml");
    CHECK(c.kiosk.id == "lectern-01");
}

TEST_CASE("timer thresholds must be in order") {
    CHECK(problems_of("[timer]\nwarning_minutes = 2\nfinal_minutes = 3\n").find("'timer.final_minutes': must be less than warning_minutes (2)") !=
          std::string::npos);
}
